import { describe, expect, it } from 'vitest';
import { describeError, fieldKey, isNotFound, mapProblemText } from './errors';

const gql = (...errors: Array<{ message: string; code?: string; field?: string }>) => ({
  graphQLErrors: errors.map((e) => ({ message: e.message, extensions: { code: e.code, field: e.field } })),
});

describe('fieldKey', () => {
  it('matches the server’s spellings of a field to the form’s', () => {
    expect(fieldKey('endsAt')).toBe('endsat');
    expect(fieldKey('ends_at')).toBe('endsat');
    expect(fieldKey('Event.ends_at')).toBe('endsat');
    expect(fieldKey('online_url')).toBe(fieldKey('onlineURL'));
    expect(fieldKey('contact_email')).toBe(fieldKey('contactEmail'));
  });
});

describe('describeError', () => {
  it('returns null when nothing failed', () => {
    expect(describeError(null)).toBeNull();
    expect(describeError(undefined)).toBeNull();
  });

  it('puts input errors next to their fields', () => {
    const p = describeError(
      gql(
        { message: 'the event must end after it starts', code: 'BAD_USER_INPUT', field: 'endsAt' },
        { message: '"x" is not a valid email address', code: 'BAD_USER_INPUT', field: 'contact_email' },
      ),
    )!;
    expect(p.code).toBe('BAD_USER_INPUT');
    expect(p.fieldErrors).toEqual({ endsat: 'The event must end after it starts', contactemail: '"x" is not a valid email address' });
    expect(p.messages).toEqual([]);
    expect(p.action).toMatch(/correct the fields/i);
  });

  it('keeps input errors without a field as form-level messages', () => {
    const p = describeError(gql({ message: 'unknown field "foo"', code: 'BAD_USER_INPUT' }))!;
    expect(p.messages).toEqual(['Unknown field "foo"']);
  });

  it.each([
    ['UNAUTHENTICATED', /sign in/i],
    ['FORBIDDEN', /permission/i],
    ['NOT_FOUND', /could not find/i],
    ['CONFLICT', /clashes/i],
    ['RATE_LIMITED', /too many/i],
    ['QUERY_TOO_COMPLEX', /too much/i],
  ])('explains %s in plain words and says what to do', (code, title) => {
    const p = describeError(gql({ message: 'x', code }))!;
    expect(p.code).toBe(code);
    expect(p.title).toMatch(title);
    expect(p.action.length).toBeGreaterThan(20);
  });

  it('shows conflict messages, which are written for people', () => {
    const p = describeError(gql({ message: 'this already exists (a value that must be unique is taken)', code: 'CONFLICT' }))!;
    expect(p.messages).toEqual(['This already exists (a value that must be unique is taken)']);
  });

  it('hides internal messages but keeps the reference to quote', () => {
    const p = describeError(gql({ message: 'internal error; reference 7f3a-19', code: 'INTERNAL' }))!;
    expect(p.code).toBe('INTERNAL');
    expect(p.reference).toBe('7f3a-19');
    expect(p.messages).toEqual([]);
    expect(p.retryable).toBe(true);
  });

  it('treats unknown codes as internal', () => {
    expect(describeError(gql({ message: 'boom', code: 'SOMETHING_NEW' }))!.code).toBe('INTERNAL');
  });

  it('leads with the most actionable code', () => {
    const p = describeError(gql({ message: 'a', code: 'NOT_FOUND' }), )!;
    expect(p.code).toBe('NOT_FOUND');
    const q = describeError(gql({ message: 'a', code: 'NOT_FOUND' }, { message: 'b', code: 'UNAUTHENTICATED' }))!;
    expect(q.code).toBe('UNAUTHENTICATED');
  });

  it('describes network failures and HTTP statuses', () => {
    expect(describeError({ networkError: new Error('Failed to fetch') })!.code).toBe('NETWORK');
    expect(describeError({ networkError: new Error('x'), response: { status: 429 } })!.code).toBe('RATE_LIMITED');
    expect(describeError({ networkError: new Error('x'), response: { status: 403 } })!.code).toBe('FORBIDDEN');
  });

  it('recognises not-found', () => {
    expect(isNotFound(gql({ message: 'not found', code: 'NOT_FOUND' }))).toBe(true);
    expect(isNotFound(gql({ message: 'no', code: 'FORBIDDEN' }))).toBe(false);
  });
});

describe('mapProblemText', () => {
  it('rewrites field and form messages alike', () => {
    const p = describeError({
      graphQLErrors: [
        { message: 'a 1', extensions: { code: 'BAD_USER_INPUT', field: 'endsAt' } },
        { message: 'b 1', extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
    const q = mapProblemText(p, (t) => t.replace('1', 'one'))!;
    expect(q.fieldErrors).toEqual({ endsat: 'A one' });
    expect(q.messages).toEqual(['B one']);
    expect(mapProblemText(null, (t) => t)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { describeWalkIn, walkInInput } from './walkin';

const start = '2027-01-12T10:00:00Z';

describe('walkInInput', () => {
  it('records someone from the directory, as a deputy when asked', () => {
    expect(walkInInput('e1', start, { mode: 'directory', person: { id: 'p9', name: 'Kim' } })).toEqual({
      input: { eventId: 'e1', occurrenceStart: start, personId: 'p9' },
    });
    expect(walkInInput('e1', start, { mode: 'directory', person: { id: 'p9', name: 'Kim' } }, 'p1')).toEqual({
      input: { eventId: 'e1', occurrenceStart: start, personId: 'p9', deputyFor: 'p1' },
    });
  });

  it('asks to choose someone, and not the invitee themselves', () => {
    expect(walkInInput('e1', start, { mode: 'directory', person: null }).errors?.personId).toMatch(/^Choose the person/);
    expect(walkInInput('e1', start, { mode: 'directory', person: { id: 'p1', name: 'Zoë' } }, 'p1').errors?.personId).toMatch(/not the invitee/);
  });

  it('adds a new person with only what is known, trimmed', () => {
    expect(walkInInput('e1', start, { mode: 'new', name: '  Kim Lee ', email: '', stakeholderGroup: '', organisation: null })).toEqual({
      input: { eventId: 'e1', occurrenceStart: start, name: 'Kim Lee' },
    });
    expect(
      walkInInput('e1', start, { mode: 'new', name: 'Kim Lee', email: ' kim@example.org ', stakeholderGroup: 'FRONTLINE', organisation: { id: 'o1', name: 'Shelter' } }, 'p1'),
    ).toEqual({
      input: { eventId: 'e1', occurrenceStart: start, name: 'Kim Lee', email: 'kim@example.org', stakeholderGroup: 'FRONTLINE', organisationId: 'o1', deputyFor: 'p1' },
    });
  });

  it('needs a name and a plausible email', () => {
    const r = walkInInput('e1', start, { mode: 'new', name: ' ', email: 'kim at example', stakeholderGroup: '', organisation: null });
    expect(r.input).toBeUndefined();
    expect(r.errors).toEqual({ name: 'Enter their name.', email: 'Enter an email address like name@example.org, or leave it empty.' });
  });
});

describe('describeWalkIn', () => {
  it('says who is in, instead of whom, and whether they are new', () => {
    expect(describeWalkIn({ person: { name: 'Kim' }, created: false })).toBe('Kim is checked in as a walk-in.');
    expect(describeWalkIn({ person: { name: 'Kim' }, created: true }, 'Zoë')).toBe('Kim is checked in, instead of Zoë. They were added to the directory.');
  });
});

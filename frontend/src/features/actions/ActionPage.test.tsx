// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionPage, describeUpdate } from './ActionPage';
import { progressInput } from './progress';
import { mockClient, renderWithClient } from '../../test/render';

const action = (over: Record<string, unknown> = {}) => ({
  __typename: 'Action',
  id: 'a1',
  title: 'Share referral data',
  description: 'Agree the fields first.',
  status: 'OPEN',
  progress: 0,
  dueDate: '2026-01-31T23:59:00Z',
  overdue: true,
  completedAt: null,
  occurrenceStart: '2026-01-10T10:00:00Z',
  programme: { __typename: 'Programme', id: 'p1', name: 'System change', timeZone: 'Europe/London' },
  event: { __typename: 'Event', id: 'e1', title: 'Partnership Forum' },
  ownerPerson: null,
  ownerOrganisation: { __typename: 'Organisation', id: 'org1', name: 'Leeds Shelter' },
  commitments: {
    __typename: 'CommitmentConnection',
    totalCount: 1,
    edges: [{ __typename: 'CommitmentEdge', node: { __typename: 'Commitment', id: 'c1', title: 'Data sharing agreement', kind: 'DATA_SHARING', status: 'AGREED', organisation: { __typename: 'Organisation', id: 'org2', name: 'NHS Leeds' } } }],
  },
  updates: {
    __typename: 'ActionUpdateConnection',
    totalCount: 1,
    edges: [
      {
        __typename: 'ActionUpdateEdge',
        node: { __typename: 'ActionUpdate', id: 'u1', createdAt: '2026-01-12T09:00:00Z', note: 'Asked the council', oldStatus: null, newStatus: null, oldProgress: 0, newProgress: 10, author: { __typename: 'Person', id: 'per1', name: 'Amir Khan' } },
      },
    ],
  },
  ...over,
});

type Op = { variables: { id: string; input: Record<string, unknown> } };

describe('Action page', { timeout: 20_000 }, () => {
  it('shows the owner, due date (overdue), where it came from, its commitments and history', async () => {
    renderWithClient(<ActionPage id="a1" />, mockClient({ query: () => ({ data: { node: action() } }) }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Share referral data' })).toBeTruthy();
    expect(screen.getAllByText('Overdue').length).toBeGreaterThan(1);
    expect(screen.getByText('Leeds Shelter')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Partnership Forum' }).getAttribute('href')).toBe('/events/e1');
    expect(screen.getByRole('link', { name: 'Data sharing agreement' }).getAttribute('href')).toBe('/commitments/c1');
    const history = screen.getByRole('list', { name: 'History' });
    expect(within(history).getByText('Progress 0% → 10%')).toBeTruthy();
    expect(within(history).getByText('Asked the council')).toBeTruthy();
    expect(within(history).getByText(/Amir Khan/)).toBeTruthy();
  });

  it('reports 50% with a note, from the keyboard, and shows the new history', async () => {
    const after = action({
      status: 'IN_PROGRESS',
      progress: 50,
      updates: {
        __typename: 'ActionUpdateConnection',
        totalCount: 1,
        edges: [{ __typename: 'ActionUpdateEdge', node: { __typename: 'ActionUpdate', id: 'u2', createdAt: '2026-02-01T09:00:00Z', note: 'Draft sent', oldStatus: 'OPEN', newStatus: 'IN_PROGRESS', oldProgress: 0, newProgress: 50, author: null } }],
      },
    });
    const client = mockClient({ query: () => ({ data: { node: action() } }), mutation: () => ({ data: { reportActionProgress: after } }) });
    renderWithClient(<ActionPage id="a1" />, client);
    const status = await screen.findByLabelText('Status');
    await userEvent.selectOptions(status, 'IN_PROGRESS');
    const progress = screen.getByLabelText('Progress (%)');
    await userEvent.clear(progress);
    await userEvent.type(progress, '50');
    await userEvent.type(screen.getByLabelText('Note (optional)'), 'Draft sent');
    // Enter in a text field submits the form.
    await userEvent.type(progress, '{Enter}');
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as Op).variables).toEqual({ id: 'a1', input: { status: 'IN_PROGRESS', progress: 50, note: 'Draft sent' } });
    await waitFor(() => expect((screen.getByLabelText('Note (optional)') as HTMLTextAreaElement).value).toBe(''));
  });

  it('shows a bad percentage next to the field without asking the server', async () => {
    const client = mockClient({ query: () => ({ data: { node: action() } }) });
    renderWithClient(<ActionPage id="a1" />, client);
    const progress = await screen.findByLabelText('Progress (%)');
    await userEvent.clear(progress);
    await userEvent.type(progress, '150');
    await userEvent.click(screen.getByRole('button', { name: 'Report progress' }));
    await waitFor(() => expect(progress.getAttribute('aria-invalid')).toBe('true'));
    const errorId = progress.getAttribute('aria-describedby')!.split(' ').find((i) => i.endsWith('-error'))!;
    expect(document.getElementById(errorId)!.textContent).toContain('whole number from 0 to 100');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert')));
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal next to the field it names', async () => {
    const client = mockClient({
      query: () => ({ data: { node: action() } }),
      mutation: () => ({
        error: { name: 'CombinedError', message: 'bad', graphQLErrors: [{ message: 'progress is a percentage from 0 to 100 (got 99)', extensions: { code: 'BAD_USER_INPUT', field: 'progress' } }] } as never,
      }),
    });
    renderWithClient(<ActionPage id="a1" />, client);
    const progress = await screen.findByLabelText('Progress (%)');
    await userEvent.clear(progress);
    await userEvent.type(progress, '99');
    await userEvent.click(screen.getByRole('button', { name: 'Report progress' }));
    await waitFor(() => expect(progress.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText('Progress is a percentage from 0 to 100 (got 99)').length).toBeGreaterThan(0);
  });

  it('says when the action cannot be found', async () => {
    renderWithClient(<ActionPage id="zz" />, mockClient({ query: () => ({ data: { node: null } }) }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Action not found' })).toBeTruthy();
  });
});

describe('progressInput', () => {
  const saved = { status: 'OPEN', progress: 0 };
  it('sends only what changed, and the note', () => {
    expect(progressInput({ status: 'OPEN', progress: '40', note: '' }, saved)).toEqual({ input: { progress: 40 }, errors: {} });
    expect(progressInput({ status: 'DONE', progress: '0', note: ' done ' }, saved).input).toEqual({ status: 'DONE', note: 'done' });
  });
  it('refuses an empty report and bad percentages', () => {
    expect(progressInput({ status: 'OPEN', progress: '0', note: ' ' }, saved).errors.note).toBeTruthy();
    expect(progressInput({ status: 'OPEN', progress: '101', note: '' }, saved).errors.progress).toBeTruthy();
    expect(progressInput({ status: 'OPEN', progress: '-1', note: '' }, saved).errors.progress).toBeTruthy();
    expect(progressInput({ status: 'OPEN', progress: '4.5', note: '' }, saved).errors.progress).toBeTruthy();
  });
  it('describes history entries', () => {
    expect(describeUpdate({ oldStatus: 'OPEN', newStatus: 'DONE', oldProgress: 20, newProgress: 100 })).toBe('Status Open → Done, Progress 20% → 100%');
    expect(describeUpdate({ oldStatus: null, newStatus: null, oldProgress: null, newProgress: null })).toBe('Note');
  });
});

// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InviteForm } from './InviteDialog';
import { makeSubject, map, pipe } from 'wonka';
import { act } from '@testing-library/react';
import { mockClient, opName, renderWithClient } from '../../test/render';

describe('InviteForm', () => {
  it('invites an organisation’s members and reports the result with the reply counts', async () => {
    const client = mockClient({
      query: (op) =>
        opName(op) === 'EventReplySummary'
          ? { data: { node: { __typename: 'Event', id: 'e1', replySummary: { totals: { total: 7, pending: 3, accepted: 2, tentative: 1, declined: 1, waitlisted: 0 } } } } }
          : { data: { organisations: { edges: [{ node: { id: 'o1', name: 'Leeds Shelter' } }, { node: { id: 'o2', name: 'Council' } }] } } },
      mutation: () => ({ data: { invite: { skipped: 1, notEmailed: 0, invitations: [{ id: 'i1', response: 'PENDING' }, { id: 'i2', response: 'PENDING' }] } } }),
    });
    const onInvited = vi.fn();
    renderWithClient(<InviteForm eventId="e1" eventTitle="Forum" onInvited={onInvited} onClose={() => {}} />, client);
    const replies = await screen.findByRole('list', { name: 'Replies so far' });
    expect(replies.textContent).toContain('7Invited');
    await userEvent.click(screen.getByRole('button', { name: /Send invitations/ }));
    expect(screen.getByText('Choose at least one to invite.')).toBeTruthy();
    await userEvent.click(await screen.findByLabelText('Leeds Shelter'));
    await userEvent.click(screen.getByRole('button', { name: 'Send invitations (1 chosen)' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({ input: { eventID: 'e1', organisationIDs: ['o1'] } });
    expect(await screen.findByText('2 people invited. 1 was already invited.')).toBeTruthy();
    expect(onInvited).toHaveBeenCalled();
  });

  it('offers stakeholder groups without searching', async () => {
    const client = mockClient({ query: () => undefined });
    renderWithClient(<InviteForm eventId="e1" eventTitle="Forum" onClose={() => {}} />, client);
    await userEvent.click(screen.getByLabelText('Stakeholder groups'));
    expect(screen.getByLabelText('Lived experience')).toBeTruthy();
    expect(screen.queryByLabelText(/^Search/)).toBeNull();
  });

  it('shows the reply counts live: the subscription’s counts replace the first load and keep updating', async () => {
    const client = mockClient({
      query: (op) =>
        opName(op) === 'EventReplySummary'
          ? { data: { node: { __typename: 'Event', id: 'e1', replySummary: { totals: { total: 7, pending: 3, accepted: 2, tentative: 1, declined: 1, waitlisted: 0 } } } } }
          : { data: { organisations: { edges: [] } } },
    });
    const live = makeSubject<{ total: number; pending: number; accepted: number; tentative: number; declined: number; waitlisted: number }>();
    const subscribe = vi.fn((operation: { query: unknown; variables: unknown }) =>
      // Each message from the server becomes a result of the subscription.
      pipe(
        live.source,
        map((counts) => ({ operation, data: { eventReplies: { __typename: 'ReplyCounts', ...counts } }, stale: false, hasNext: true })),
      ),
    );
    renderWithClient(<InviteForm eventId="e1" eventTitle="Forum" onClose={() => {}} />, { ...client, executeSubscription: subscribe as never });
    const replies = await screen.findByRole('list', { name: 'Replies so far' });
    expect(screen.getByText('Counts as of opening; live updates are not connected.')).toBeTruthy();
    expect(subscribe).toHaveBeenCalled();
    expect((subscribe.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({ eventId: 'e1' });
    act(() => live.next({ total: 8, pending: 3, accepted: 3, tentative: 1, declined: 1, waitlisted: 0 }));
    await waitFor(() => expect(label(replies, 'Accepted')).toBe('3'));
    expect(label(replies, 'Invited')).toBe('8');
    expect(screen.getByText('Live: updates as replies come in.')).toBeTruthy();
    // Someone declines: the dialog follows without reloading.
    act(() => live.next({ total: 8, pending: 2, accepted: 3, tentative: 1, declined: 2, waitlisted: 0 }));
    await waitFor(() => expect(label(replies, 'Declined')).toBe('2'));
    expect(label(replies, 'No reply')).toBe('2');
    expect(label(replies, 'Maybe')).toBe('1');
    expect(label(replies, 'Waiting list')).toBe('0');
  });

  it('uses the page’s live counts when given them, without a second subscription', async () => {
    const client = mockClient({ query: () => undefined });
    const replies = { counts: { total: 3, pending: 0, accepted: 3, tentative: 0, declined: 0, waitlisted: 0 }, live: true, error: undefined, fetching: false };
    renderWithClient(<InviteForm eventId="e1" eventTitle="Forum" onClose={() => {}} replies={replies} />, client);
    const list = screen.getByRole('list', { name: 'Replies so far' });
    expect(label(list, 'Accepted')).toBe('3');
    expect(screen.getByText('Live: updates as replies come in.')).toBeTruthy();
    expect(client.executeSubscription).not.toHaveBeenCalled();
    expect(client.executeQuery.mock.calls.some((c) => opName(c[0] as { query: unknown }) === 'EventReplySummary')).toBe(false);
  });
});

/** The number shown next to a count's label. */
function label(list: HTMLElement, name: string): string | null | undefined {
  const item = [...list.querySelectorAll('.counts__item')].find((li) => li.querySelector('.counts__label')?.textContent === name);
  return item?.querySelector('.counts__number')?.textContent;
}

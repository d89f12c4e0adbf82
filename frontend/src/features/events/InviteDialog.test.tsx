// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InviteForm } from './InviteDialog';
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
});

// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockClient, opName, renderWithClient } from '../../test/render';
import { InvitationManage } from './InvitationManage';

describe('InvitationManage', () => {
  it('records a reply given in person and withdraws only after confirmation', async () => {
    const user = userEvent.setup();
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const c = mockClient({
      mutation: (op) => {
        const name = opName(op);
        calls.push({ name, variables: op.variables as Record<string, unknown> });
        return name === 'RecordReply'
          ? { data: { respondToInvitation: { __typename: 'Invitation', id: 'i1', response: 'ACCEPTED', respondedAt: null, waitlistPosition: null } } }
          : { data: { withdrawInvitation: { __typename: 'Invitation', id: 'i1' } } };
      },
    });
    const changed = vi.fn();
    renderWithClient(<InvitationManage invitationId="i1" personName="Kim Lee" onChanged={changed} />, c);
    await user.click(screen.getByText('Manage'));

    const save = screen.getByRole('button', { name: 'Save Kim Lee’s reply' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(screen.getByLabelText('Record Kim Lee’s reply'), 'ACCEPTED');
    await user.click(save);
    expect(calls).toEqual([{ name: 'RecordReply', variables: { id: 'i1', response: 'ACCEPTED' } }]);
    expect(changed).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: 'Withdraw Kim Lee’s invitation' }));
    expect(calls).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Yes, withdraw Kim Lee’s invitation' }));
    expect(calls[1]).toEqual({ name: 'WithdrawInvitation', variables: { id: 'i1' } });
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('says why the server refused', async () => {
    const user = userEvent.setup();
    const c = mockClient({
      mutation: () => ({
        error: { name: 'CombinedError', message: 'full', graphQLErrors: [{ message: 'the event is full: they were put on the waiting list', extensions: { code: 'CONFLICT' } }] } as never,
      }),
    });
    renderWithClient(<InvitationManage invitationId="i1" personName="Kim Lee" onChanged={() => {}} />, c);
    await user.click(screen.getByText('Manage'));
    await user.selectOptions(screen.getByLabelText('Record Kim Lee’s reply'), 'ACCEPTED');
    await user.click(screen.getByRole('button', { name: 'Save Kim Lee’s reply' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The event is full');
  });
});

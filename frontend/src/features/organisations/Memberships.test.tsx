// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Memberships } from './Memberships';
import { mockClient, opName, renderWithClient } from '../../test/render';

const ORG = { __typename: 'Organisation', id: 'o1', name: 'Leeds Mind' };
const ROW = { __typename: 'Membership', id: 'm1', jobTitle: 'Peer mentor', person: { __typename: 'Person', id: 'p1', name: 'Pat Peer' }, organisation: ORG };

function connection(rows: unknown[], hasNextPage = false, endCursor: string | null = null) {
  return { __typename: 'MembershipConnection', totalCount: hasNextPage ? rows.length + 1 : rows.length, pageInfo: { hasNextPage, endCursor }, edges: rows.map((node) => ({ node })) };
}

type Op = { variables: Record<string, unknown> };

function client(mutation?: NonNullable<Parameters<typeof mockClient>[0]>['mutation']) {
  return mockClient({
    query: (op) => {
      const v = op.variables as { after?: string | null };
      if (opName(op) === 'OrganisationMembers') {
        if (v.after === 'c1') return { data: { node: { ...ORG, memberships: connection([{ ...ROW, id: 'm2', jobTitle: null, person: { __typename: 'Person', id: 'p2', name: 'Sam Second' } }]) } } };
        return { data: { node: { ...ORG, memberships: connection([ROW], true, 'c1') } } };
      }
      if (opName(op) === 'PickPeople') {
        return { data: { people: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, edges: [{ node: { id: 'p9', name: 'Dee Door' } }] } } };
      }
      return undefined;
    },
    mutation,
  });
}

describe('Memberships', { timeout: 20_000 }, () => {
  it('lists an organisation’s members page by page', async () => {
    renderWithClient(<Memberships of="organisation" id="o1" name="Leeds Mind" />, client());
    const table = await screen.findByRole('table', { name: 'Members of Leeds Mind' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['Pat PeerPeer mentor Change the job title Pat PeerRemove Pat Peer']);
    await userEvent.click(screen.getByRole('button', { name: 'Load more members' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).getAllByRole('row')[2]!.textContent).toBe('Sam SecondNot given Change the job title Sam SecondRemove Sam Second');
    expect(screen.queryByRole('button', { name: 'Load more members' })).toBeNull();
  });

  it('adds a person with a job title (keyboard), and shows server field errors', async () => {
    let calls = 0;
    const c = client(() => {
      calls += 1;
      if (calls === 1) {
        return {
          error: {
            name: 'CombinedError',
            message: '[GraphQL] bad',
            graphQLErrors: [{ message: 'value is more than the max length', extensions: { code: 'BAD_USER_INPUT', field: 'job_title' } }],
          } as never,
        };
      }
      return { data: { createMembership: { ...ROW, id: 'm9', jobTitle: 'Volunteer', person: { __typename: 'Person', id: 'p9', name: 'Dee Door' } } } };
    });
    renderWithClient(<Memberships of="organisation" id="o1" name="Leeds Mind" />, c);
    await screen.findByRole('table');
    // Nothing chosen: asked before anything is sent.
    await userEvent.click(screen.getByRole('button', { name: 'Add a member' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Choose the person to add.');
    expect(c.executeMutation).not.toHaveBeenCalled();

    const picker = screen.getByRole('combobox', { name: /Person/ });
    await userEvent.type(picker, 'dee');
    await screen.findByRole('option', { name: 'Dee Door' }, { timeout: 4000 });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await userEvent.type(screen.getByLabelText('Job title or role there (optional)'), ' Volunteer ');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(c.executeMutation).toHaveBeenCalledOnce());
    expect((c.executeMutation.mock.calls[0]![0] as Op).variables).toEqual({ input: { organisationID: 'o1', personID: 'p9', jobTitle: 'Volunteer' } });
    const job = screen.getByLabelText('Job title or role there (optional)');
    await waitFor(() => expect(job.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('field-jobTitle-error')?.textContent).toBe('Error: Value is more than the max length');

    await userEvent.click(screen.getByRole('button', { name: 'Add a member' }));
    expect(await screen.findByText('Dee Door is now listed at Leeds Mind.')).toBeTruthy();
    expect((screen.getByLabelText('Job title or role there (optional)') as HTMLInputElement).value).toBe('');
  });

  it('on a person, adds an organisation and removes one', async () => {
    const c = mockClient({
      query: (op) =>
        opName(op) === 'PersonMemberships'
          ? { data: { node: { __typename: 'Person', id: 'p1', memberships: connection([ROW]) } } }
          : opName(op) === 'PickOrganisations'
            ? { data: { organisations: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, edges: [{ node: { id: 'o2', name: 'West Yorkshire Police' } }] } } }
            : undefined,
      mutation: (op) => (opName(op) === 'DeleteMembership' ? { data: { deleteMembership: 'm1' } } : { data: { createMembership: { ...ROW, id: 'm3', organisation: { __typename: 'Organisation', id: 'o2', name: 'West Yorkshire Police' } } } }),
    });
    renderWithClient(<Memberships of="person" id="p1" name="Pat Peer" />, c);
    expect(await screen.findByRole('table', { name: 'Organisations of Pat Peer' })).toBeTruthy();
    await userEvent.type(screen.getByRole('combobox', { name: /Organisation/ }), 'police');
    await userEvent.click(await screen.findByRole('option', { name: 'West Yorkshire Police' }, { timeout: 4000 }));
    await userEvent.click(screen.getByRole('button', { name: 'Add an organisation' }));
    await waitFor(() => expect(c.executeMutation).toHaveBeenCalledOnce());
    expect((c.executeMutation.mock.calls[0]![0] as Op).variables).toEqual({ input: { personID: 'p1', organisationID: 'o2', jobTitle: undefined } });
    await userEvent.click(screen.getByRole('button', { name: 'Remove from Leeds Mind' }));
    await waitFor(() => expect(c.executeMutation).toHaveBeenCalledTimes(2));
    expect((c.executeMutation.mock.calls[1]![0] as Op).variables).toEqual({ id: 'm1' });
    expect(await screen.findByText('Pat Peer is no longer listed at Leeds Mind.')).toBeTruthy();
  });

  it('changes a job title in place, and removes it when emptied', async () => {
    const c = client((op) => {
      const { input } = (op as Op).variables as { input: { jobTitle?: string; clearJobTitle?: boolean } };
      return { data: { updateMembership: { ...ROW, jobTitle: input.clearJobTitle ? null : input.jobTitle } } };
    });
    renderWithClient(<Memberships of="organisation" id="o1" name="Leeds Mind" />, c);
    await screen.findByRole('table');
    const change = await screen.findByRole('button', { name: 'Change the job title Pat Peer' });
    await userEvent.click(change);
    const field = screen.getByLabelText('Job title Pat Peer');
    expect(document.activeElement).toBe(field);
    expect((field as HTMLInputElement).value).toBe('Peer mentor');
    await userEvent.clear(field);
    await userEvent.type(field, '  Lived experience lead {Enter}');
    await waitFor(() => expect(c.executeMutation).toHaveBeenCalledOnce());
    expect((c.executeMutation.mock.calls[0]![0] as Op).variables).toEqual({ id: 'm1', input: { jobTitle: 'Lived experience lead' } });
    expect(await screen.findByText('Pat Peer’s job title at Leeds Mind is now “Lived experience lead”.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Change the job title Pat Peer'));

    // Escape closes without saving; an empty field removes the title.
    await userEvent.click(screen.getByRole('button', { name: 'Change the job title Pat Peer' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByLabelText('Job title Pat Peer')).toBeNull();
    expect(c.executeMutation).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('button', { name: 'Change the job title Pat Peer' }));
    await userEvent.clear(screen.getByLabelText('Job title Pat Peer'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(c.executeMutation).toHaveBeenCalledTimes(2));
    expect((c.executeMutation.mock.calls[1]![0] as Op).variables).toEqual({ id: 'm1', input: { clearJobTitle: true } });
    expect(await screen.findByText('Pat Peer’s job title at Leeds Mind is removed.')).toBeTruthy();
  });
});

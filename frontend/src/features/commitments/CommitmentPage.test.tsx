// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CommitmentPage } from './CommitmentPage';
import { NewCommitmentPage } from './NewCommitmentPage';
import { CommitmentsPage } from './CommitmentsPage';
import { commitmentInput, describeChange, emptyCommitment, nextStatuses } from './commitmentForm';
import { mockClient, opName, renderWithClient } from '../../test/render';

const org = (id: string, name: string) => ({ __typename: 'Organisation', id, name });
const conn = (type: string, nodes: unknown[]) => ({
  __typename: `${type}Connection`,
  totalCount: nodes.length,
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
  edges: nodes.map((node) => ({ __typename: `${type}Edge`, node })),
});

const commitment = (over: Record<string, unknown> = {}) => ({
  __typename: 'Commitment',
  id: 'c1',
  title: 'Link worker funding',
  kind: 'FUNDING',
  status: 'PROPOSED',
  amount: '25000',
  currency: 'GBP',
  hours: null,
  hoursPeriod: null,
  startsOn: '2026-04-01T11:00:00Z',
  endsOn: '2027-03-31T11:00:00Z',
  reviewOn: null,
  conditions: null,
  evidence: null,
  programme: { __typename: 'Programme', id: 'p1', name: 'System change', timeZone: 'Europe/London' },
  organisation: org('o1', 'Leeds City Council'),
  beneficiary: org('o2', 'Northgate Mind'),
  predecessor: null,
  successors: [],
  history: [
    { __typename: 'AuditEntry', id: 'h1', createdAt: '2026-03-01T10:00:00Z', actorID: 7, operation: 'CREATE', changes: { status: { new: 'PROPOSED' }, title: { new: 'Link worker funding' } } },
    { __typename: 'AuditEntry', id: 'h2', createdAt: '2026-03-02T10:00:00Z', actorID: 7, operation: 'UPDATE', changes: { amount: { old: '20000', new: '25000' } } },
  ],
  actions: conn('Action', [
    { __typename: 'Action', id: 'a1', title: 'Recruit link workers', status: 'OPEN', dueDate: '2026-01-31T23:59:00Z', overdue: true, ownerPerson: null, ownerOrganisation: org('o2', 'Northgate Mind') },
  ]),
  ...over,
});

type Op = { query: unknown; variables: unknown };
type Vars = Record<string, unknown>;

function queries(detail: unknown) {
  return (op: Op) => {
    switch (opName(op)) {
      case 'CommitmentDetail':
        return { data: { node: detail } };
      case 'HistoryActors':
        return { data: { nodes: [{ __typename: 'Person', id: '7', name: 'Priya Shah' }] } };
      case 'PickActions':
        return { data: { actions: conn('Action', [{ __typename: 'Action', id: 'a9', title: 'Map referral routes' }]) } };
      default:
        return undefined;
    }
  };
}

afterEach(() => window.history.replaceState(null, '', '/'));

describe('Commitment page', { timeout: 20_000 }, () => {
  it('shows the pledge, its history with who changed what, and linked actions (overdue marked)', async () => {
    renderWithClient(<CommitmentPage id="c1" />, mockClient({ query: queries(commitment()) }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Link worker funding' })).toBeTruthy();
    expect(screen.getByText('Leeds City Council')).toBeTruthy();
    const history = screen.getByRole('list', { name: 'History' });
    expect(within(history).getByText('Amount: 20000 → 25000')).toBeTruthy();
    expect(within(history).getByText('Recorded as proposed')).toBeTruthy();
    await waitFor(() => expect(within(history).getAllByText(/Priya Shah/).length).toBe(2));
    const linked = screen.getByRole('list', { name: 'Actions serving it' });
    expect(within(linked).getByRole('link', { name: 'Recruit link workers' }).getAttribute('href')).toBe('/actions/a1');
    expect(within(linked).getByText('Overdue')).toBeTruthy();
  });

  it('offers only the legal next statuses and sends the chosen one (keyboard)', async () => {
    const client = mockClient({ query: queries(commitment()), mutation: () => ({ data: { updateCommitment: commitment({ status: 'AGREED' }) } }) });
    renderWithClient(<CommitmentPage id="c1" />, client);
    const group = await screen.findByRole('group', { name: /Move it to/ });
    const options = within(group).getAllByRole('radio').map((r) => (r as HTMLInputElement).value);
    expect(options).toEqual(['AGREED', 'LAPSED', 'WITHDRAWN']);
    within(group).getByRole('radio', { name: 'Agreed' }).focus();
    await userEvent.keyboard(' ');
    expect((within(group).getByRole('radio', { name: 'Agreed' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.tab(); // to "Change status"
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as Op).variables as Vars).toEqual({ id: 'c1', input: { status: 'AGREED' } });
  });

  it('shows the server’s refusal of a move next to the status field', async () => {
    const client = mockClient({
      query: queries(commitment()),
      mutation: () => ({
        error: {
          name: 'CombinedError',
          message: 'bad',
          graphQLErrors: [{ message: 'a commitment cannot move from DELIVERED to AGREED: DELIVERED is final', extensions: { code: 'BAD_USER_INPUT', field: 'status' } }],
        } as never,
      }),
    });
    renderWithClient(<CommitmentPage id="c1" />, client);
    await userEvent.click(await screen.findByRole('radio', { name: 'Agreed' }));
    await userEvent.click(screen.getByRole('button', { name: 'Change status' }));
    const group = screen.getByRole('group', { name: /Move it to/ });
    await waitFor(() => expect(within(group).getByText(/cannot move from DELIVERED to AGREED/)).toBeTruthy());
    expect(group.getAttribute('aria-describedby')).toContain('error');
  });

  it('says a final status is final, offering no moves', async () => {
    renderWithClient(<CommitmentPage id="c1" />, mockClient({ query: queries(commitment({ status: 'DELIVERED' })) }));
    expect(await screen.findByText(/Delivered is final/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change status' })).toBeNull();
  });

  it('links an action picked by title with the keyboard, and unlinks one', async () => {
    const client = mockClient({ query: queries(commitment()), mutation: () => ({ data: { updateCommitment: commitment() } }) });
    renderWithClient(<CommitmentPage id="c1" />, client);
    const picker = await screen.findByRole('combobox', { name: 'Action' });
    await userEvent.type(picker, 'referral');
    await screen.findByRole('option', { name: 'Map referral routes' }, { timeout: 4000 });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Link action' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as Op).variables as Vars).toEqual({ id: 'c1', input: { addActionIDs: ['a9'] } });
    const search = client.executeQuery.mock.calls.map((c) => c[0] as Op).filter((o) => opName(o) === 'PickActions').at(-1)!;
    expect((search.variables as Vars).where).toEqual({ programmeID: 'p1', not: { hasCommitmentsWith: [{ id: 'c1' }] }, titleContainsFold: 'referral' });
    await userEvent.click(screen.getByRole('button', { name: 'Unlink Recruit link workers' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledTimes(2));
    expect((client.executeMutation.mock.calls[1]![0] as Op).variables as Vars).toEqual({ id: 'c1', input: { removeActionIDs: ['a1'] } });
  });

  it('asks for an action before linking, next to the picker', async () => {
    const client = mockClient({ query: queries(commitment()) });
    renderWithClient(<CommitmentPage id="c1" />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Link action' }));
    const picker = screen.getByRole('combobox', { name: 'Action' });
    await waitFor(() => expect(picker.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText('Choose an action to link.').length).toBeGreaterThan(0);
    expect(client.executeMutation).not.toHaveBeenCalled();
  });
});

const programmes = { data: { programmes: conn('Programme', [{ __typename: 'Programme', id: 'p1', name: 'System change', timeZone: 'Europe/London' }]) } };

function newPageQueries(op: Op) {
  switch (opName(op)) {
    case 'LedgerProgrammes':
      return programmes;
    case 'PickOrganisations':
      return { data: { organisations: conn('Organisation', [org('o1', 'Leeds City Council')]) } };
    default:
      return undefined;
  }
}

describe('New commitment', { timeout: 20_000 }, () => {
  it('marks missing fields next to each, and asks nothing of the server', async () => {
    const client = mockClient({ query: newPageQueries });
    renderWithClient(<NewCommitmentPage />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Record commitment' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Choose the kind of commitment.');
    expect(summary.textContent).toContain('Choose the organisation making the commitment.');
    expect(summary.textContent).toContain('Enter the day the commitment starts.');
    expect(screen.getByLabelText('What is committed').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('combobox', { name: 'Organisation making it' }).getAttribute('aria-invalid')).toBe('true');
    // The only programme is chosen already.
    expect((screen.getByLabelText('Programme') as HTMLSelectElement).value).toBe('p1');
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it('records a funding commitment as proposed and opens its page', async () => {
    const client = mockClient({
      query: newPageQueries,
      mutation: () => ({ data: { createCommitment: { __typename: 'Commitment', id: '42', title: 'Link worker funding', programmeID: 'p1', organisationID: 'o1' } } }),
    });
    renderWithClient(<NewCommitmentPage />, client);
    await userEvent.type(await screen.findByLabelText('What is committed'), 'Link worker funding');
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'FUNDING');
    await userEvent.type(screen.getByRole('combobox', { name: 'Organisation making it' }), 'leeds');
    await screen.findByRole('option', { name: 'Leeds City Council' }, { timeout: 4000 });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await userEvent.type(screen.getByLabelText('Amount'), '25000');
    await userEvent.type(screen.getByLabelText('Starts'), '2026-04-01');
    await userEvent.type(screen.getByLabelText('Ends (optional)'), '2027-03-31');
    await userEvent.click(screen.getByRole('button', { name: 'Record commitment' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect(((client.executeMutation.mock.calls[0]![0] as Op).variables as Vars).input).toEqual({
      programmeID: 'p1',
      title: 'Link worker funding',
      kind: 'FUNDING',
      organisationID: 'o1',
      status: 'PROPOSED',
      amount: '25000',
      currency: 'GBP',
      startsOn: '2026-04-01T11:00:00.000Z', // midday in London (BST)
      endsOn: '2027-03-31T11:00:00.000Z',
    });
    await waitFor(() => expect(window.location.pathname).toBe('/commitments/42'));
  });
});

describe('Commitments ledger', { timeout: 20_000 }, () => {
  it('offers "New commitment", links rows to their page and exports the filtered ledger', async () => {
    window.history.replaceState(null, '', '/commitments?status=AGREED&programme=p1');
    const row = { ...commitment({ status: 'AGREED' }) } as Record<string, unknown>;
    delete row.history;
    renderWithClient(<CommitmentsPage />, mockClient({ query: () => ({ data: { commitments: conn('Commitment', [row]) } }) }));
    expect((await screen.findByRole('link', { name: 'Link worker funding' })).getAttribute('href')).toBe('/commitments/c1');
    expect(screen.getByRole('link', { name: 'New commitment' }).getAttribute('href')).toBe('/commitments/new?programme=p1');
    expect(screen.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toBe('/export/commitments.csv?programme=p1&status=AGREED');
  });
});

describe('commitment rules', () => {
  it('mirrors the server lifecycle', () => {
    expect(nextStatuses('PROPOSED')).toEqual(['AGREED', 'LAPSED', 'WITHDRAWN']);
    expect(nextStatuses('AGREED')).toEqual(['DELIVERED', 'LAPSED', 'WITHDRAWN']);
    expect(nextStatuses('DELIVERED')).toEqual([]);
  });
  it('checks amounts, currencies and periods', () => {
    const base = { ...emptyCommitment, programmeID: 'p1', title: 'x', kind: 'FUNDING', organisationID: 'o1', startsOn: '2026-04-01' };
    expect(commitmentInput({ ...base, amount: '' }, 'UTC').errors.amount).toBeTruthy();
    expect(commitmentInput({ ...base, amount: '-5' }, 'UTC').errors.amount).toBeTruthy();
    expect(commitmentInput({ ...base, amount: '5', currency: 'pounds' }, 'UTC').errors.currency).toBeTruthy();
    expect(commitmentInput({ ...base, amount: '5', endsOn: '2026-03-01' }, 'UTC').errors.endsOn).toBeTruthy();
    expect(commitmentInput({ ...base, kind: 'STAFF_TIME', hours: '7.5' }, 'UTC').input).toMatchObject({ hours: '7.5', hoursPeriod: 'WEEK' });
  });
  it('describes audit changes', () => {
    const day = (iso: string) => iso.slice(0, 10);
    expect(describeChange('status', { old: 'PROPOSED', new: 'AGREED' }, day)).toBe('Status: Proposed → Agreed');
    expect(describeChange('ends_on', { old: '2027-03-31T11:00:00Z', new: null }, day)).toBe('Ends: 2027-03-31 → —');
  });
});

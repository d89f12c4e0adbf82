// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MinutesPage } from './MinutesPage';
import { mockClient, opName, renderWithClient } from '../../test/render';
import { MEMBER, renderAs, viewerWith } from '../../test/viewer';

const start = '2026-10-13T09:00:00Z';
const eventData = {
  node: {
    __typename: 'Event',
    id: 'e1',
    title: 'Partnership Forum',
    programme: { id: 'p1', timeZone: 'Europe/London' },
    occurrences: [{ recurrenceId: start, startsAt: start, cancelled: false }],
  },
};
const connection = (nodes: { id: string; name: string }[]) => ({ totalCount: nodes.length, pageInfo: { hasNextPage: false, endCursor: null }, edges: nodes.map((node) => ({ node })) });
/** What the owner pickers' searches find. */
const search = (name: string, variables: unknown) => {
  const q = (variables as { where?: { nameContainsFold?: string } }).where?.nameContainsFold?.toLowerCase() ?? '';
  if (name === 'PickPeople') return { people: connection([{ id: 'per1', name: 'Amir Khan' }, { id: 'per2', name: 'Bea Jones' }].filter((p) => p.name.toLowerCase().includes(q))) };
  if (name === 'PickOrganisations') return { organisations: connection([{ id: 'org1', name: 'Leeds Shelter' }].filter((o) => o.name.toLowerCase().includes(q))) };
  return null;
};
const answer = (current: unknown) => (op: { query: unknown; variables: unknown }) => ({
  data: opName(op) === 'MinutesEvent' ? eventData : (search(opName(op), op.variables) ?? minutes(current)),
});

/** Types into the nth owner picker and chooses the option from the keyboard. */
async function pickOwner(label: RegExp, n: number, text: string, option: string) {
  const input = screen.getAllByRole('combobox', { name: label })[n]!;
  await userEvent.type(input, text);
  // The search waits for typing to pause; jsdom is slow on a busy machine.
  const list = await screen.findByRole('listbox', { name: label }, { timeout: 4000 });
  await within(list).findByRole('option', { name: option }, { timeout: 4000 });
  await userEvent.keyboard('{ArrowDown}{Enter}');
  expect((input as HTMLInputElement).value).toBe(option);
}
const minutes = (current: unknown) => ({
  occurrenceMinutes: {
    eventID: 'e1',
    occurrenceStart: start,
    current,
    revisions: current ? [current] : [],
    actions: [],
    mattersArising: [{ id: 'a0', title: 'Map referral routes', status: 'OPEN', dueDate: '2026-09-30T22:59:00Z', overdue: true, ownerPerson: null, ownerOrganisation: { id: 'org1', name: 'Leeds Shelter' } }],
  },
});

afterEach(() => window.history.replaceState(null, '', '/'));

describe('Minutes and actions', { timeout: 20_000 }, () => {
  it('saves minutes with two actions, owners and due dates', async () => {
    const client = mockClient({
      query: answer(null),
      mutation: () => ({ data: { saveMinutes: { minutes: { id: 'm1', revision: 1 }, actions: [{ id: 'a1' }, { id: 'a2' }] } } }),
    });
    renderWithClient(<MinutesPage id="e1" />, client);
    expect(await screen.findByRole('list', { name: 'Matters arising' })).toBeTruthy();
    expect(screen.getByText('Overdue')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Minutes of this meeting'), 'Agreed a shared referral form.');
    await userEvent.type(screen.getByLabelText(/^Action 1/, { selector: 'input' }), 'Share the data');
    await pickOwner(/Owner \(organisation\)/, 0, 'leeds', 'Leeds Shelter');
    await userEvent.type(screen.getAllByLabelText(/^Due/)[0]!, '2026-12-31');
    await userEvent.click(screen.getByRole('button', { name: 'Add another action' }));
    // Focus moves to the new row's first field.
    expect(document.activeElement).toBe(screen.getByLabelText(/^Action 2/, { selector: 'input' }));
    await userEvent.type(screen.getByLabelText(/^Action 2/, { selector: 'input' }), 'Draft the protocol');
    await pickOwner(/Owner \(person\)/, 1, 'khan', 'Amir Khan');
    await userEvent.click(screen.getByRole('button', { name: 'Save minutes' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({
      input: {
        eventID: 'e1',
        occurrenceStart: start,
        body: 'Agreed a shared referral form.',
        baseRevision: 0,
        actions: [
          { title: 'Share the data', ownerOrganisationID: 'org1', dueDate: '2026-12-31T23:59:00.000Z' },
          { title: 'Draft the protocol', ownerPersonID: 'per1' },
        ],
      },
    });
    // Focus moves to the result.
    const saved = await screen.findByTestId('minutes-saved');
    expect(saved.textContent).toBe('Minutes saved as revision 1 with 2 new actions.');
    await waitFor(() => expect(document.activeElement).toBe(saved));
  });

  it('shows members the minutes read-only, with nothing to edit', async () => {
    const current = { id: 'm1', revision: 2, body: 'Agreed a shared referral form.', createdAt: '2026-10-14T09:00:00Z' };
    renderAs(MEMBER, <MinutesPage id="e1" />, { query: answer(current) });
    expect(await screen.findByTestId('minutes-body')).toBeTruthy();
    expect(screen.getByTestId('minutes-body').textContent).toBe('Agreed a shared referral form.');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Minutes');
    expect(screen.getByRole('list', { name: 'Matters arising' })).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save minutes' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add another action' })).toBeNull();
    expect(document.querySelector('form')).toBeNull();
  });

  it('gives the programme’s consultants the form', async () => {
    renderAs(viewerWith(['CONSULTANT', 'p1']), <MinutesPage id="e1" />, { query: answer(null) });
    expect(await screen.findByRole('button', { name: 'Save minutes' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Minutes and actions');
  });

  it('asks for the minutes and an action’s title before saving', async () => {
    const client = mockClient({ query: answer(null) });
    renderWithClient(<MinutesPage id="e1" />, client);
    await screen.findByRole('combobox', { name: /Owner \(person\)/ });
    await pickOwner(/Owner \(person\)/, 0, 'bea', 'Bea Jones');
    await userEvent.click(screen.getByRole('button', { name: 'Save minutes' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Enter the minutes');
    expect(summary.textContent).toContain('Enter what action 1 is');
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it('says when the event cannot be loaded', async () => {
    renderWithClient(<MinutesPage id="e1" />, mockClient({ query: () => ({ data: { node: null } }) }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load the event/);
  });
});

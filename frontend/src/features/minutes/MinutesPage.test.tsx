// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MinutesPage } from './MinutesPage';
import { mockClient, opName, renderWithClient } from '../../test/render';

const start = '2026-10-13T09:00:00Z';
const eventData = {
  node: {
    __typename: 'Event',
    id: 'e1',
    title: 'Partnership Forum',
    programme: { id: 'p1', timeZone: 'Europe/London' },
    occurrences: [{ recurrenceId: start, startsAt: start, cancelled: false }],
  },
  people: { edges: [{ node: { id: 'per1', name: 'Amir Khan' } }] },
  organisations: { edges: [{ node: { id: 'org1', name: 'Leeds Shelter' } }] },
};
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

describe('Minutes and actions', () => {
  it('saves minutes with two actions, owners and due dates', async () => {
    const client = mockClient({
      query: (op) => ({ data: opName(op) === 'MinutesEvent' ? eventData : minutes(null) }),
      mutation: () => ({ data: { saveMinutes: { minutes: { id: 'm1', revision: 1 }, actions: [{ id: 'a1' }, { id: 'a2' }] } } }),
    });
    renderWithClient(<MinutesPage id="e1" />, client);
    expect(await screen.findByRole('list', { name: 'Matters arising' })).toBeTruthy();
    expect(screen.getByText('Overdue')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Minutes of this meeting'), 'Agreed a shared referral form.');
    await userEvent.type(screen.getByLabelText(/^Action 1/, { selector: 'input' }), 'Share the data');
    await userEvent.selectOptions(screen.getAllByLabelText(/Owner \(organisation\)/)[0]!, 'org1');
    await userEvent.type(screen.getAllByLabelText(/^Due/)[0]!, '2026-12-31');
    await userEvent.click(screen.getByRole('button', { name: 'Add another action' }));
    await userEvent.type(screen.getByLabelText(/^Action 2/, { selector: 'input' }), 'Draft the protocol');
    await userEvent.selectOptions(screen.getAllByLabelText(/Owner \(person\)/)[1]!, 'per1');
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
  });

  it('asks for the minutes and an action’s title before saving', async () => {
    const client = mockClient({ query: (op) => ({ data: opName(op) === 'MinutesEvent' ? eventData : minutes(null) }) });
    renderWithClient(<MinutesPage id="e1" />, client);
    await userEvent.selectOptions(await screen.findByLabelText(/Owner \(person\)/), 'per1');
    await userEvent.click(screen.getByRole('button', { name: 'Save minutes' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Enter the minutes');
    expect(summary.textContent).toContain('Enter what action 1 is');
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it('says when the event cannot be loaded', async () => {
    renderWithClient(<MinutesPage id="e1" />, mockClient({ query: () => ({ data: { node: null, people: { edges: [] }, organisations: { edges: [] } } }) }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load the event/);
  });
});

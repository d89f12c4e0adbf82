// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionsPage } from './ActionsPage';
import { mockClient, opName, renderWithClient } from '../../test/render';

const board = (nodes: unknown[]) => ({
  actionBoard: { totalCount: nodes.length, pageInfo: { hasNextPage: false, endCursor: null }, edges: nodes.map((node) => ({ node })) },
});
const action = {
  id: 'a1',
  title: 'Share referral data',
  status: 'OPEN',
  progress: 0,
  dueDate: '2026-01-31T23:59:00Z',
  overdue: true,
  programme: { id: 'p1', name: 'System change', timeZone: 'Europe/London' },
  event: { id: 'e1', title: 'Partnership Forum' },
  ownerPerson: null,
  ownerOrganisation: { id: 'org1', name: 'Leeds Shelter' },
};
const connection = (nodes: unknown[]) => ({ totalCount: nodes.length, pageInfo: { hasNextPage: false, endCursor: null }, edges: nodes.map((node) => ({ node })) });
const answer = (nodes: unknown[]) => (op: { query: unknown; variables: unknown }) => {
  switch (opName(op)) {
    case 'PickPeople':
      return { data: { people: connection([{ id: 'per1', name: 'Amir Khan' }]) } };
    case 'PickOrganisations':
      return { data: { organisations: connection([{ id: 'org1', name: 'Leeds Shelter' }]) } };
    case 'PickedName':
      return { data: { node: { __typename: 'Person', id: 'per1', name: 'Amir Khan' } } };
    default:
      return { data: board(nodes) };
  }
};

async function pick(label: string, text: string, option: string) {
  await userEvent.type(screen.getByRole('combobox', { name: label }), text);
  const list = await screen.findByRole('listbox', { name: label }, { timeout: 4000 });
  await userEvent.click(await within(list).findByRole('option', { name: option }, { timeout: 4000 }));
}

afterEach(() => window.history.replaceState(null, '', '/'));

describe('Actions board', { timeout: 20_000 }, () => {
  it('filters by organisation, owner, status and due window through actionBoard, and marks overdue', async () => {
    window.history.replaceState(null, '', '/actions');
    const client = mockClient({ query: answer([action]) });
    renderWithClient(<ActionsPage />, client);
    expect(await screen.findByText('Share referral data')).toBeTruthy();
    expect(screen.getAllByText('Overdue').length).toBeGreaterThan(0);
    await pick('Organisation', 'leeds', 'Leeds Shelter');
    await pick('Owner', 'amir', 'Amir Khan');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'OVERDUE');
    await userEvent.selectOptions(screen.getByLabelText('Due'), '30');
    expect(window.location.search).toContain('organisation=org1');
    await waitFor(() => {
      const last = client.executeQuery.mock.calls.map((c) => c[0] as { query: unknown; variables: { filter?: Record<string, unknown> } }).filter((o) => opName(o) === 'ActionBoard').at(-1)!;
      expect(last.variables.filter).toMatchObject({ ownerOrganisationID: 'org1', ownerPersonID: 'per1', overdue: true });
      expect(last.variables.filter!.dueBefore).toBeTruthy();
    });
  });

  it('links each row to the action’s page and exports the filtered board as CSV', async () => {
    window.history.replaceState(null, '', '/actions?status=OVERDUE&organisation=org1');
    renderWithClient(<ActionsPage />, mockClient({ query: answer([action]) }));
    expect((await screen.findByRole('link', { name: 'Share referral data' })).getAttribute('href')).toBe('/actions/a1');
    const csv = screen.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')!;
    expect(csv.startsWith('/export/actions.csv?')).toBe(true);
    const q = new URLSearchParams(csv.split('?')[1]);
    expect(q.get('ownerOrganisation')).toBe('org1');
    expect(q.get('overdue')).toBe('true');
  });

  it('says when no actions match the filters', async () => {
    window.history.replaceState(null, '', '/actions?owner=per1');
    renderWithClient(<ActionsPage />, mockClient({ query: answer([]) }));
    expect(await screen.findByText('No actions match these filters.')).toBeTruthy();
    // The owner in the URL is shown by name.
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Owner' }) as HTMLInputElement).value).toBe('Amir Khan'));
  });
});

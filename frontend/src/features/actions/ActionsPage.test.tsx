// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
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
const options = { people: { edges: [{ node: { id: 'per1', name: 'Amir Khan' } }] }, organisations: { edges: [{ node: { id: 'org1', name: 'Leeds Shelter' } }] } };

afterEach(() => window.history.replaceState(null, '', '/'));

describe('Actions board', () => {
  it('filters by organisation, owner, status and due window through actionBoard, and marks overdue', async () => {
    window.history.replaceState(null, '', '/actions');
    const client = mockClient({ query: (op) => ({ data: opName(op) === 'ActionBoardOptions' ? options : board([action]) }) });
    renderWithClient(<ActionsPage />, client);
    expect(await screen.findByText('Share referral data')).toBeTruthy();
    expect(screen.getAllByText('Overdue').length).toBeGreaterThan(0);
    await userEvent.selectOptions(screen.getByLabelText('Organisation'), 'org1');
    await userEvent.selectOptions(screen.getByLabelText('Owner'), 'per1');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'OVERDUE');
    await userEvent.selectOptions(screen.getByLabelText('Due'), '30');
    expect(window.location.search).toContain('organisation=org1');
    await waitFor(() => {
      const last = client.executeQuery.mock.calls.map((c) => c[0] as { query: unknown; variables: { filter?: Record<string, unknown> } }).filter((o) => opName(o) === 'ActionBoard').at(-1)!;
      expect(last.variables.filter).toMatchObject({ ownerOrganisationID: 'org1', ownerPersonID: 'per1', overdue: true });
      expect(last.variables.filter!.dueBefore).toBeTruthy();
    });
  });

  it('says when no actions match the filters', async () => {
    window.history.replaceState(null, '', '/actions?owner=per1');
    renderWithClient(<ActionsPage />, mockClient({ query: (op) => ({ data: opName(op) === 'ActionBoardOptions' ? options : board([]) }) }));
    expect(await screen.findByText('No actions match these filters.')).toBeTruthy();
  });
});

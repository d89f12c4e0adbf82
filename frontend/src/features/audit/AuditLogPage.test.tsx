// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuditLogPage } from './AuditLogPage';
import { ViewerProvider } from '../account/viewer';
import { mockClient, opName, renderWithClient } from '../../test/render';

const admin = { viewer: { isAdmin: true, person: { id: '1', name: 'Ada Admin' }, roles: [] } };
const member = { viewer: { isAdmin: false, person: { id: '9', name: 'Mo Member' }, roles: [{ role: 'MEMBER', programme: { id: '3', name: 'Safer Streets' } }] } };
const programmes = { programmes: { edges: [{ node: { id: '3', name: 'Safer Streets' } }] } };

function log(hasNextPage = false) {
  return {
    auditLog: {
      totalCount: 6,
      pageInfo: { hasNextPage, endCursor: 'c2' },
      edges: [
        { node: { id: 'a1', createdAt: '2026-06-01T09:30:00Z', actorID: 7, operation: 'UPDATE', entityType: 'Commitment', entityID: 40, programmeID: 3, changes: { status: { old: 'PLEDGED', new: 'CONFIRMED' } }, requestID: 'r1', subject: { __typename: 'Commitment', id: '40', title: 'Crisis café grant' } } },
        { node: { id: 'a2', createdAt: '2026-06-01T09:00:00Z', actorID: null, operation: 'CREATE', entityType: 'Event', entityID: 12, programmeID: 3, changes: { title: { new: 'Forum' }, kind: { new: 'FORUM' }, starts_at: { new: '2026-07-01T09:00:00Z' }, ends_at: { new: '2026-07-01T11:00:00Z' }, venue_name: { new: 'Hub' } }, requestID: null, subject: { __typename: 'Event', id: '12', title: 'Crisis care forum' } } },
        { node: { id: 'a3', createdAt: '2026-06-01T08:30:00Z', actorID: 7, operation: 'CREATE', entityType: 'Invitation', entityID: 50, programmeID: 3, changes: {}, requestID: 'r2', subject: { __typename: 'Invitation', id: '50', event: { id: '12', title: 'Crisis care forum' }, person: { id: '8', name: 'Sam Okafor' } } } },
        { node: { id: 'a4', createdAt: '2026-06-01T08:00:00Z', actorID: 7, operation: 'UPDATE', entityType: 'Person', entityID: 66, programmeID: null, changes: { erased: true }, requestID: 'r3', subject: null } },
        { node: { id: 'a5', createdAt: '2026-06-01T07:00:00Z', actorID: 7, operation: 'DELETE', entityType: 'Attendance', entityID: 77, programmeID: 3, changes: {}, requestID: 'r4', subject: null } },
      ],
    },
  };
}

function client(viewer: object = admin) {
  return mockClient({
    query: (op) => {
      switch (opName(op)) {
        case 'Viewer':
          return { data: viewer };
        case 'AuditProgrammes':
          return { data: programmes };
        case 'AuditActors':
          return { data: { nodes: [{ __typename: 'Person', id: '7', name: 'Olu Organiser' }] } };
        case 'AuditLog':
          return { data: log(true) };
        default:
          return undefined;
      }
    },
  });
}

function render(c: ReturnType<typeof mockClient>) {
  return renderWithClient(
    <ViewerProvider>
      <AuditLogPage />
    </ViewerProvider>,
    c,
  );
}

function lastAuditVars(c: ReturnType<typeof mockClient>) {
  const calls = c.executeQuery.mock.calls.filter((call) => opName(call[0] as { query: unknown }) === 'AuditLog');
  return (calls[calls.length - 1]![0] as { variables: Record<string, unknown> }).variables;
}

describe('AuditLogPage', () => {
  it('lists changes newest first with who, what and the changed fields, paged', async () => {
    window.history.replaceState(null, '', '/audit');
    const c = client();
    render(c);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(6);
    expect(rows[1]!.textContent).toContain('Olu Organiser');
    expect(rows[1]!.textContent).toContain('Changed Commitment: Crisis café grant');
    expect(within(rows[1]!).getByRole('link', { name: 'Crisis café grant' }).getAttribute('href')).toBe('/commitments/40');
    expect(rows[1]!.textContent).toContain('status: PLEDGED → CONFIRMED');
    expect(rows[1]!.textContent).toContain('Safer Streets');
    expect(rows[2]!.textContent).toContain('The system');
    expect(rows[2]!.textContent).toContain('Created Event: Crisis care forum');
    expect(within(rows[2]!).getByRole('link', { name: 'Crisis care forum' }).getAttribute('href')).toBe('/events/12');
    // A create lists every field: the first three, then the rest folded away.
    expect(within(rows[2]!).getByText('2 more fields').tagName).toBe('SUMMARY');
    expect(screen.getByText('Showing 5 of 6 entries')).toBeTruthy();
    // Names of the people on screen are asked for once, together.
    const actorCalls = c.executeQuery.mock.calls.filter((call) => opName(call[0] as { query: unknown }) === 'AuditActors');
    expect(actorCalls).toHaveLength(1);
    expect((actorCalls[0]![0] as { variables: unknown }).variables).toEqual({ ids: ['7'] });
    expect(lastAuditVars(c)).toEqual({ where: {}, first: 25, after: null });

    await userEvent.click(screen.getByRole('button', { name: 'Load more entries' }));
    await waitFor(() => expect(lastAuditVars(c).after).toBe('c2'));
  });

  it('names records that belong to others, and says when a record is gone or hidden', async () => {
    window.history.replaceState(null, '', '/audit');
    render(client());
    const rows = within(await screen.findByRole('table', { name: 'Audit log' })).getAllByRole('row');
    // An invitation: who was invited to what, opening the event.
    expect(rows[3]!.textContent).toContain('Created Invitation: Sam Okafor to Crisis care forum');
    expect(within(rows[3]!).getByRole('link', { name: 'Sam Okafor to Crisis care forum' }).getAttribute('href')).toBe('/events/12');
    // No subject: the type and id, not linked, and why there is no name.
    expect(rows[4]!.textContent).toContain('Changed Person 66 (removed, or not visible to you)');
    expect(within(rows[4]!).queryByRole('link')).toBeNull();
    expect(rows[5]!.textContent).toContain('Deleted Attendance 77 (removed)');
    expect(within(rows[5]!).queryByRole('link')).toBeNull();
  });

  it('filters by record type, programme and dates through the address', async () => {
    window.history.replaceState(null, '', '/audit');
    const c = client();
    render(c);
    await screen.findByRole('table', { name: 'Audit log' });
    await userEvent.selectOptions(screen.getByLabelText('Record type'), 'Commitment');
    await userEvent.selectOptions(screen.getByLabelText('Programme'), '3');
    await waitFor(() => expect(lastAuditVars(c).where).toEqual({ entityType: 'Commitment', programmeID: 3 }));
    expect(window.location.search).toBe('?type=Commitment&programme=3');

    await userEvent.type(screen.getByLabelText('From'), '2026-06-02');
    await userEvent.type(screen.getByLabelText('To'), '2026-06-01');
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/before the “From” date/);
    expect(screen.queryByRole('table', { name: 'Audit log' })).toBeNull();
  });

  it('tells members it is not for them, and asks the server nothing', async () => {
    window.history.replaceState(null, '', '/audit');
    const c = client(member);
    render(c);
    expect(await screen.findByText('The audit log is for admins and organisers.')).toBeTruthy();
    expect(c.executeQuery.mock.calls.map((call) => opName(call[0] as { query: unknown }))).toEqual(['Viewer']);
  });
});

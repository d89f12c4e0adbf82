// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { makeSubject, map, pipe } from 'wonka';
import { EventPage } from './EventPage';
import { ViewerProvider } from '../account/viewer';
import { mockClient, opName, renderWithClient } from '../../test/render';

const event = {
  __typename: 'Event',
  id: 'e1',
  title: 'Partnership Forum',
  kind: 'FORUM',
  status: 'SCHEDULED',
  description: null,
  timeZone: 'Europe/London',
  startsAt: '2027-01-12T10:00:00Z',
  endsAt: '2027-01-12T12:00:00Z',
  allDay: false,
  rrule: null,
  exdates: [],
  venueName: null,
  venueAddress: null,
  venueAccess: null,
  onlineURL: null,
  capacity: 20,
  sequence: 0,
  cancelledAt: null,
  programme: { id: 'g1', name: 'System change', timeZone: 'Europe/London' },
  invited: { totalCount: 4 },
};

const n = (totalCount: number) => ({ totalCount });
const answers = (op: { query: unknown }) => {
  switch (opName(op)) {
    case 'Event':
      return { data: { accepted: n(1), tentative: n(0), declined: n(1), pending: n(2), waitlisted: n(0), node: event } };
    case 'EventInvitations':
      return { data: { invitations: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } };
    case 'EventReplySummary':
      return { data: { node: { __typename: 'Event', id: 'e1', replySummary: { totals: { total: 4, pending: 2, accepted: 1, tentative: 0, declined: 1, waitlisted: 0 } } } } };
    default:
      return undefined;
  }
};

type Counts = { total: number; pending: number; accepted: number; tentative: number; declined: number; waitlisted: number };

function liveClient(viewer?: unknown) {
  const live = makeSubject<Counts>();
  const client = mockClient({ query: (op) => (opName(op) === 'Viewer' ? { data: { viewer } } : answers(op)) });
  const executeSubscription = vi.fn((operation: { query: unknown; variables: unknown }) =>
    pipe(
      live.source,
      map((counts) => ({ operation, data: { eventReplies: { __typename: 'ReplyCounts', ...counts } }, stale: false, hasNext: true })),
    ),
  );
  return { live, client: { ...client, executeSubscription } };
}

function count(name: string): string | null | undefined {
  const item = [...document.querySelectorAll('.counts__item')].find((li) => li.querySelector('.counts__label')?.textContent === name);
  return item?.querySelector('.counts__number')?.textContent;
}

describe('EventPage replies', () => {
  it('shows organisers the reply counts live, and reloads the invitations when they change', async () => {
    const { live, client } = liveClient();
    renderWithClient(<EventPage id="e1" />, client as never);
    await screen.findByRole('list', { name: 'Replies from 4 invited' });
    expect(count('Accepted')).toBe('1');
    expect(client.executeSubscription).toHaveBeenCalledOnce();
    expect((client.executeSubscription.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({ eventId: 'e1' });
    act(() => live.next({ total: 4, pending: 2, accepted: 1, tentative: 0, declined: 1, waitlisted: 0 }));
    await screen.findByText('Live: updates as replies come in.');
    const invitationLoads = () => client.executeQuery.mock.calls.filter((c) => opName(c[0] as { query: unknown }) === 'EventInvitations').length;
    const loadsBefore = invitationLoads();

    // Someone accepts and someone new is invited.
    act(() => live.next({ total: 5, pending: 2, accepted: 2, tentative: 0, declined: 1, waitlisted: 0 }));
    await screen.findByRole('list', { name: 'Replies from 5 invited' });
    expect(count('Accepted')).toBe('2');
    expect(screen.getByText('5 invited in total.')).toBeTruthy();
    expect(screen.getByText('2 of 20 taken')).toBeTruthy();
    await waitFor(() => expect(invitationLoads()).toBeGreaterThan(loadsBefore));
  });

  it('does not subscribe for someone who may not read every reply', async () => {
    const { client } = liveClient({ isAdmin: false, person: { id: 'p1', name: 'Sam' }, roles: [] });
    renderWithClient(
      <ViewerProvider>
        <EventPage id="e1" />
      </ViewerProvider>,
      client as never,
    );
    await screen.findByRole('list', { name: 'Replies from 4 invited' });
    expect(client.executeSubscription).not.toHaveBeenCalled();
    expect(screen.queryByText(/^Live:/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Invite people' })).toBeNull();
  });

  it('offers members no organiser links, and no person edit forms', async () => {
    const member = { isAdmin: false, person: { id: 'p1', name: 'Sam' }, roles: [] };
    const row = {
      id: 'i1', role: 'ATTENDEE', response: 'ACCEPTED', respondedAt: null, waitlistPosition: null, accessNeeds: null, occurrenceStart: null,
      person: { id: 'per9', name: 'Rae Member', stakeholderGroup: null, memberships: { edges: [] } },
    };
    const client = mockClient({
      query: (op) =>
        opName(op) === 'Viewer'
          ? { data: { viewer: member } }
          : opName(op) === 'EventInvitations'
            ? { data: { invitations: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, edges: [{ node: row }] } } }
            : answers(op),
    });
    renderWithClient(
      <ViewerProvider>
        <EventPage id="e1" />
      </ViewerProvider>,
      client as never,
    );
    expect(await screen.findByText('Rae Member')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Rae Member' })).toBeNull();
    for (const name of ['Representation report', 'Edit event', 'Door check-in', 'Minutes and actions']) expect(screen.queryByRole('link', { name })).toBeNull();
    expect(screen.getByRole('link', { name: 'Minutes' }).getAttribute('href')).toBe('/events/e1/minutes');
  });

  it('links organisers to the report, the edit form and people’s records', async () => {
    const organiser = { isAdmin: false, person: { id: 'p1', name: 'Olu' }, roles: [{ role: 'ORGANISER', programme: { id: 'g1', name: 'System change' } }] };
    const row = {
      id: 'i1', role: 'ATTENDEE', response: 'ACCEPTED', respondedAt: null, waitlistPosition: null, accessNeeds: null, occurrenceStart: null,
      person: { id: 'per9', name: 'Rae Member', stakeholderGroup: null, memberships: { edges: [] } },
    };
    const client = mockClient({
      query: (op) =>
        opName(op) === 'Viewer'
          ? { data: { viewer: organiser } }
          : opName(op) === 'EventInvitations'
            ? { data: { invitations: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, edges: [{ node: row }] } } }
            : answers(op),
    });
    renderWithClient(
      <ViewerProvider>
        <EventPage id="e1" />
      </ViewerProvider>,
      client as never,
    );
    expect((await screen.findByRole('link', { name: 'Rae Member' })).getAttribute('href')).toBe('/people/per9/edit');
    for (const name of ['Representation report', 'Edit event', 'Minutes and actions']) expect(screen.getByRole('link', { name })).toBeTruthy();
  });
});

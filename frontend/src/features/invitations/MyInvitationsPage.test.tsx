// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MyInvitationsPage } from './MyInvitationsPage';
import { mockClient, opName, renderWithClient } from '../../test/render';
import { nextTime } from './invitations';

function invitation(id: string, title: string, response: string, startsAt: string) {
  return {
    __typename: 'InvitationEdge',
    node: {
      __typename: 'Invitation',
      id,
      response,
      accessNeeds: null,
      occurrenceStart: null,
      waitlistPosition: null,
      event: {
        __typename: 'Event',
        id: `e${id}`,
        title,
        startsAt,
        endsAt: startsAt.replace('T10', 'T12'),
        allDay: false,
        timeZone: 'Europe/London',
        status: 'SCHEDULED',
        venueName: 'Civic Hall',
        recurrenceDescription: '',
        rrule: null,
        occurrences: [],
        programme: { __typename: 'Programme', id: 'p1', name: 'System change', timeZone: 'Europe/London' },
      },
    },
  };
}

function connection(edges: ReturnType<typeof invitation>[], more = false, total = edges.length) {
  return {
    __typename: 'InvitationConnection',
    totalCount: total,
    pageInfo: { __typename: 'PageInfo', hasNextPage: more, endCursor: more ? 'cursor-1' : null },
    edges,
  };
}

function answer(upcoming: ReturnType<typeof connection>, pastCount: number, past = connection([])) {
  return (op: { query: unknown; variables: unknown }) =>
    opName(op) === 'MyPastInvitations'
      ? { data: { viewer: { __typename: 'Viewer', invitations: past } } }
      : { data: { viewer: { __typename: 'Viewer', invitations: upcoming, past: { __typename: 'InvitationConnection', totalCount: pastCount } } } };
}

describe('MyInvitationsPage', () => {
  it('asks the server for upcoming invitations and keeps its order; sends a reply with access needs', async () => {
    const client = mockClient({
      // The server puts the unanswered one first; the page must not re-sort.
      query: answer(connection([invitation('2', 'Housing workshop', 'PENDING', '2099-02-01T10:00:00Z'), invitation('1', 'Partnership Forum', 'ACCEPTED', '2099-01-12T10:00:00Z')]), 0),
      mutation: () => ({ data: { respondToInvitation: { id: '2', response: 'TENTATIVE', respondedAt: '2026-11-24T10:00:00Z', accessNeeds: 'Step-free access', waitlistPosition: null } } }),
    });
    renderWithClient(<MyInvitationsPage />, client);
    const list = await screen.findByRole('list', { name: 'Upcoming invitations' });
    const cards = within(list).getAllByRole('article');
    expect(cards.map((c) => within(c).getByRole('heading').textContent)).toEqual(['Housing workshop', 'Partnership Forum']);
    const op = client.executeQuery.mock.calls[0]![0] as { query: { loc?: { source: { body: string } } }; variables: Record<string, unknown> };
    expect(op.query.loc?.source.body).toMatch(/invitations\(where: \{upcoming: true\}, first: \$first, after: \$after\)/);
    expect(op.variables).toMatchObject({ first: 25, after: null });
    expect(screen.queryByText(/Past events/)).toBeNull();

    const card = cards[0]!;
    await userEvent.click(within(card).getByLabelText('Maybe'));
    await userEvent.type(within(card).getByLabelText(/Access needs/), 'Step-free access');
    await userEvent.click(within(card).getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    const m = client.executeMutation.mock.calls[0]![0] as { variables: Record<string, unknown> };
    expect(m.variables).toEqual({ id: '2', response: 'TENTATIVE', accessNeeds: 'Step-free access' });
    expect(await within(card).findByText('Reply saved: maybe.')).toBeTruthy();
    // Focus moves to the confirmation, so keyboard and screen-reader users hear it.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Reply saved: maybe.'));
  });

  it('counts past invitations and loads them only when opened', async () => {
    const client = mockClient({
      query: answer(connection([invitation('1', 'Partnership Forum', 'ACCEPTED', '2099-01-12T10:00:00Z')]), 1, connection([invitation('3', 'Old forum', 'ACCEPTED', '2020-02-01T10:00:00Z')])),
    });
    renderWithClient(<MyInvitationsPage />, client);
    const summary = await screen.findByText('Past events (1)');
    expect(client.executeQuery.mock.calls.some(([op]) => opName(op as { query: unknown }) === 'MyPastInvitations')).toBe(false);
    await userEvent.click(summary);
    const past = await screen.findByRole('list', { name: 'Past invitations' });
    expect(within(past).getByRole('heading').textContent).toBe('Old forum');
    // Past invitations take no reply.
    expect(within(past).queryByRole('button', { name: 'Send reply' })).toBeNull();
  });

  it('shows more upcoming invitations after the last cursor', async () => {
    const client = mockClient({ query: answer(connection([invitation('1', 'Partnership Forum', 'ACCEPTED', '2099-01-12T10:00:00Z')], true, 30), 0) });
    renderWithClient(<MyInvitationsPage />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Show more invitations' }));
    await waitFor(() => expect(client.executeQuery.mock.calls.some(([op]) => (op as { variables: { after?: string } }).variables.after === 'cursor-1')).toBe(true));
  });

  it('says so when there are no invitations', async () => {
    const client = mockClient({ query: answer(connection([]), 0) });
    renderWithClient(<MyInvitationsPage />, client);
    expect(await screen.findByText('You have no invitations.')).toBeTruthy();
  });

  it('says so when only past invitations are left', async () => {
    const client = mockClient({ query: answer(connection([]), 2) });
    renderWithClient(<MyInvitationsPage />, client);
    expect(await screen.findByText('You have no upcoming invitations.')).toBeTruthy();
    expect(screen.getByText('Past events (2)')).toBeTruthy();
  });

  it('dates a series by its next occurrence that is not cancelled', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    const series = {
      event: {
        startsAt: '2026-01-13T10:00:00Z',
        endsAt: '2026-01-13T12:00:00Z',
        occurrences: [
          { startsAt: '2026-12-08T10:00:00Z', endsAt: '2026-12-08T12:00:00Z', cancelled: true },
          { startsAt: '2027-01-12T10:00:00Z', endsAt: '2027-01-12T12:00:00Z', cancelled: false },
        ],
      },
    };
    expect(nextTime(series, now)).toEqual({ startsAt: '2027-01-12T10:00:00Z', endsAt: '2027-01-12T12:00:00Z', upcoming: true });
    const occ = { occurrenceStart: '2026-11-24T11:00:00Z', event: { startsAt: '2026-01-01T11:00:00Z', endsAt: '2026-01-01T13:00:00Z' } };
    expect(nextTime(occ, now)).toEqual({ startsAt: '2026-11-24T11:00:00Z', endsAt: '2026-11-24T13:00:00.000Z', upcoming: true });
  });
});

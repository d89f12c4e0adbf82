// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MyInvitationsPage } from './MyInvitationsPage';
import { mockClient, renderWithClient } from '../../test/render';
import { splitInvitations } from './invitations';

function invitation(id: string, title: string, response: string, startsAt: string) {
  return {
    node: {
      __typename: 'Invitation',
      id,
      response,
      accessNeeds: null,
      occurrenceStart: null,
      withdrawnAt: null,
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
        programme: { __typename: 'Programme', id: 'p1', name: 'System change', timeZone: 'Europe/London' },
      },
    },
  };
}

const data = {
  viewer: {
    person: {
      id: 'me',
      invitations: {
        totalCount: 2,
        edges: [invitation('1', 'Partnership Forum', 'ACCEPTED', '2099-01-12T10:00:00Z'), invitation('2', 'Housing workshop', 'PENDING', '2099-02-01T10:00:00Z'), invitation('3', 'Old forum', 'ACCEPTED', '2020-02-01T10:00:00Z')],
      },
    },
  },
};

describe('MyInvitationsPage', () => {
  it('lists unanswered invitations first and sends a reply with access needs', async () => {
    const client = mockClient({
      query: () => ({ data }),
      mutation: () => ({ data: { respondToInvitation: { id: '2', response: 'TENTATIVE', respondedAt: '2026-11-24T10:00:00Z', accessNeeds: 'Step-free access', waitlistPosition: null } } }),
    });
    renderWithClient(<MyInvitationsPage />, client);
    const list = await screen.findByRole('list', { name: 'Upcoming invitations' });
    const cards = within(list).getAllByRole('article');
    expect(cards.map((c) => within(c).getByRole('heading').textContent)).toEqual(['Housing workshop', 'Partnership Forum']);
    const card = cards[0]!;
    await userEvent.click(within(card).getByLabelText('Maybe'));
    await userEvent.type(within(card).getByLabelText(/Access needs/), 'Step-free access');
    await userEvent.click(within(card).getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    const op = client.executeMutation.mock.calls[0]![0] as { variables: Record<string, unknown> };
    expect(op.variables).toEqual({ id: '2', response: 'TENTATIVE', accessNeeds: 'Step-free access' });
    expect(await within(card).findByText('Reply saved: maybe.')).toBeTruthy();
  });

  it('says so when there are no invitations', async () => {
    const client = mockClient({ query: () => ({ data: { viewer: { person: { id: 'me', invitations: { totalCount: 0, edges: [] } } } } }) });
    renderWithClient(<MyInvitationsPage />, client);
    expect(await screen.findByText('You have no invitations.')).toBeTruthy();
  });

  it('splits upcoming from past, using the next occurrence of a series', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    const series = {
      id: 's',
      response: 'ACCEPTED',
      event: {
        startsAt: '2026-01-13T10:00:00Z',
        endsAt: '2026-01-13T12:00:00Z',
        occurrences: [
          { startsAt: '2026-12-08T10:00:00Z', endsAt: '2026-12-08T12:00:00Z', cancelled: true },
          { startsAt: '2027-01-12T10:00:00Z', endsAt: '2027-01-12T12:00:00Z', cancelled: false },
        ],
      },
    };
    const oneOff = { id: 'o', response: 'PENDING', event: { startsAt: '2027-03-01T10:00:00Z', endsAt: '2027-03-01T12:00:00Z', occurrences: [] } };
    const old = { id: 'x', response: 'ACCEPTED', event: { startsAt: '2026-02-01T10:00:00Z', endsAt: '2026-02-01T12:00:00Z', occurrences: [] } };
    const occ = { id: 'c', response: 'ACCEPTED', occurrenceStart: '2026-11-24T11:00:00Z', event: { startsAt: '2026-01-01T11:00:00Z', endsAt: '2026-01-01T13:00:00Z' } };
    const { upcoming, past } = splitInvitations([old, series, oneOff, occ], now);
    expect(upcoming.map((i) => i.id)).toEqual(['o', 'c', 's']);
    expect(past.map((i) => i.id)).toEqual(['x']);
  });
});

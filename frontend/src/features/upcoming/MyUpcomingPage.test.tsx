// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { MyUpcomingPage } from './MyUpcomingPage';
import { mockClient, renderWithClient } from '../../test/render';
import { createClient } from '../../graphql/client';
import { RouterProvider } from '../../app/router';

interface ItemOptions {
  title?: string;
  startsAt: string;
  endsAt?: string;
  recurrenceId?: string;
  cancelled?: boolean;
  moved?: boolean;
  venueName?: string | null;
  venueAddress?: string | null;
  onlineURL?: string | null;
  eventId?: string;
  invitationId?: string;
  response?: string;
  occurrenceStart?: string | null;
  timeZone?: string;
  rrule?: string | null;
}

function item(o: ItemOptions) {
  const eventId = o.eventId ?? 'e1';
  return {
    __typename: 'AgendaEdge',
    cursor: `c-${eventId}-${o.startsAt}`,
    node: {
      __typename: 'AgendaItem',
      occurrence: {
        __typename: 'Occurrence',
        recurrenceId: o.recurrenceId ?? o.startsAt,
        startsAt: o.startsAt,
        endsAt: o.endsAt ?? o.startsAt.replace('T10', 'T12'),
        cancelled: o.cancelled ?? false,
        moved: o.moved ?? false,
        title: o.title ?? 'Partnership Forum',
        venueName: o.venueName === undefined ? 'Northgate Hub' : o.venueName,
        venueAddress: o.venueAddress === undefined ? '14 Market Street' : o.venueAddress,
        onlineURL: o.onlineURL ?? null,
        event: {
          __typename: 'Event',
          id: eventId,
          kind: 'FORUM',
          rrule: o.rrule === undefined ? 'FREQ=MONTHLY;BYDAY=2TU' : o.rrule,
          allDay: false,
          timeZone: o.timeZone ?? 'Europe/London',
          icsURL: `/calendar/event/${eventId}.ics`,
          programme: { __typename: 'Programme', id: 'p1', name: 'System change', timeZone: 'Europe/London' },
        },
      },
      invitation: {
        __typename: 'Invitation',
        id: o.invitationId ?? 'i1',
        response: o.response ?? 'ACCEPTED',
        occurrenceStart: o.occurrenceStart ?? null,
        waitlistPosition: null,
      },
    },
  };
}

function agenda(edges: ReturnType<typeof item>[], more = false) {
  return {
    data: {
      viewer: {
        __typename: 'Viewer',
        upcomingOccurrences: {
          __typename: 'AgendaConnection',
          totalCount: edges.length + (more ? 10 : 0),
          pageInfo: { __typename: 'PageInfo', hasNextPage: more, endCursor: edges.at(-1)?.cursor ?? null },
          edges,
        },
      },
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

/** The page with the app's own client (cache included) over a stubbed fetch. */
function renderWithRealClient() {
  return render(
    <Provider value={createClient('http://localhost/graphql')}>
      <RouterProvider>
        <MyUpcomingPage />
      </RouterProvider>
    </Provider>,
  );
}

describe('MyUpcomingPage', () => {
  it('shows each occurrence in its event’s zone with venue, online link, reply, .ics and changes', async () => {
    const client = mockClient({
      query: () =>
        agenda([
          item({ startsAt: '2099-01-13T10:00:00Z' }),
          item({
            title: 'Navigator funding',
            eventId: 'e2',
            invitationId: 'i2',
            response: 'PENDING',
            startsAt: '2099-01-20T15:00:00Z',
            endsAt: '2099-01-20T16:00:00Z',
            timeZone: 'America/New_York',
            rrule: null,
            venueName: null,
            venueAddress: null,
            onlineURL: 'https://meet.example.org/navigator',
          }),
          item({ startsAt: '2099-02-11T14:00:00Z', endsAt: '2099-02-11T16:00:00Z', recurrenceId: '2099-02-10T10:00:00Z', moved: true }),
          item({ startsAt: '2099-03-10T10:00:00Z', cancelled: true }),
        ]),
    });
    renderWithClient(<MyUpcomingPage />, client);
    const list = await screen.findByRole('list', { name: 'Upcoming events' });
    const cards = within(list).getAllByRole('article');
    expect(cards).toHaveLength(4);

    const [forum, online, moved, cancelled] = cards as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    // London winter time, and the venue.
    expect(within(forum).getByText(/13 Jan 2099, 10:00\s*–\s*12:00 GMT/, { selector: 'time' })).toBeTruthy();
    expect(within(forum).getByText('Northgate Hub')).toBeTruthy();
    expect(within(forum).getByText('Accepted')).toBeTruthy();
    expect(within(forum).getByText(/every date of this series/)).toBeTruthy();
    expect(within(forum).getByRole('link', { name: /^Download \.ics for Partnership Forum/ }).getAttribute('href')).toBe('/calendar/event/e1.ics');
    expect(within(forum).getByRole('link', { name: /^Event details/ }).getAttribute('href')).toBe('/events/e1');
    expect((within(forum).getByLabelText('Accept') as HTMLInputElement).checked).toBe(true);

    // New York time for an event scheduled there; the online link.
    expect(within(online).getByText(/20 Jan 2099, 10:00\s*–\s*11:00 (EST|GMT-5)/, { selector: 'time' })).toBeTruthy();
    expect(within(online).getByRole('link', { name: /^Join online/ }).getAttribute('href')).toBe('https://meet.example.org/navigator');
    expect(within(online).getByText('No reply yet')).toBeTruthy();
    expect(within(online).queryByText(/every date/)).toBeNull();

    expect(within(moved).getByText('Moved')).toBeTruthy();
    expect(within(moved).getByText(/Moved from Tue, 10 Feb 2099, 10:00 GMT/)).toBeTruthy();

    expect(within(cancelled).getByText('Cancelled')).toBeTruthy();
    expect(within(cancelled).queryByRole('group', { name: 'Your reply' })).toBeNull();
    expect(screen.getByText('Showing 4 of 4 upcoming dates')).toBeTruthy();
  });

  it('changes a reply and says what it means', async () => {
    const client = mockClient({
      query: () => agenda([item({ startsAt: '2099-01-13T10:00:00Z', response: 'ACCEPTED', occurrenceStart: '2099-01-13T10:00:00Z' })]),
      mutation: () => ({ data: { respondToInvitation: { __typename: 'Invitation', id: 'i1', response: 'TENTATIVE', respondedAt: '2098-12-01T10:00:00Z', waitlistPosition: null } } }),
    });
    renderWithClient(<MyUpcomingPage />, client);
    const card = (await screen.findAllByRole('article'))[0]!;
    const button = within(card).getByRole('button', { name: /^Change reply/ });
    // Nothing to change until another answer is chosen.
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(within(card).queryByText(/every date/)).toBeNull();
    await userEvent.click(within(card).getByLabelText('Maybe'));
    await userEvent.click(button);
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({ id: 'i1', response: 'TENTATIVE' });
    expect(await screen.findByText('Reply saved for Partnership Forum: maybe.')).toBeTruthy();
  });

  it('points to the calendar subscription when nothing is coming up', async () => {
    const client = mockClient({ query: () => agenda([]) });
    renderWithClient(<MyUpcomingPage />, client);
    expect(await screen.findByText('Nothing coming up.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Subscribe to my calendar' }).getAttribute('href')).toBe('/account');
  });

  it('shows more after the last cursor', async () => {
    const client = mockClient({ query: () => agenda([item({ startsAt: '2099-01-13T10:00:00Z' })], true) });
    renderWithClient(<MyUpcomingPage />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Show more' }));
    await waitFor(() =>
      expect(client.executeQuery.mock.calls.some(([op]) => (op as { variables: { after?: string } }).variables.after === 'c-e1-2099-01-13T10:00:00Z')).toBe(true),
    );
  });

  it('says when loading fails and tries again', async () => {
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        calls++;
        const body = calls === 1 ? { errors: [{ message: 'internal error; reference abc', extensions: { code: 'INTERNAL' } }], data: null } : agenda([]);
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    renderWithRealClient();
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load your upcoming events/);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Nothing coming up.')).toBeTruthy();
  });

  // With the app's real cache: "Show more" appends the next page, and a
  // decline takes every date that invitation decides off the list.
  it('merges pages and drops declined dates, with the app’s cache', async () => {
    const pages: Record<string, ReturnType<typeof agenda>> = {
      first: agenda(
        [
          item({ startsAt: '2099-01-13T10:00:00Z' }),
          item({ title: 'Housing workshop', eventId: 'e2', invitationId: 'i2', startsAt: '2099-01-20T10:00:00Z', occurrenceStart: null }),
        ],
        true,
      ),
      second: agenda([item({ startsAt: '2099-02-10T10:00:00Z' })]),
    };
    const fetchMock = vi.fn(async (_url: string, init: { body: string }) => {
      const body = JSON.parse(init.body) as { operationName: string; variables: { after?: string | null } };
      const data =
        body.operationName === 'RespondFromAgenda'
          ? { data: { respondToInvitation: { __typename: 'Invitation', id: 'i1', response: 'DECLINED', respondedAt: '2098-12-01T10:00:00Z', waitlistPosition: null } } }
          : body.variables.after
            ? pages.second
            : pages.first;
      return new Response(JSON.stringify(data), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWithRealClient();
    const list = await screen.findByRole('list', { name: 'Upcoming events' });
    expect(within(list).getAllByRole('article')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();

    // Decline the forum series (invitation i1): both of its dates go.
    const forum = within(list).getAllByRole('article')[0]!;
    await userEvent.click(within(forum).getByLabelText('Decline'));
    await userEvent.click(within(forum).getByRole('button', { name: /^Change reply/ }));
    expect(await screen.findByText(/Reply saved for Partnership Forum \(every date\): you are not coming/)).toBeTruthy();
    await waitFor(() => expect(within(list).getAllByRole('article').map((a) => within(a).getByRole('heading').textContent)).toEqual(['Housing workshop']));
  });
});

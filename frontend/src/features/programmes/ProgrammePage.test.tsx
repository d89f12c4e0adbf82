// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ProgrammePage } from './ProgrammePage';
import { MEMBER, renderAs, viewerWith } from '../../test/viewer';
import { opName } from '../../test/render';

const programme = {
  __typename: 'Programme',
  id: 'p1',
  name: 'System change',
  description: null,
  timeZone: 'Europe/London',
  public: false,
  reportingCurrency: 'GBP',
  roles: { edges: [] },
  openActions: { totalCount: 0 },
  commitments: { totalCount: 0 },
};
const forum = {
  __typename: 'Event',
  id: 'e1',
  title: 'Partnership Forum',
  kind: 'FORUM',
  status: 'SCHEDULED',
  timeZone: 'Europe/London',
  startsAt: '2026-07-14T09:00:00Z',
  endsAt: '2026-07-14T11:00:00Z',
  allDay: false,
  rrule: 'FREQ=MONTHLY;BYDAY=2TU',
  venueName: null,
  onlineURL: null,
  capacity: null,
  invitations: { totalCount: 3 },
  programme: { id: 'p1', name: 'System change' },
};
const answer = (op: { query: unknown; variables: unknown }) => {
  switch (opName(op)) {
    case 'Programme':
      return { data: { node: programme } };
    case 'EventList': {
      const { where, nextAfter } = op.variables as { where: { or?: unknown }; nextAfter?: string };
      // The server's next date after nextAfter: December's meeting is
      // cancelled, January's moved to a Wednesday.
      const node = { ...forum, nextOccurrence: nextAfter ? { startsAt: '2027-01-13T09:00:00Z', endsAt: '2027-01-13T11:00:00Z' } : null };
      const edges = where.or ? [{ node }] : [];
      return { data: { events: { totalCount: edges.length, pageInfo: { hasNextPage: false, endCursor: null }, edges } } };
    }
    default:
      return undefined;
  }
};

describe('ProgrammePage', () => {
  it('shows a series by its next date, not when it began', async () => {
    renderAs(MEMBER, <ProgrammePage id="p1" />, { query: answer });
    const table = await screen.findByRole('table', { name: /Upcoming events/ });
    await within(table).findByText(/next/);
    const when = within(table).getAllByRole('row')[1]!.textContent ?? '';
    expect(when).toMatch(/next Wed, 13 Jan 2027/);
    expect(when).not.toMatch(/from|Jul 2026/);
  });

  it('hides the staff scorecards from members, rather than showing zeros', async () => {
    renderAs(MEMBER, <ProgrammePage id="p1" />, { query: answer });
    await screen.findByRole('heading', { level: 1, name: 'System change' });
    expect(screen.queryByText('Open actions')).toBeNull();
    expect(screen.queryByText('Commitments')).toBeNull();
    expect(screen.queryByRole('link', { name: 'New event' })).toBeNull();
  });

  it('shows the scorecards to the programme’s consultants', async () => {
    renderAs(viewerWith(['CONSULTANT', 'p1']), <ProgrammePage id="p1" />, { query: answer });
    expect(await screen.findByText('Open actions')).toBeTruthy();
    expect(screen.getByText('Commitments')).toBeTruthy();
  });
});

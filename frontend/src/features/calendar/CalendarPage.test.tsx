// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CalendarPage } from './CalendarPage';
import { mockClient, renderWithClient } from '../../test/render';

const occurrences = [
  { recurrenceId: '2026-03-10T10:00:00Z', startsAt: '2026-03-10T10:00:00Z', endsAt: '2026-03-10T12:00:00Z', cancelled: false, moved: false, title: 'Partnership Forum', venueName: 'Civic Hall', event: { id: 'e1' } },
  { recurrenceId: '2026-03-24T10:00:00Z', startsAt: '2026-03-24T10:00:00Z', endsAt: '2026-03-24T12:00:00Z', cancelled: true, moved: false, title: 'Partnership Forum', venueName: null, event: { id: 'e1' } },
  // Moved from Friday to Monday 30 March, after the clocks went forward: 10:00 BST.
  { recurrenceId: '2026-03-27T10:00:00Z', startsAt: '2026-03-30T09:00:00Z', endsAt: '2026-03-30T11:00:00Z', cancelled: false, moved: true, title: 'Workshop', venueName: null, event: { id: 'e2' } },
];
const programme = (list: unknown[]) => ({ data: { node: { __typename: 'Programme', id: 'p1', name: 'System change', timeZone: 'Europe/London', occurrences: list } } });

afterEach(() => window.history.replaceState(null, '', '/'));

describe('Programme calendar', () => {
  it('lays out the month from Monday, with cancelled struck through and moved marked, in the programme zone', async () => {
    window.history.replaceState(null, '', '/programmes/p1/calendar?month=2026-03');
    const client = mockClient({ query: () => programme(occurrences) });
    renderWithClient(<CalendarPage id="p1" />, client);
    const table = await screen.findByRole('table', { name: /March 2026/ });
    expect(within(table).getAllByRole('columnheader')[0]!.textContent).toBe('Mon');
    const vars = (client.executeQuery.mock.calls[0]![0] as { variables: { from: string; to: string } }).variables;
    expect(Date.parse(vars.from)).toBeLessThanOrEqual(Date.parse('2026-02-23T00:00:00Z'));
    expect(Date.parse(vars.to)).toBeGreaterThanOrEqual(Date.parse('2026-04-05T23:00:00Z'));

    const forums = within(table).getAllByRole('link', { name: 'Partnership Forum' });
    expect(forums[0]!.getAttribute('href')).toBe('/events/e1');
    expect(forums[1]!.querySelector('s')).toBeTruthy();
    expect(within(table).getByText('Cancelled')).toBeTruthy();
    expect(within(table).getByText('Moved')).toBeTruthy();
    const monday30 = within(table).getByText('Monday 30 March').closest('td')!;
    expect(within(monday30).getByText('10:00–12:00')).toBeTruthy();
  });

  it('switches to the agenda and moves between months', async () => {
    window.history.replaceState(null, '', '/programmes/p1/calendar?month=2026-03');
    const client = mockClient({ query: () => programme(occurrences) });
    renderWithClient(<CalendarPage id="p1" />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Agenda' }));
    expect(screen.getByRole('button', { name: 'Agenda' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('heading', { name: 'Tuesday 10 March' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Monday 30 March' })).toBeTruthy();
    expect(window.location.search).toContain('view=agenda');
    await userEvent.click(screen.getByRole('button', { name: /^Next month/ }));
    expect(window.location.search).toContain('month=2026-04');
    expect(await screen.findByRole('heading', { name: 'April 2026' })).toBeTruthy();
  });

  it('shows a week as seven days from Monday, in the programme zone, across the clock change', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/programmes/p1/calendar?view=week&week=2026-03-26');
    const extra = { recurrenceId: '2026-03-24T15:00:00Z', startsAt: '2026-03-24T08:00:00Z', endsAt: '2026-03-24T09:00:00Z', cancelled: false, moved: false, title: 'Breakfast briefing', venueName: null, event: { id: 'e3' } };
    const client = mockClient({ query: () => programme([...occurrences, extra]) });
    renderWithClient(<CalendarPage id="p1" />, client);
    const week = await screen.findByRole('list', { name: 'Week of 23–29 March 2026, Monday to Sunday' });
    expect(screen.getByRole('heading', { name: '23–29 March 2026' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Week' }).getAttribute('aria-pressed')).toBe('true');
    const vars = (client.executeQuery.mock.calls[0]![0] as { variables: { from: string; to: string } }).variables;
    expect(Date.parse(vars.from)).toBeLessThanOrEqual(Date.parse('2026-03-23T00:00:00Z'));
    expect(Date.parse(vars.to)).toBeGreaterThanOrEqual(Date.parse('2026-03-29T23:00:00Z'));
    expect(Date.parse(vars.to) - Date.parse(vars.from)).toBeLessThan(10 * 86_400_000);

    const days = within(week).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(days).toEqual(['Monday 23 March', 'Tuesday 24 March', 'Wednesday 25 March', 'Thursday 26 March', 'Friday 27 March', 'Saturday 28 March', 'Sunday 29 March']);
    // Tuesday: the cancelled forum (struck through) after the 08:00 briefing.
    const tuesday = within(week).getByRole('heading', { name: 'Tuesday 24 March' }).closest('li')!;
    const items = within(tuesday).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('time')!.textContent)).toEqual(['08:00–09:00', '10:00–12:00']);
    expect(within(items[1]!).getByRole('link', { name: 'Partnership Forum' }).querySelector('s')).toBeTruthy();
    expect(within(items[1]!).getByText('Cancelled')).toBeTruthy();
    const sunday = within(week).getByRole('heading', { name: 'Sunday 29 March' }).closest('li')!;
    expect(within(sunday).getByText('Clocks go forward an hour')).toBeTruthy();
    expect(within(sunday).getByText('Nothing scheduled')).toBeTruthy();
    // The moved workshop lands in the next week (Monday 30 March, 10:00 BST), not this one.
    expect(within(week).queryByText('Workshop')).toBeNull();

    const next = screen.getByRole('button', { name: 'Next week, 30 March – 5 April 2026' });
    next.focus();
    await user.keyboard('{Enter}');
    expect(window.location.search).toContain('week=2026-03-30');
    const after = await screen.findByRole('list', { name: /^Week of 30 March – 5 April 2026/ });
    const monday = within(after).getByRole('heading', { name: 'Monday 30 March' }).closest('li')!;
    expect(within(monday).getByRole('link', { name: 'Workshop' }).getAttribute('href')).toBe('/events/e2');
    expect(within(monday).getByText('10:00–12:00')).toBeTruthy();
    expect(within(monday).getByText('Moved')).toBeTruthy();
    expect(within(monday).getByText(/from Fri, 27 Mar 2026, 10:00 GMT/)).toBeTruthy();
  });

  it('keeps the period when switching between month and week, in the address', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/programmes/p1/calendar?month=2026-04');
    renderWithClient(<CalendarPage id="p1" />, mockClient({ query: () => programme(occurrences) }));
    await user.click(await screen.findByRole('button', { name: 'Week' }));
    // The week holding 1 April.
    expect(new URLSearchParams(window.location.search).get('view')).toBe('week');
    expect(new URLSearchParams(window.location.search).get('week')).toBe('2026-03-30');
    expect(await screen.findByRole('heading', { name: '30 March – 5 April 2026' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Previous week/ }));
    expect(new URLSearchParams(window.location.search).get('week')).toBe('2026-03-23');
    await user.click(screen.getByRole('button', { name: 'Month' }));
    const params = new URLSearchParams(window.location.search);
    expect(params.get('month')).toBe('2026-03');
    expect(params.has('week')).toBe(false);
    expect(params.has('view')).toBe(false);
    expect(await screen.findByRole('table', { name: /March 2026/ })).toBeTruthy();
  });

  it('marks today in the week, and "This week" comes back to it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-25T12:00:00Z')); // a Wednesday
    try {
      const user = userEvent.setup();
      window.history.replaceState(null, '', '/programmes/p1/calendar?view=week&week=2020-01-06');
      renderWithClient(<CalendarPage id="p1" />, mockClient({ query: () => programme(occurrences) }));
      expect(await screen.findByRole('heading', { name: '6–12 January 2020' })).toBeTruthy();
      expect(document.querySelector('[aria-current="date"]')).toBeNull();
      await user.click(screen.getByRole('button', { name: 'This week' }));
      expect(new URLSearchParams(window.location.search).has('week')).toBe(false);
      expect(await screen.findByRole('heading', { name: '23–29 March 2026' })).toBeTruthy();
      const current = document.querySelector('[aria-current="date"]')!;
      expect(current.id).toBe('week-day-2026-03-25');
      expect(current.textContent).toBe('Wednesday 25 March Today');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when a week is empty', async () => {
    window.history.replaceState(null, '', '/programmes/p1/calendar?view=week&week=2026-05-04');
    renderWithClient(<CalendarPage id="p1" />, mockClient({ query: () => programme([]) }));
    expect(await screen.findByText('Nothing scheduled in the week of 4–10 May 2026.')).toBeTruthy();
  });

  it('says when a month is empty and when loading fails', async () => {
    window.history.replaceState(null, '', '/programmes/p1/calendar?month=2026-05');
    renderWithClient(<CalendarPage id="p1" />, mockClient({ query: () => programme([]) }));
    expect(await screen.findByText('Nothing scheduled in May 2026.')).toBeTruthy();
  });

  it('explains an error', async () => {
    window.history.replaceState(null, '', '/programmes/p1/calendar?month=2026-05');
    renderWithClient(<CalendarPage id="p1" />, mockClient({ query: () => ({ data: { node: null } }) }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load the calendar/);
  });
});

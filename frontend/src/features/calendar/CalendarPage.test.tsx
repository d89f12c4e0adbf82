// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
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

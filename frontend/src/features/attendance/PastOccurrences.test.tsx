// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PAST_SHOWN, PastOccurrences, pastOccurrences } from './PastOccurrences';
import { mockClient, renderWithClient } from '../../test/render';

const now = Date.parse('2027-03-01T12:00:00Z');
const week = 7 * 24 * 60 * 60 * 1000;
// Weekly, the last ten weeks, plus one today still running and one cancelled.
const occurrences = [
  ...Array.from({ length: 10 }, (_, i) => {
    const s = new Date(now - (10 - i) * week).toISOString();
    return { recurrenceId: s, startsAt: s, endsAt: new Date(Date.parse(s) + 7_200_000).toISOString(), cancelled: i === 4 };
  }),
  { recurrenceId: '2027-03-01T11:00:00Z', startsAt: '2027-03-01T11:00:00Z', endsAt: '2027-03-01T13:00:00Z', cancelled: false },
];

describe('PastOccurrences', () => {
  it('keeps ended, not cancelled occurrences, newest first', () => {
    const past = pastOccurrences(occurrences, now);
    expect(past).toHaveLength(9);
    expect(past[0]!.startsAt).toBe(new Date(now - week).toISOString());
    expect(past.some((o) => o.cancelled)).toBe(false);
  });

  it('links each past occurrence to its attendance record, and shows all on request', async () => {
    const client = mockClient({ query: () => ({ data: { node: { __typename: 'Event', id: 'e1', occurrences } } }) });
    renderWithClient(<PastOccurrences eventId="e1" zone="Europe/London" now={now} />, client);
    const section = await screen.findByRole('region', { name: 'Past occurrences' });
    const links = within(section).getAllByRole('link', { name: /^Attendance on/ });
    expect(links).toHaveLength(PAST_SHOWN);
    const newest = new Date(now - week).toISOString();
    expect(links[0]!.getAttribute('href')).toBe(`/events/e1/check-in?start=${encodeURIComponent(newest)}`);
    await userEvent.click(within(section).getByRole('button', { name: 'Show all 9 from the last year' }));
    expect(within(section).getAllByRole('link', { name: /^Attendance on/ })).toHaveLength(9);
  });

  it('shows nothing for an event that has not happened yet', async () => {
    const client = mockClient({ query: () => ({ data: { node: { __typename: 'Event', id: 'e1', occurrences: [occurrences[10]] } } }) });
    const { container } = renderWithClient(<PastOccurrences eventId="e1" zone="Europe/London" now={now} />, client);
    await new Promise((r) => setTimeout(r, 0));
    expect(container.textContent).toBe('');
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockClient, opName, renderWithClient } from '../../test/render';
import { OccurrenceActions } from './OccurrenceActions';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const occ = (start: string, end: string, extra = {}) => ({ __typename: 'Occurrence', recurrenceId: start, startsAt: start, endsAt: end, cancelled: false, moved: false, ...extra });

function client(mutation: (name: string, variables: Record<string, unknown>) => object) {
  return mockClient({
    query: (op) =>
      opName(op) === 'EventOccurrences'
        ? {
            data: {
              node: {
                __typename: 'Event',
                id: 'ev1',
                occurrences: [occ('2026-12-08T10:00:00Z', '2026-12-08T12:00:00Z'), occ('2027-01-12T10:00:00Z', '2027-01-12T12:00:00Z')],
              },
            },
          }
        : undefined,
    mutation: (op) => mutation(opName(op), op.variables as Record<string, unknown>),
  });
}

describe('OccurrenceActions', () => {
  it('moves one occurrence after confirmation, sending UTC instants from wall-clock times in the event zone', async () => {
    const user = userEvent.setup();
    const c = client((_name, v) => ({ data: { moveOccurrence: occ(String(v.recurrenceId), String(v.endsAt), { startsAt: v.startsAt, moved: true }) } }));
    renderWithClient(<OccurrenceActions eventId="ev1" zone="America/New_York" now={NOW} />, c);
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(2);
    await user.click(within(items[0]!).getByRole('button', { name: /^Move/ }));
    const start = within(items[0]!).getByLabelText('New start (America/New_York)') as HTMLInputElement;
    expect(start.value).toBe('2026-12-08T05:00');
    await user.clear(start);
    await user.type(start, '2026-12-09T09:30');
    const end = within(items[0]!).getByLabelText('New end (America/New_York)');
    await user.clear(end);
    await user.type(end, '2026-12-09T11:30');
    await user.click(within(items[0]!).getByRole('button', { name: 'Move' }));
    expect(c.executeMutation).not.toHaveBeenCalled();
    expect(within(items[0]!).getByRole('alertdialog', { name: 'Confirm the move' })).toBeTruthy();
    await user.click(within(items[0]!).getByRole('button', { name: 'Yes, move it' }));
    expect(c.executeMutation).toHaveBeenCalledTimes(1);
    const sent = c.executeMutation.mock.calls[0]![0] as unknown as { variables: unknown };
    expect(sent.variables).toEqual({
      eventID: 'ev1',
      recurrenceId: '2026-12-08T10:00:00Z',
      startsAt: '2026-12-09T14:30:00.000Z',
      endsAt: '2026-12-09T16:30:00.000Z',
    });
  });

  it('keeps the length when the start moves, and refuses an end before the start', async () => {
    const user = userEvent.setup();
    const c = client(() => ({}));
    renderWithClient(<OccurrenceActions eventId="ev1" zone="Europe/London" now={NOW} />, c);
    const items = await screen.findAllByRole('listitem');
    await user.click(within(items[0]!).getByRole('button', { name: /^Move/ }));
    const start = within(items[0]!).getByLabelText('New start (Europe/London)') as HTMLInputElement;
    const end = within(items[0]!).getByLabelText('New end (Europe/London)') as HTMLInputElement;
    await user.clear(start);
    await user.type(start, '2026-12-10T14:00');
    expect(end.value).toBe('2026-12-10T16:00');
    await user.clear(end);
    await user.type(end, '2026-12-10T13:00');
    await user.click(within(items[0]!).getByRole('button', { name: 'Move' }));
    expect(within(items[0]!).getByRole('alert').textContent).toContain('The new end must be after the new start.');
    expect(within(items[0]!).queryByRole('alertdialog')).toBeNull();
    expect(c.executeMutation).not.toHaveBeenCalled();
  });

  it('shows the server’s message for the field it refused', async () => {
    const user = userEvent.setup();
    const c = client(() => ({
      error: { graphQLErrors: [{ message: 'the occurrence must end after it starts', extensions: { code: 'BAD_USER_INPUT', field: 'endsAt' } }] },
    }));
    renderWithClient(<OccurrenceActions eventId="ev1" zone="Europe/London" now={NOW} />, c);
    const items = await screen.findAllByRole('listitem');
    await user.click(within(items[0]!).getByRole('button', { name: /^Move/ }));
    await user.click(within(items[0]!).getByRole('button', { name: 'Move' }));
    await user.click(within(items[0]!).getByRole('button', { name: 'Yes, move it' }));
    expect((await within(items[0]!).findByRole('alert')).textContent).toContain('The occurrence must end after it starts');
  });

  it('cancels one occurrence after confirmation and shows a server error', async () => {
    const user = userEvent.setup();
    const c = client(() => ({ error: { graphQLErrors: [{ message: 'not allowed', extensions: { code: 'FORBIDDEN' } }] } }));
    renderWithClient(<OccurrenceActions eventId="ev1" zone="Europe/London" now={NOW} />, c);
    const items = await screen.findAllByRole('listitem');
    await user.click(within(items[1]!).getByRole('button', { name: /^Cancel this occurrence/ }));
    expect(c.executeMutation).not.toHaveBeenCalled();
    await user.click(within(items[1]!).getByRole('button', { name: 'Keep it' }));
    expect(within(items[1]!).queryByRole('alertdialog')).toBeNull();
    await user.click(within(items[1]!).getByRole('button', { name: /^Cancel this occurrence/ }));
    await user.click(within(items[1]!).getByRole('button', { name: 'Yes, cancel this occurrence' }));
    expect(c.executeMutation).toHaveBeenCalledTimes(1);
    expect((c.executeMutation.mock.calls[0]![0] as unknown as { variables: unknown }).variables).toEqual({ eventID: 'ev1', recurrenceId: '2027-01-12T10:00:00Z' });
    expect(within(items[1]!).getByRole('alert').textContent).toMatch(/^Error: /);
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Door } from './CheckInPage';
import { mockClient, renderWithClient } from '../../test/render';

const start = '2027-01-12T10:00:00Z';
const sheet = {
  attendanceSheet: {
    eventId: 'e1',
    occurrenceStart: start,
    title: 'Forum',
    begins: start,
    ends: '2027-01-12T12:00:00Z',
    rows: [
      { person: { id: 'p1', name: 'Zoë O’Brien', email: null }, organisations: ['Leeds Shelter'], invitation: { id: 'i1', response: 'ACCEPTED' }, status: null },
      { person: { id: 'p2', name: 'Amir Khan', email: null }, organisations: ['Council'], invitation: { id: 'i2', response: 'ACCEPTED' }, status: 'PRESENT' },
    ],
  },
  occurrenceCheckIn: { code: '482913', url: 'http://convene.test/checkin/x', qrCodeUrl: 'http://convene.test/attendance/e1/x/qr.png', opensAt: '2027-01-12T09:30:00Z', closesAt: '2027-01-12T12:00:00Z' },
  occurrenceCounts: { eventId: 'e1', occurrenceStart: start, replies: [{ response: 'ACCEPTED', count: 2 }, { response: 'PENDING', count: 3 }], checkedIn: 1, reason: 'initial' },
};

describe('Door check-in', () => {
  it('shows counts, the self check-in code and QR, searches and checks a person in', async () => {
    const client = mockClient({
      query: () => ({ data: sheet }),
      mutation: () => ({ data: { checkIn: { id: 'a1', personID: 'p1', status: 'PRESENT', checkedInAt: start } } }),
    });
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" />, client);
    const counts = await screen.findByText('Invited');
    expect(counts.previousSibling?.textContent).toBe('5');
    expect(screen.getByText('Checked in', { selector: '.counts__label' }).previousSibling?.textContent).toBe('1');
    expect(screen.getByText('482913')).toBeTruthy();
    expect(screen.getByRole('img', { name: /QR code/ }).getAttribute('src')).toBe('/attendance/e1/x/qr.png');

    await userEvent.type(screen.getByLabelText('Search by name or organisation'), 'zoe');
    expect(screen.getByRole('list', { name: '1 of 2 people' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Check in Zoë O’Brien' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({ input: { eventId: 'e1', occurrenceStart: start, personId: 'p1' } });
    expect(await screen.findByText('Zoë O’Brien is checked in.')).toBeTruthy();
    expect(client.executeSubscription).toHaveBeenCalled();
  });

  it('says when nobody matches the search', async () => {
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" />, mockClient({ query: () => ({ data: sheet }) }));
    await userEvent.type(await screen.findByLabelText('Search by name or organisation'), 'nobody');
    expect(screen.getByText('Nobody matches “nobody”.')).toBeTruthy();
  });
});

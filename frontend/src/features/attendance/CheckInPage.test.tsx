// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Door } from './CheckInPage';
import { mockClient, opName, renderWithClient } from '../../test/render';

const start = '2027-01-12T10:00:00Z';
const sheet = {
  attendanceSheet: {
    eventId: 'e1',
    occurrenceStart: start,
    title: 'Forum',
    begins: start,
    ends: '2027-01-12T12:00:00Z',
    rows: [
      { person: { id: 'p1', name: 'Zoë O’Brien', email: null }, organisations: ['Leeds Shelter'], invitation: { id: 'i1', response: 'ACCEPTED' }, attendance: null, status: null, deputy: null },
      { person: { id: 'p2', name: 'Amir Khan', email: null }, organisations: ['Council'], invitation: { id: 'i2', response: 'ACCEPTED' }, attendance: { id: 'a2' }, status: 'PRESENT', deputy: null },
    ],
    csvUrl: 'http://convene.test/attendance/e1/2027-01-12T10:00:00Z/sheet.csv',
    printUrl: 'http://convene.test/attendance/e1/2027-01-12T10:00:00Z/sheet',
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

  it('records a walk-in found in the directory, and a new person with field errors first', async () => {
    const client = mockClient({
      query: (op) => {
        switch (opName(op)) {
          case 'WalkInPeople':
            return { data: { people: { totalCount: 1, edges: [{ node: { id: 'p7', name: 'Kim Lee', email: 'kim@example.org' } }] } } };
          case 'WalkInOrganisations':
            return { data: { organisations: { totalCount: 1, edges: [{ node: { id: 'o3', name: 'Northgate Housing' } }] } } };
          default:
            return { data: sheet };
        }
      },
      mutation: (op) => {
        const input = (op.variables as { input: { name?: string } }).input;
        if (input.name === 'Taken') {
          return { error: { graphQLErrors: [{ message: 'give a different name', extensions: { code: 'BAD_USER_INPUT', field: 'name' } }] } as never };
        }
        return { data: { recordWalkIn: { created: !!input.name, person: { id: 'p7', name: input.name ?? 'Kim Lee' }, attendance: { id: 'a7', personID: 'p7', status: 'PRESENT' }, represented: null } } };
      },
    });
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" />, client);
    const open = await screen.findByRole('button', { name: 'Someone not on the list?' });
    expect(open.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(open);
    expect(open.getAttribute('aria-expanded')).toBe('true');
    // The panel takes focus.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Record a walk-in' }));

    // Submitting with nobody chosen says what to do.
    await userEvent.click(screen.getByRole('button', { name: 'Record walk-in' }));
    expect(await screen.findByRole('link', { name: /Choose the person from the search results/ })).toBeTruthy();
    expect(client.executeMutation).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Search the directory by name'), 'kim');
    await userEvent.click(await screen.findByRole('button', { name: 'Choose Kim Lee (kim@example.org)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Record walk-in' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({ input: { eventId: 'e1', occurrenceStart: start, personId: 'p7' } });
    expect(await screen.findByText('Kim Lee is checked in as a walk-in.')).toBeTruthy();
    // The panel closes, focus goes back to the search, and the list is reloaded.
    expect(screen.queryByRole('heading', { name: 'Record a walk-in' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Search by name or organisation'));
    expect(client.executeQuery.mock.calls.filter((c) => opName(c[0] as { query: unknown }) === 'CheckInSheet').length).toBeGreaterThan(1);

    // Someone new: the name is required, the server's field errors show on the field.
    await userEvent.click(screen.getByRole('button', { name: 'Someone not on the list?' }));
    await userEvent.click(screen.getByRole('button', { name: 'Not in the directory? Add someone new' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    await userEvent.click(screen.getByRole('button', { name: 'Record walk-in' }));
    expect(await screen.findByRole('link', { name: 'Enter their name.' })).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(screen.getByLabelText('Name'), 'Taken');
    await userEvent.click(screen.getByRole('button', { name: 'Record walk-in' }));
    expect(await screen.findByRole('link', { name: 'Give a different name' })).toBeTruthy();

    await userEvent.clear(screen.getByLabelText('Name'));
    await userEvent.type(screen.getByLabelText('Name'), 'Pat Jones');
    await userEvent.type(screen.getByLabelText('Email (optional)'), 'pat@example.org');
    await userEvent.selectOptions(screen.getByLabelText('Stakeholder group (optional)'), 'FRONTLINE');
    await userEvent.type(screen.getByLabelText('Organisation (optional)'), 'north');
    await userEvent.click(await screen.findByRole('button', { name: 'Choose Northgate Housing' }));
    expect(screen.getByText('Northgate Housing')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Record walk-in' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledTimes(3));
    expect((client.executeMutation.mock.calls[2]![0] as { variables: unknown }).variables).toEqual({
      input: { eventId: 'e1', occurrenceStart: start, name: 'Pat Jones', email: 'pat@example.org', stakeholderGroup: 'FRONTLINE', organisationId: 'o3' },
    });
    expect(await screen.findByText('Pat Jones is checked in as a walk-in. They were added to the directory.')).toBeTruthy();
    // Much typing: give a busy machine time.
  }, 20_000);

  it('records a deputy from the invitee’s row, and Cancel returns focus', async () => {
    const client = mockClient({
      query: (op) =>
        opName(op) === 'WalkInPeople'
          ? {
              data: {
                people: {
                  totalCount: 2,
                  edges: [
                    { node: { id: 'p1', name: 'Zoë O’Brien', email: null } },
                    { node: { id: 'p8', name: 'Zac Deputy', email: null } },
                  ],
                },
              },
            }
          : { data: sheet },
      mutation: () => ({ data: { recordWalkIn: { created: false, person: { id: 'p8', name: 'Zac Deputy' }, attendance: { id: 'a8', personID: 'p8', status: 'PRESENT' }, represented: { id: 'a1', personID: 'p1', status: 'DEPUTY' } } } }),
    });
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" />, client);
    const deputy = await screen.findByRole('button', { name: 'Came instead: deputy for Zoë O’Brien' });
    // Only invitees not yet in the room can send a deputy.
    expect(screen.queryByRole('button', { name: /deputy for Amir Khan/ })).toBeNull();
    await userEvent.click(deputy);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Who came instead of Zoë O’Brien?' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(deputy));

    await userEvent.click(deputy);
    await userEvent.type(screen.getByLabelText('Search the directory by name'), 'zo');
    // The invitee is not offered as their own deputy.
    await screen.findByRole('button', { name: 'Choose Zac Deputy' });
    expect(screen.queryByRole('button', { name: 'Choose Zoë O’Brien' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Choose Zac Deputy' }));
    await userEvent.click(screen.getByRole('button', { name: 'Record deputy' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({
      input: { eventId: 'e1', occurrenceStart: start, personId: 'p8', deputyFor: 'p1' },
    });
    expect(await screen.findByText('Zac Deputy is checked in, instead of Zoë O’Brien.')).toBeTruthy();
  });

  it('shows who came as a deputy on the invitee’s row', async () => {
    const withDeputy = {
      ...sheet,
      attendanceSheet: {
        ...sheet.attendanceSheet,
        rows: [{ ...sheet.attendanceSheet.rows[0]!, status: 'DEPUTY', deputy: { id: 'p8', name: 'Zac Deputy' } }],
      },
    };
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" />, mockClient({ query: () => ({ data: withDeputy }) }));
    expect(await screen.findByText('Deputy: Zac Deputy')).toBeTruthy();
    expect(screen.getByText('Deputy came')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Check in Zoë/ })).toBeNull();
  });

  it('undoes a mistaken check-in, and treats an already-undone one as done', async () => {
    let sheetCalls = 0;
    const client = mockClient({
      query: (op) => {
        if (opName(op) !== 'CheckInSheet') return undefined;
        sheetCalls++;
        // After the undo the list comes back with Amir no longer in the room.
        if (sheetCalls === 1) return { data: sheet };
        const rows = sheet.attendanceSheet.rows.map((r) => (r.person.id === 'p2' ? { ...r, attendance: null, status: null } : r));
        return { data: { ...sheet, attendanceSheet: { ...sheet.attendanceSheet, rows }, occurrenceCounts: { ...sheet.occurrenceCounts, checkedIn: 0 } } };
      },
      mutation: (op) =>
        opName(op) === 'UndoCheckIn'
          ? { error: { graphQLErrors: [{ message: 'attendance not found', extensions: { code: 'NOT_FOUND' } }] } as never }
          : { data: { checkIn: { id: 'a9', personID: 'p1', status: 'PRESENT', checkedInAt: start } } },
    });
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" />, client);
    // Only people in the room can be undone.
    const undo = await screen.findByRole('button', { name: 'Undo check-in of Amir Khan' });
    expect(screen.queryByRole('button', { name: /Undo check-in of Zoë/ })).toBeNull();
    await userEvent.click(undo);
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect(opName(client.executeMutation.mock.calls[0]![0] as { query: unknown })).toBe('UndoCheckIn');
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({ id: 'a2' });
    // NOT_FOUND (undone elsewhere already) is the same outcome: no error shown.
    expect(await screen.findByText('Amir Khan’s check-in is undone.')).toBeTruthy();
    expect(screen.queryByText('That check-in was not undone.')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Check in Amir Khan' })).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Checked in', { selector: '.counts__label' }).previousSibling?.textContent).toBe('0'));

    // A check-in made on this screen can be undone straight away, by its new id.
    await userEvent.click(screen.getByRole('button', { name: 'Check in Zoë O’Brien' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Undo check-in of Zoë O’Brien' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledTimes(3));
    expect((client.executeMutation.mock.calls[2]![0] as { variables: unknown }).variables).toEqual({ id: 'a9' });
  });

  it('shows an undo that failed for another reason', async () => {
    const client = mockClient({
      query: () => ({ data: sheet }),
      mutation: () => ({ error: { graphQLErrors: [{ message: 'not allowed', extensions: { code: 'FORBIDDEN' } }] } as never }),
    });
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Undo check-in of Amir Khan' }));
    expect(await screen.findByText(/That check-in was not undone/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Undo check-in of Amir Khan' })).toBeTruthy();
  });

  it('links the printable sheet and the CSV, and leaves out the self check-in code when correcting', async () => {
    const { occurrenceCheckIn: _omitted, ...pastSheet } = sheet;
    const client = mockClient({ query: () => ({ data: pastSheet }) });
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" corrections />, client);
    const print = await screen.findByRole('link', { name: /Printable sign-in sheet/ });
    expect(print.getAttribute('href')).toBe('/attendance/e1/2027-01-12T10:00:00Z/sheet');
    expect(screen.getByRole('link', { name: 'Download the sheet (CSV)' }).getAttribute('href')).toBe('/attendance/e1/2027-01-12T10:00:00Z/sheet.csv');
    expect(screen.queryByRole('heading', { name: 'Self check-in' })).toBeNull();
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
    const sent = client.executeQuery.mock.calls.find((c) => opName(c[0] as { query: unknown }) === 'CheckInSheet')![0] as { variables: unknown };
    expect(sent.variables).toEqual({ eventId: 'e1', start, door: false });
  });
});

describe('Correcting an ended occurrence', () => {
  const { occurrenceCheckIn: _omitted, ...door } = sheet;
  const statuses = (counts: Record<string, number>) => ['PRESENT', 'LATE', 'LEFT_EARLY', 'APOLOGIES', 'DEPUTY'].map((status) => ({ status, count: counts[status] ?? 0 }));
  // In the sheet's name order: Amir was present; Zoë accepted and nothing
  // is recorded (a no-show).
  const past = {
    ...door,
    attendanceSheet: {
      ...door.attendanceSheet,
      rows: [
        { ...door.attendanceSheet.rows[1]!, attendance: { id: 'a2', status: 'PRESENT' } },
        { ...door.attendanceSheet.rows[0]!, status: 'ABSENT' },
      ],
    },
    occurrenceCounts: { ...door.occurrenceCounts, statuses: statuses({ PRESENT: 1 }), noShows: 1 },
  };
  // The same occurrence once Zoë's apologies are recorded.
  const afterApologies = {
    ...past,
    attendanceSheet: {
      ...past.attendanceSheet,
      rows: [past.attendanceSheet.rows[0]!, { ...past.attendanceSheet.rows[1]!, attendance: { id: 'a1', status: 'APOLOGIES' }, status: 'APOLOGIES' }],
    },
    occurrenceCounts: { ...past.occurrenceCounts, statuses: statuses({ PRESENT: 1, APOLOGIES: 1 }), noShows: 0 },
  };
  const countOf = (label: string) =>
    [...screen.getByRole('list', { name: 'Recorded outcomes' }).querySelectorAll('li')].find((li) => li.querySelector('.counts__label')?.textContent === label)?.querySelector('.counts__number')?.textContent;
  const selected = (select: HTMLElement) => (select as HTMLSelectElement).selectedOptions[0]?.textContent;

  it('shows each person’s recorded status in one labelled control, with the outcome counts', async () => {
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" corrections />, mockClient({ query: () => ({ data: past }) }));
    const zoe = await screen.findByLabelText('Attendance of Zoë O’Brien');
    expect(selected(zoe)).toBe('No-show (nothing recorded)');
    const amir = screen.getByLabelText('Attendance of Amir Khan');
    expect((amir as HTMLSelectElement).value).toBe('PRESENT');
    expect(selected(amir)).toBe('Present');
    expect([...(amir as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['Present', 'Late', 'Left early', 'Apologies']);
    // Not the door's one-tap buttons; undo and the deputy flow stay.
    expect(screen.queryByRole('button', { name: /^Check in / })).toBeNull();
    expect(screen.getByRole('button', { name: 'Undo check-in of Amir Khan' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Undo .* Zoë/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Came instead: deputy for Zoë O’Brien' })).toBeTruthy();
    // The sheet's name order, not the door's "not yet in" first: rows stay put as statuses change.
    expect(screen.getAllByLabelText(/^Attendance of /)).toEqual([amir, zoe]);
    expect(countOf('Apologies')).toBe('0');
    expect(countOf('No-shows')).toBe('1');
  });

  it('records apologies with the checkIn mutation, announces it and shows the new counts', async () => {
    let sheetCalls = 0;
    const client = mockClient({
      query: (op) => {
        if (opName(op) !== 'CheckInSheet') return undefined;
        sheetCalls++;
        return { data: sheetCalls === 1 ? past : afterApologies };
      },
      mutation: () => ({ data: { checkIn: { id: 'a1', personID: 'p1', status: 'APOLOGIES', checkedInAt: null } } }),
    });
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" corrections />, client);
    const zoe = await screen.findByLabelText('Attendance of Zoë O’Brien');
    await userEvent.selectOptions(zoe, 'Apologies');
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect(opName(client.executeMutation.mock.calls[0]![0] as { query: unknown })).toBe('CheckIn');
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({
      input: { eventId: 'e1', occurrenceStart: start, personId: 'p1', status: 'APOLOGIES' },
    });
    expect((await screen.findByRole('status')).textContent).toBe('Apologies from Zoë O’Brien are recorded.');
    // The control keeps the focus and shows the new status; the sheet is reloaded and the counts follow.
    expect(document.activeElement).toBe(screen.getByLabelText('Attendance of Zoë O’Brien'));
    expect(selected(screen.getByLabelText('Attendance of Zoë O’Brien'))).toBe('Apologies');
    await waitFor(() => expect(countOf('Apologies')).toBe('1'));
    expect(countOf('No-shows')).toBe('0');
    expect(sheetCalls).toBeGreaterThan(1);
    // Apologies are a record that can be undone too.
    expect(screen.getByRole('button', { name: 'Undo apologies from Zoë O’Brien' })).toBeTruthy();
    expect(screen.queryByText(/was not saved/)).toBeNull();
  });

  it('removes recorded apologies with Undo and gives the focus back to the control', async () => {
    const client = mockClient({
      query: () => ({ data: afterApologies }),
      mutation: () => ({ data: { deleteAttendance: 'a1' } }),
    });
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" corrections />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Undo apologies from Zoë O’Brien' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect(opName(client.executeMutation.mock.calls[0]![0] as { query: unknown })).toBe('UndoCheckIn');
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({ id: 'a1' });
    expect(await screen.findByText('Zoë O’Brien’s apologies are removed.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Attendance of Zoë O’Brien')));
  });

  it('shows a change that was not saved, and puts the control back', async () => {
    const client = mockClient({
      query: () => ({ data: past }),
      mutation: () => ({ error: { graphQLErrors: [{ message: 'not allowed', extensions: { code: 'FORBIDDEN' } }] } as never }),
    });
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" corrections />, client);
    const amir = await screen.findByLabelText('Attendance of Amir Khan');
    await userEvent.selectOptions(amir, 'Late');
    expect(await screen.findByText(/The change to Amir Khan’s attendance was not saved/)).toBeTruthy();
    expect((screen.getByLabelText('Attendance of Amir Khan') as HTMLSelectElement).value).toBe('PRESENT');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('is not offered at the door, where one tap checks a person in', async () => {
    renderWithClient(<Door eventId="e1" start={start} zone="Europe/London" />, mockClient({ query: () => ({ data: sheet }) }));
    expect(await screen.findByRole('button', { name: 'Check in Zoë O’Brien' })).toBeTruthy();
    expect(screen.queryByLabelText(/^Attendance of /)).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Recorded outcomes' })).toBeNull();
  });
});

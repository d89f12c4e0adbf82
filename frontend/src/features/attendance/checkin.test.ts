import { describe, expect, it } from 'vitest';
import {
  attendanceIdOf,
  doorCounts,
  doorOrder,
  isCorrection,
  isInRoom,
  latestWins,
  liveRecordKey,
  normalise,
  occurrenceWindow,
  outcomeAnnouncement,
  outcomeChoices,
  outcomeCounts,
  recordOf,
  sameOriginPath,
  searchRows,
  statusOf,
  undoneAlready,
} from './checkin';

const rows = [
  { person: { name: 'Zoë O’Brien', email: 'zoe@shelter.example.org' }, organisations: ['Leeds Shelter'], status: null },
  { person: { name: 'Amir Khan', email: null }, organisations: ['Council Housing Options'], status: 'PRESENT' },
  { person: { name: 'Beth Adams', email: 'beth@example.org' }, organisations: [], status: 'APOLOGIES' },
];

describe('searchRows', () => {
  it('matches names without accents and in any case', () => {
    expect(searchRows(rows, 'zoe').map((r) => r.person.name)).toEqual(['Zoë O’Brien']);
    expect(searchRows(rows, "o'brien").map((r) => r.person.name)).toEqual(['Zoë O’Brien']);
  });
  it('needs every word, across name and organisation', () => {
    expect(searchRows(rows, 'amir housing').length).toBe(1);
    expect(searchRows(rows, 'amir shelter').length).toBe(0);
  });
  it('returns everyone for an empty query', () => {
    expect(searchRows(rows, '   ').length).toBe(3);
  });
});

describe('doorCounts', () => {
  it('adds up replies and takes check-ins from the server', () => {
    expect(
      doorCounts({
        replies: [
          { response: 'ACCEPTED', count: 5 },
          { response: 'PENDING', count: 3 },
          { response: 'DECLINED', count: 2 },
        ],
        checkedIn: 4,
      }),
    ).toEqual({ invited: 10, accepted: 5, checkedIn: 4 });
    expect(doorCounts(null)).toBeNull();
  });
});

describe('outcomeCounts and liveRecordKey', () => {
  const live = {
    replies: [{ response: 'ACCEPTED', count: 5 }],
    checkedIn: 3,
    statuses: [
      { status: 'PRESENT', count: 2 },
      { status: 'LATE', count: 1 },
      { status: 'LEFT_EARLY', count: 0 },
      { status: 'APOLOGIES', count: 2 },
      { status: 'DEPUTY', count: 0 },
    ],
    noShows: 1,
  };
  it('counts late arrivals, early leavers, apologies and no-shows', () => {
    expect(outcomeCounts(live)).toEqual({ late: 1, leftEarly: 0, apologies: 2, noShows: 1 });
    expect(outcomeCounts({ ...live, statuses: undefined })).toBeNull();
    expect(outcomeCounts(null)).toBeNull();
  });
  it('changes when a status changes, even with the same number in the room', () => {
    const key = liveRecordKey(live);
    const late = { ...live, statuses: live.statuses.map((s) => (s.status === 'PRESENT' ? { ...s, count: 1 } : s.status === 'LATE' ? { ...s, count: 2 } : s)) };
    expect(liveRecordKey(late)).not.toBe(key);
    expect(liveRecordKey({ ...live })).toBe(key);
    expect(liveRecordKey(undefined)).toBeUndefined();
  });
});

describe('doorOrder', () => {
  it('puts people not yet in the room first, by name', () => {
    expect(doorOrder(rows).map((r) => r.person.name)).toEqual(['Beth Adams', 'Zoë O’Brien', 'Amir Khan']);
  });
});

describe('normalise and sameOriginPath', () => {
  it('collapses spaces', () => expect(normalise('  A   B ')).toBe('a b'));
  it('keeps only the path of an absolute URL', () => {
    expect(sameOriginPath('http://convene.example:8080/attendance/1/2026-01-01T10:00:00Z/qr.png?x=1', 'http://127.0.0.1:5000')).toBe(
      '/attendance/1/2026-01-01T10:00:00Z/qr.png?x=1',
    );
    expect(sameOriginPath('/attendance/qr.png', 'http://127.0.0.1:5000')).toBe('/attendance/qr.png');
  });
});

describe('marks made at the door', () => {
  const inRoom = { person: { id: 'p2' }, status: 'PRESENT', attendance: { id: 'a2' } };
  const notIn = { person: { id: 'p1' }, status: null, attendance: null };
  const apologies = { person: { id: 'p3' }, status: 'APOLOGIES', attendance: { id: 'a3' } };
  it('follows the loaded list until something changes here', () => {
    expect(isInRoom(inRoom, {})).toBe(true);
    expect(attendanceIdOf(inRoom, {})).toBe('a2');
    expect(isInRoom(notIn, {})).toBe(false);
    expect(attendanceIdOf(notIn, {})).toBeNull();
    // Apologies are a record, but not someone in the room to undo.
    expect(attendanceIdOf(apologies, {})).toBeNull();
  });
  it('uses the new id after a check-in, and nothing after an undo', () => {
    expect(isInRoom(notIn, { p1: { id: 'a9', status: 'PRESENT' } })).toBe(true);
    expect(attendanceIdOf(notIn, { p1: { id: 'a9', status: 'PRESENT' } })).toBe('a9');
    expect(isInRoom(inRoom, { p2: null })).toBe(false);
    expect(attendanceIdOf(inRoom, { p2: null })).toBeNull();
  });
  it('follows a status changed here, and the record’s own status over the row’s', () => {
    const changed = { p2: { id: 'a2', status: 'APOLOGIES' } };
    expect(statusOf(inRoom, changed)).toBe('APOLOGIES');
    expect(isInRoom(inRoom, changed)).toBe(false);
    expect(attendanceIdOf(inRoom, changed)).toBeNull();
    // Any record can be corrected away, apologies included.
    expect(recordOf(inRoom, changed)).toEqual({ id: 'a2', status: 'APOLOGIES' });
    expect(recordOf(apologies, {})).toEqual({ id: 'a3', status: 'APOLOGIES' });
    expect(recordOf(notIn, {})).toBeNull();
    expect(recordOf(inRoom, { p2: null })).toBeNull();
    // The cache updated the record before the sheet reloaded.
    const cached = { ...inRoom, attendance: { id: 'a2', status: 'LATE' } };
    expect(statusOf(cached, {})).toBe('LATE');
    // A derived no-show has a status but no record.
    const noShow = { person: { id: 'p4' }, status: 'ABSENT', attendance: null };
    expect(statusOf(noShow, {})).toBe('ABSENT');
    expect(recordOf(noShow, {})).toBeNull();
    expect(isInRoom(noShow, {})).toBe(false);
  });
  it('counts an undo of a record already gone as done, and nothing else', () => {
    expect(undoneAlready({ graphQLErrors: [{ extensions: { code: 'NOT_FOUND' } }] })).toBe(true);
    expect(undoneAlready({ graphQLErrors: [{ extensions: { code: 'FORBIDDEN' } }] })).toBe(false);
    expect(undoneAlready({ graphQLErrors: [] })).toBe(false);
    expect(undoneAlready(undefined)).toBe(false);
  });
});

describe('outcomeChoices', () => {
  const invitee = { person: { id: 'p1' }, invitation: { response: 'ACCEPTED' }, status: null, attendance: null };
  const values = (cs: Array<{ value: string; disabled: boolean }>) => cs.map((c) => (c.disabled ? `(${c.value})` : c.value));
  it('shows nothing recorded (a no-show for an accepted invitee) without offering it', () => {
    const cs = outcomeChoices({ ...invitee, status: 'ABSENT' }, {});
    expect(values(cs)).toEqual(['()', 'PRESENT', 'LATE', 'LEFT_EARLY', 'APOLOGIES']);
    expect(cs[0]!.label).toBe('No-show (nothing recorded)');
    expect(outcomeChoices({ ...invitee, invitation: { response: 'PENDING' } }, {})[0]!.label).toBe('Not recorded');
    // Just undone here: an accepted invitee with no record is a no-show.
    expect(outcomeChoices({ ...invitee, status: 'PRESENT', attendance: { id: 'a1' } }, { p1: null })[0]!.label).toBe('No-show (nothing recorded)');
  });
  it('offers only the outcomes once something is recorded, and shows a deputy as it is', () => {
    const cs = outcomeChoices({ ...invitee, status: 'LATE', attendance: { id: 'a1' } }, {});
    expect(values(cs)).toEqual(['PRESENT', 'LATE', 'LEFT_EARLY', 'APOLOGIES']);
    expect(cs.map((c) => c.label)).toEqual(['Present', 'Late', 'Left early', 'Apologies']);
    expect(values(outcomeChoices({ ...invitee, status: 'DEPUTY', attendance: { id: 'a1' } }, {}))).toEqual(['(DEPUTY)', 'PRESENT', 'LATE', 'LEFT_EARLY', 'APOLOGIES']);
  });
  it('does not offer apologies for a walk-in', () => {
    const walkIn = { person: { id: 'p5' }, invitation: null, status: 'PRESENT', attendance: { id: 'a5' } };
    expect(values(outcomeChoices(walkIn, {}))).toEqual(['PRESENT', 'LATE', 'LEFT_EARLY']);
  });
  it('words the announcement for each outcome', () => {
    expect(outcomeAnnouncement('Ash', 'APOLOGIES')).toBe('Apologies from Ash are recorded.');
    expect(outcomeAnnouncement('Ash', 'LEFT_EARLY')).toBe('Ash is recorded as having left early.');
    expect(outcomeAnnouncement('Ash', 'LATE')).toBe('Ash is recorded as late.');
    expect(outcomeAnnouncement('Ash', 'PRESENT')).toBe('Ash is recorded as present.');
  });
});

describe('latestWins', () => {
  it('saves one value per key at a time, skipping values overtaken while one is in flight', async () => {
    const sent: string[] = [];
    const finish: Array<() => void> = [];
    const done: string[] = [];
    const put = latestWins<string, string>(
      (key, value) => {
        sent.push(`${key}=${value}`);
        return new Promise((resolve) => finish.push(() => resolve(`saved ${value}`)));
      },
      (key, value, result) => done.push(`${key}=${value}: ${result}`),
    );
    const first = put('p1', 'LATE');
    void put('p1', 'LEFT_EARLY');
    void put('p1', 'APOLOGIES');
    // Another person is saved alongside.
    const other = put('p2', 'PRESENT');
    expect(sent).toEqual(['p1=LATE', 'p2=PRESENT']);
    finish.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    // LEFT_EARLY was overtaken: only the last value follows.
    expect(sent).toEqual(['p1=LATE', 'p2=PRESENT', 'p1=APOLOGIES']);
    expect(done).toEqual([]);
    finish.shift()!();
    await other;
    finish.shift()!();
    await first;
    expect(done).toEqual(['p2=PRESENT: saved PRESENT', 'p1=APOLOGIES: saved APOLOGIES']);
    // Idle again: the next value goes at once.
    void put('p1', 'PRESENT');
    expect(sent.at(-1)).toBe('p1=PRESENT');
  });
});

describe('corrections', () => {
  const now = Date.parse('2027-03-01T12:00:00Z');
  it('corrects an occurrence once it has ended', () => {
    expect(isCorrection({ endsAt: '2027-03-01T11:00:00Z' }, now)).toBe(true);
    expect(isCorrection({ endsAt: '2027-03-01T13:00:00Z' }, now)).toBe(false);
    expect(isCorrection(null, now)).toBe(false);
  });
  it('reaches back to an earlier occurrence named in the address', () => {
    const w = occurrenceWindow('e1', '', now);
    expect(w.from).toBe('2027-02-22T12:00:00.000Z');
    expect(w.to).toBe('2027-05-30T12:00:00.000Z');
    expect(occurrenceWindow('e1', '2026-11-10T10:00:00Z', now).from).toBe('2026-11-09T10:00:00.000Z');
    // A start inside the usual window changes nothing; garbage is ignored.
    expect(occurrenceWindow('e1', '2027-02-28T10:00:00Z', now).from).toBe(w.from);
    expect(occurrenceWindow('e1', 'nonsense', now).from).toBe(w.from);
  });
});

import { describe, expect, it } from 'vitest';
import { attendanceIdOf, doorCounts, doorOrder, isCorrection, isInRoom, normalise, occurrenceWindow, sameOriginPath, searchRows, undoneAlready } from './checkin';

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
    expect(isInRoom(notIn, { p1: 'a9' })).toBe(true);
    expect(attendanceIdOf(notIn, { p1: 'a9' })).toBe('a9');
    expect(isInRoom(inRoom, { p2: null })).toBe(false);
    expect(attendanceIdOf(inRoom, { p2: null })).toBeNull();
  });
  it('counts an undo of a record already gone as done, and nothing else', () => {
    expect(undoneAlready({ graphQLErrors: [{ extensions: { code: 'NOT_FOUND' } }] })).toBe(true);
    expect(undoneAlready({ graphQLErrors: [{ extensions: { code: 'FORBIDDEN' } }] })).toBe(false);
    expect(undoneAlready({ graphQLErrors: [] })).toBe(false);
    expect(undoneAlready(undefined)).toBe(false);
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

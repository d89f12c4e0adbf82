import { describe, expect, it } from 'vitest';
import { doorCounts, doorOrder, normalise, sameOriginPath, searchRows } from './checkin';

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

import { describe, expect, it } from 'vitest';
import { boardFilter } from './boardFilter';

const none = { programme: '', organisation: '', owner: '', status: '', due: '' };
const now = Date.parse('2026-11-24T12:00:00Z');

describe('boardFilter', () => {
  it('is empty with no filters and ignores unknown values', () => {
    expect(boardFilter(none, now)).toEqual({});
    expect(boardFilter({ ...none, status: 'NOPE', due: '5' }, now)).toEqual({});
  });
  it('maps each filter', () => {
    expect(boardFilter({ programme: 'p1', organisation: 'o1', owner: 'per1', status: 'IN_PROGRESS', due: '30' }, now)).toEqual({
      programmeID: 'p1',
      ownerOrganisationID: 'o1',
      ownerPersonID: 'per1',
      status: ['IN_PROGRESS'],
      dueFrom: '2026-11-24T12:00:00.000Z',
      dueBefore: '2026-12-24T12:00:00.000Z',
    });
    expect(boardFilter({ ...none, status: 'OVERDUE' }, now)).toEqual({ overdue: true });
  });
});

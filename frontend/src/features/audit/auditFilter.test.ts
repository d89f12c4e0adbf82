import { describe, expect, it } from 'vitest';
import { auditWhere, changeLines, entityPath, nextDay, rangeBackwards, startOfDay } from './auditFilter';

describe('auditWhere', () => {
  const none = { type: '', programme: '', who: '', from: '', to: '' };
  it('sends no filter when none is set', () => {
    expect(auditWhere(none, 'Europe/London')).toEqual({});
  });
  it('filters by type, programme and who with the API’s integer ids', () => {
    expect(auditWhere({ ...none, type: 'Commitment', programme: '12', who: '34' }, 'UTC')).toEqual({ entityType: 'Commitment', programmeID: 12, actorID: 34 });
  });
  it('ignores unknown types and ids that are not numbers', () => {
    expect(auditWhere({ ...none, type: 'Secret', programme: 'abc', who: '1.5' }, 'UTC')).toEqual({});
  });
  it('takes whole days in the viewer’s zone, the end day included', () => {
    // London is on BST (UTC+1) on 1 June.
    expect(auditWhere({ ...none, from: '2026-06-01', to: '2026-06-01' }, 'Europe/London')).toEqual({
      createdAtGTE: '2026-05-31T23:00:00.000Z',
      createdAtLT: '2026-06-01T23:00:00.000Z',
    });
    expect(auditWhere({ ...none, to: '2026-12-31' }, 'UTC')).toEqual({ createdAtLT: '2027-01-01T00:00:00.000Z' });
  });
  it('spots a backwards range and bad dates', () => {
    expect(rangeBackwards({ from: '2026-06-02', to: '2026-06-01' })).toBe(true);
    expect(rangeBackwards({ from: '2026-06-01', to: '2026-06-01' })).toBe(false);
    expect(rangeBackwards({ from: '', to: '2026-06-01' })).toBe(false);
    expect(startOfDay('2026-02-31', 'UTC')).toBeNull();
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});

describe('changeLines', () => {
  it('shows updates as old → new and creates as values, sorted by field', () => {
    expect(
      changeLines({
        status: { old: 'PENDING', new: 'ACCEPTED' },
        access_needs: { old: '[redacted]', new: '[redacted]' },
        title: { new: 'Forum' },
        ends_at: { new: null },
      }),
    ).toEqual([
      { field: 'access_needs', text: 'access needs: [redacted] → [redacted]' },
      { field: 'ends_at', text: 'ends at: (empty)' },
      { field: 'status', text: 'status: PENDING → ACCEPTED' },
      { field: 'title', text: 'title: Forum' },
    ]);
  });
  it('says when details were erased, and copes with nothing', () => {
    expect(changeLines({ erased: true })).toEqual([{ field: 'erased', text: 'details erased (GDPR)' }]);
    expect(changeLines(null)).toEqual([]);
    expect(changeLines({})).toEqual([]);
  });
  it('shortens long values', () => {
    const [line] = changeLines({ notes: { new: 'x'.repeat(200) } });
    expect(line!.text.length).toBeLessThan(100);
    expect(line!.text.endsWith('…')).toBe(true);
  });
});

describe('entityPath', () => {
  it('links records that have a page', () => {
    expect(entityPath('Event', 5)).toBe('/events/5');
    expect(entityPath('Person', 7)).toBe('/people/7/edit');
    expect(entityPath('Attendance', 9)).toBeNull();
  });
});

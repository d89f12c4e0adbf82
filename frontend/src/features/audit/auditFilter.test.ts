import { describe, expect, it } from 'vitest';
import { auditWhere, changeLines, nextDay, rangeBackwards, startOfDay, subjectLink } from './auditFilter';

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

describe('subjectLink', () => {
  it('names records by their title or name and links their pages', () => {
    expect(subjectLink({ __typename: 'Event', id: '5', title: 'Crisis care forum' })).toEqual({ name: 'Crisis care forum', path: '/events/5' });
    expect(subjectLink({ __typename: 'Programme', id: '3', name: 'Safer Streets' })).toEqual({ name: 'Safer Streets', path: '/programmes/3' });
    expect(subjectLink({ __typename: 'Person', id: '7', name: 'Sam Okafor' })).toEqual({ name: 'Sam Okafor', path: '/people/7/edit' });
    expect(subjectLink({ __typename: 'Organisation', id: '8', name: 'Northgate Mind' })).toEqual({ name: 'Northgate Mind', path: '/organisations/8/edit' });
    expect(subjectLink({ __typename: 'Action', id: '9', title: 'Map referral routes' })).toEqual({ name: 'Map referral routes', path: '/actions/9' });
    expect(subjectLink({ __typename: 'Commitment', id: '40', title: 'Crisis café grant' })).toEqual({ name: 'Crisis café grant', path: '/commitments/40' });
  });

  it('names records that belong to others by what they join, and opens the parent', () => {
    const event = { id: '5', title: 'Forum' };
    const person = { id: '7', name: 'Sam' };
    expect(subjectLink({ __typename: 'Invitation', id: '1', event, person })).toEqual({ name: 'Sam to Forum', path: '/events/5' });
    expect(subjectLink({ __typename: 'Attendance', id: '2', event, person })).toEqual({ name: 'Sam at Forum', path: '/events/5' });
    expect(subjectLink({ __typename: 'Minutes', id: '3', occurrenceStart: '2026-07-01T09:00:00Z', event })).toEqual({
      name: 'Forum',
      path: '/events/5/minutes?start=2026-07-01T09%3A00%3A00Z',
    });
    expect(subjectLink({ __typename: 'Membership', id: '4', person, organisation: { id: '8', name: 'Mind' } })).toEqual({ name: 'Sam at Mind', path: '/people/7/edit' });
    expect(subjectLink({ __typename: 'ProgrammeRole', id: '6', person, programme: { id: '3', name: 'P' } })).toEqual({ name: 'Sam in P', path: '/programmes/3' });
    expect(subjectLink({ __typename: 'ActionUpdate', id: '10', action: { id: '9', title: 'Map routes' } })).toEqual({ name: 'Map routes', path: '/actions/9' });
    // Tokens have no page anyone else could open.
    expect(subjectLink({ __typename: 'APIToken', id: '11', name: 'laptop' })).toEqual({ name: 'laptop', path: null });
  });
});

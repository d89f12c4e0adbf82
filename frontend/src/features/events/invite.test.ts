import { describe, expect, it } from 'vitest';
import { describeInviteResult, inviteInput } from './invite';

describe('inviteInput', () => {
  it('puts the ids in the field for their kind', () => {
    expect(inviteInput('e1', 'organisations', ['o1', 'o2'])).toEqual({ eventID: 'e1', organisationIDs: ['o1', 'o2'] });
    expect(inviteInput('e1', 'people', ['p1'])).toEqual({ eventID: 'e1', personIDs: ['p1'] });
    expect(inviteInput('e1', 'groups', ['LIVED_EXPERIENCE'])).toEqual({ eventID: 'e1', stakeholderGroups: ['LIVED_EXPERIENCE'] });
    expect(inviteInput('e1', 'events', ['e0'])).toEqual({ eventID: 'e1', fromEventIDs: ['e0'] });
  });

  it('adds the role and the one date only when they differ from the defaults', () => {
    expect(inviteInput('e1', 'people', ['p1'], { role: 'PARTICIPANT' })).toEqual({ eventID: 'e1', personIDs: ['p1'] });
    expect(inviteInput('e1', 'people', ['p1'], { role: 'SPEAKER', occurrence: '2027-01-12T10:00:00Z' })).toEqual({
      eventID: 'e1',
      personIDs: ['p1'],
      role: 'SPEAKER',
      occurrence: '2027-01-12T10:00:00Z',
    });
  });
});

describe('describeInviteResult', () => {
  it('says how many were invited, skipped and not emailed', () => {
    expect(describeInviteResult({ invitations: [1, 2, 3], skipped: 2, notEmailed: 1 })).toBe(
      '3 people invited. 2 were already invited. 1 has no email address, so was not emailed.',
    );
    expect(describeInviteResult({ invitations: [1], skipped: 0, notEmailed: 0 })).toBe('1 person invited.');
    expect(describeInviteResult({ invitations: [], skipped: 1, notEmailed: 0 })).toBe('Nobody new was invited. 1 was already invited.');
  });
});

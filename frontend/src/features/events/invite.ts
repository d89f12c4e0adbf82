// Pure helpers for the invite dialog.
import type { InviteInput, PersonStakeholderGroup } from '../../graphql/gen/graphql';

export type InviteKind = 'people' | 'organisations' | 'groups' | 'events';

/** The invite mutation's input for one kind of invitee. */
export function inviteInput(eventID: string, kind: InviteKind, ids: string[]): InviteInput {
  switch (kind) {
    case 'people':
      return { eventID, personIDs: ids };
    case 'organisations':
      return { eventID, organisationIDs: ids };
    case 'groups':
      return { eventID, stakeholderGroups: ids as PersonStakeholderGroup[] };
    case 'events':
      return { eventID, fromEventIDs: ids };
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 people invited. 2 were already invited. 1 has no email address, so was not emailed." */
export function describeInviteResult(r: { invitations: readonly unknown[]; skipped: number; notEmailed: number }): string {
  const parts = [r.invitations.length === 0 ? 'Nobody new was invited.' : `${plural(r.invitations.length, 'person', 'people')} invited.`];
  if (r.skipped) parts.push(`${plural(r.skipped, 'was', 'were').replace(/^(\d+) (was|were)$/, '$1 $2')} already invited.`);
  if (r.notEmailed) parts.push(`${r.notEmailed} ${r.notEmailed === 1 ? 'has' : 'have'} no email address, so ${r.notEmailed === 1 ? 'was' : 'were'} not emailed.`);
  return parts.join(' ');
}

// Pure helpers for the invite dialog.
import type { InvitationRole, InviteInput, PersonStakeholderGroup } from '../../graphql/gen/graphql';

export type InviteKind = 'people' | 'organisations' | 'groups' | 'events';

/** Who they are invited as, and to which dates; the defaults are left out. */
export interface InviteOptions {
  role?: InvitationRole;
  /** One occurrence's original start; the whole series when absent. */
  occurrence?: string;
}

/** The invite mutation's input for one kind of invitee. */
export function inviteInput(eventID: string, kind: InviteKind, ids: string[], options: InviteOptions = {}): InviteInput {
  const base: InviteInput = { eventID };
  if (options.role && options.role !== 'PARTICIPANT') base.role = options.role;
  if (options.occurrence) base.occurrence = options.occurrence;
  switch (kind) {
    case 'people':
      return { ...base, personIDs: ids };
    case 'organisations':
      return { ...base, organisationIDs: ids };
    case 'groups':
      return { ...base, stakeholderGroups: ids as PersonStakeholderGroup[] };
    case 'events':
      return { ...base, fromEventIDs: ids };
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

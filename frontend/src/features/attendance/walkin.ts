// Pure logic for recording walk-ins and deputies at the door.
import type { PersonStakeholderGroup, WalkInInput } from '../../graphql/gen/graphql';
import type { FieldErrors } from '../../ui/form';

/** Someone already in the directory, or a new person described at the door. */
export type WalkInDraft =
  | { mode: 'directory'; person: { id: string; name: string } | null }
  | {
      mode: 'new';
      name: string;
      email: string;
      stakeholderGroup: PersonStakeholderGroup | '';
      organisation: { id: string; name: string } | null;
    };

/** Form field names, in the order the form shows them (and error summaries list them). */
export const WALK_IN_FIELDS = ['personId', 'name', 'email', 'stakeholderGroup', 'organisationId'] as const;

// Deliberately loose: something@something.something; the server has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The recordWalkIn input for a draft, or the fields to correct first.
 * deputyFor is the invitee the person came instead of.
 */
export function walkInInput(
  eventId: string,
  occurrenceStart: string,
  draft: WalkInDraft,
  deputyFor?: string,
): { input: WalkInInput; errors?: undefined } | { input?: undefined; errors: FieldErrors } {
  const base: WalkInInput = { eventId, occurrenceStart };
  if (deputyFor) base.deputyFor = deputyFor;
  if (draft.mode === 'directory') {
    if (!draft.person) {
      return { errors: { personId: 'Choose the person from the search results, or add them as someone new.' } };
    }
    if (deputyFor && draft.person.id === deputyFor) {
      return { errors: { personId: 'Choose the person who came instead, not the invitee.' } };
    }
    return { input: { ...base, personId: draft.person.id } };
  }
  const errors: FieldErrors = {};
  const name = draft.name.trim();
  const email = draft.email.trim();
  if (!name) errors.name = 'Enter their name.';
  if (email && !EMAIL.test(email)) errors.email = 'Enter an email address like name@example.org, or leave it empty.';
  if (Object.keys(errors).length) return { errors };
  const input: WalkInInput = { ...base, name };
  if (email) input.email = email;
  if (draft.stakeholderGroup) input.stakeholderGroup = draft.stakeholderGroup;
  if (draft.organisation) input.organisationId = draft.organisation.id;
  return { input };
}

/** What the door announces once the walk-in (or deputy) is recorded. */
export function describeWalkIn(result: { person: { name: string }; created: boolean }, deputyForName?: string): string {
  const added = result.created ? ' They were added to the directory.' : '';
  if (deputyForName) return `${result.person.name} is checked in, instead of ${deputyForName}.${added}`;
  return `${result.person.name} is checked in as a walk-in.${added}`;
}

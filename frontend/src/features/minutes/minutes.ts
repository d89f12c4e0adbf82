// Pure logic for minutes entry: which occurrence to open by default, and
// turning the action rows typed under the minutes into saveMinutes input.
import { zonedToUtc } from '../../lib/time';
import type { FieldErrors } from '../../ui/form';

export interface OccurrenceRef {
  recurrenceId: string;
  startsAt: string;
  cancelled: boolean;
}

/** The latest occurrence that has started (minutes follow a meeting), else the next one. */
export function defaultOccurrence<T extends OccurrenceRef>(list: readonly T[], now: number): T | null {
  const live = list.filter((o) => !o.cancelled);
  const started = live.filter((o) => Date.parse(o.startsAt) <= now);
  if (started.length) return started.reduce((a, b) => (Date.parse(b.startsAt) > Date.parse(a.startsAt) ? b : a));
  return live[0] ?? null;
}

export interface ActionRow {
  key: number;
  title: string;
  ownerPersonID: string;
  ownerOrganisationID: string;
  /** "2026-12-31" from a date input, in the programme's zone. */
  dueDate: string;
}

export interface MinutesActionInputLike {
  title: string;
  ownerPersonID?: string;
  ownerOrganisationID?: string;
  dueDate?: string;
}

export const blankRow = (key: number): ActionRow => ({ key, title: '', ownerPersonID: '', ownerOrganisationID: '', dueDate: '' });

/**
 * Rows left wholly blank are skipped; a row with an owner or date but no
 * title is an error (field names "actions.N.title"). Due dates become the
 * end of that day in the programme's zone, so an action is overdue only
 * once its day has passed.
 */
export function actionInputs(rows: readonly ActionRow[], timeZone: string): { inputs: MinutesActionInputLike[]; errors: FieldErrors } {
  const inputs: MinutesActionInputLike[] = [];
  const errors: FieldErrors = {};
  rows.forEach((r, i) => {
    const title = r.title.trim();
    if (!title && !r.ownerPersonID && !r.ownerOrganisationID && !r.dueDate) return;
    if (!title) {
      errors[`actions.${i}.title`] = `Enter what action ${i + 1} is`;
      return;
    }
    const input: MinutesActionInputLike = { title };
    if (r.ownerPersonID) input.ownerPersonID = r.ownerPersonID;
    if (r.ownerOrganisationID) input.ownerOrganisationID = r.ownerOrganisationID;
    if (r.dueDate) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(r.dueDate);
      if (!m) {
        errors[`actions.${i}.dueDate`] = `Enter action ${i + 1}’s due date as a date, like 31/12/2026`;
        return;
      }
      input.dueDate = zonedToUtc({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 23, minute: 59 }, timeZone).instant.toISOString();
    }
    inputs.push(input);
  });
  return { inputs, errors };
}

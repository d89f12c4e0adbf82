// The "Report progress" form's values as an ActionProgressInput: only what
// changed is sent, and a report must change something or carry a note.
import type { ActionProgressInput, ActionStatus } from '../../graphql/gen/graphql';
import type { FieldErrors } from '../../ui/form';

export interface ProgressValues {
  status: string;
  progress: string;
  note: string;
}

const STATUSES: readonly string[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'DROPPED'];

export function progressInput(v: ProgressValues, saved: { status: string; progress: number }): { input: ActionProgressInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const input: ActionProgressInput = {};
  if (!STATUSES.includes(v.status)) errors.status = 'Choose a status.';
  else if (v.status !== saved.status) input.status = v.status as ActionStatus;
  const text = v.progress.trim();
  if (!/^\d{1,3}$/.test(text) || Number(text) > 100) {
    errors.progress = 'Enter the progress as a whole number from 0 to 100, like 50.';
  } else if (Number(text) !== saved.progress) {
    input.progress = Number(text);
  }
  const note = v.note.trim();
  if (note) input.note = note;
  if (Object.keys(errors).length) return { input: null, errors };
  if (input.status === undefined && input.progress === undefined && input.note === undefined) {
    errors.note = 'Change the status or the progress, or write a note.';
    return { input: null, errors };
  }
  return { input, errors };
}

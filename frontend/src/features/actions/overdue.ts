import type { ActionStatus, ActionWhereInput } from '../../graphql/gen/graphql';

/** Statuses in which an action is finished and can no longer be late. */
export const CLOSED_STATUSES: readonly ActionStatus[] = ['DONE', 'DROPPED'];

/** Overdue: it had a due date, that moment has passed, and it is not done or dropped. */
export function isOverdue(action: { dueDate?: string | null; status: ActionStatus }, now: Date = new Date()): boolean {
  if (!action.dueDate || CLOSED_STATUSES.includes(action.status)) return false;
  const due = Date.parse(action.dueDate);
  return !Number.isNaN(due) && due < now.getTime();
}

/** The same rule as a server-side filter. */
export function overdueWhere(now: string): ActionWhereInput {
  return { dueDateLT: now, statusNotIn: [...CLOSED_STATUSES] };
}

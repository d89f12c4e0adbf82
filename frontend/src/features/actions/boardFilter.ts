// The Actions board's query-string filters as an ActionBoardFilter.
import type { ActionBoardFilter, ActionStatus } from '../../graphql/gen/graphql';

export const DUE_WINDOWS: Record<string, { label: string; days: number }> = {
  '7': { label: 'In the next 7 days', days: 7 },
  '30': { label: 'In the next 30 days', days: 30 },
  '90': { label: 'In the next 90 days', days: 90 },
};

export interface BoardParams {
  programme: string;
  organisation: string;
  owner: string;
  /** An ActionStatus, or OVERDUE. */
  status: string;
  due: string;
}

const STATUSES: readonly string[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'DROPPED'];

export function boardFilter(p: BoardParams, now: number): ActionBoardFilter {
  const f: ActionBoardFilter = {};
  if (p.programme) f.programmeID = p.programme;
  if (p.organisation) f.ownerOrganisationID = p.organisation;
  if (p.owner) f.ownerPersonID = p.owner;
  if (p.status === 'OVERDUE') f.overdue = true;
  else if (STATUSES.includes(p.status)) f.status = [p.status as ActionStatus];
  const w = DUE_WINDOWS[p.due];
  if (w) {
    f.dueFrom = new Date(now).toISOString();
    f.dueBefore = new Date(now + w.days * 86_400_000).toISOString();
  }
  return f;
}

/** The same filter as the query string of /export/actions.csv ("" when unfiltered). */
export function csvQuery(f: ActionBoardFilter): string {
  const q = new URLSearchParams();
  if (f.programmeID) q.set('programme', f.programmeID);
  if (f.ownerOrganisationID) q.set('ownerOrganisation', f.ownerOrganisationID);
  if (f.ownerPersonID) q.set('ownerPerson', f.ownerPersonID);
  if (f.status?.length) q.set('status', f.status.join(','));
  if (f.overdue) q.set('overdue', 'true');
  if (f.dueFrom) q.set('dueFrom', String(f.dueFrom));
  if (f.dueBefore) q.set('dueBefore', String(f.dueBefore));
  const s = q.toString();
  return s ? `?${s}` : '';
}

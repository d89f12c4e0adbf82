// Pure logic for the audit log screen: the filters in the address bar
// become the connection's `where`, and each entry's recorded changes
// become readable lines.
import type { AuditEntryWhereInput, AuditLogQuery } from '../../graphql/gen/graphql';
import { parseLocalDateTime, zonedToUtc } from '../../lib/time';

/** The kinds of record the audit hook writes entries for (ent type names), with their labels. */
export const ENTITY_TYPES: Record<string, string> = {
  ActionItem: 'Action',
  ActionUpdate: 'Action update',
  APIToken: 'API token',
  Attendance: 'Attendance',
  Commitment: 'Commitment',
  Event: 'Event',
  FeedToken: 'Calendar subscription',
  Invitation: 'Invitation',
  Membership: 'Membership',
  Minutes: 'Minutes',
  OccurrenceOverride: 'Changed occurrence',
  Organisation: 'Organisation',
  Person: 'Person',
  Programme: 'Programme',
  ProgrammeRole: 'Programme role',
};

export const OPERATIONS: Record<string, string> = { CREATE: 'Created', UPDATE: 'Changed', DELETE: 'Deleted' };

export interface AuditFilters {
  type: string;
  programme: string;
  who: string;
  /** yyyy-mm-dd, inclusive, in timeZone. */
  from: string;
  to: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC instant of midnight starting `date` (yyyy-mm-dd) in timeZone, or null for a bad date. */
export function startOfDay(date: string, timeZone: string): Date | null {
  if (!DATE_RE.test(date)) return null;
  const local = parseLocalDateTime(`${date}T00:00`);
  return local ? zonedToUtc(local, timeZone).instant : null;
}

/** The day after a yyyy-mm-dd date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Whether the date range is backwards (both given, "to" before "from"). */
export function rangeBackwards(f: Pick<AuditFilters, 'from' | 'to'>): boolean {
  return DATE_RE.test(f.from) && DATE_RE.test(f.to) && f.to < f.from;
}

/** Builds the auditLog `where` from the filters; ids are the API's integer ids. */
export function auditWhere(f: AuditFilters, timeZone: string): AuditEntryWhereInput {
  const where: AuditEntryWhereInput = {};
  if (f.type && ENTITY_TYPES[f.type]) where.entityType = f.type;
  const programme = Number(f.programme);
  if (f.programme && Number.isInteger(programme)) where.programmeID = programme;
  const who = Number(f.who);
  if (f.who && Number.isInteger(who)) where.actorID = who;
  const from = f.from ? startOfDay(f.from, timeZone) : null;
  if (from) where.createdAtGTE = from.toISOString();
  const to = f.to && DATE_RE.test(f.to) ? startOfDay(nextDay(f.to), timeZone) : null;
  if (to) where.createdAtLT = to.toISOString();
  return where;
}

export interface ChangeLine {
  field: string;
  text: string;
}

/** "programme_id" → "programme id". */
function fieldLabel(field: string): string {
  return field.replace(/_/g, ' ');
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

/**
 * The recorded field changes as lines: "status: PENDING → ACCEPTED" for
 * updates, "title: Forum" for creates. Erasure leaves { erased: true }.
 */
export function changeLines(changes: unknown): ChangeLine[] {
  if (!changes || typeof changes !== 'object') return [];
  const out: ChangeLine[] = [];
  for (const [field, raw] of Object.entries(changes as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) {
    if (field === 'erased') {
      out.push({ field, text: 'details erased (GDPR)' });
      continue;
    }
    const c = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { old?: unknown; new?: unknown }) : { new: raw };
    const label = fieldLabel(field);
    out.push({ field, text: 'old' in c ? `${label}: ${show(c.old)} → ${show(c.new)}` : `${label}: ${show(c.new)}` });
  }
  return out;
}

/** The record an entry is about, as the server returned it (AuditEntry.subject). */
export type AuditSubject = NonNullable<NonNullable<NonNullable<NonNullable<AuditLogQuery['auditLog']['edges']>[number]>['node']>['subject']>;

export interface SubjectLink {
  /** What the record is called: its title or name, or who and where for records that belong to others. */
  name: string;
  /** Its page in the app, if it has one. */
  path: string | null;
}

const enc = encodeURIComponent;

/**
 * What an entry's record is called and where it opens. Records that only
 * exist as part of another (an invitation, a membership) are named by the
 * people and records they join, and open their parent's page.
 */
export function subjectLink(s: AuditSubject): SubjectLink {
  switch (s.__typename) {
    case 'Event':
      return { name: s.title, path: `/events/${enc(s.id)}` };
    case 'Programme':
      return { name: s.name, path: `/programmes/${enc(s.id)}` };
    case 'Person':
      return { name: s.name, path: `/people/${enc(s.id)}/edit` };
    case 'Organisation':
      return { name: s.name, path: `/organisations/${enc(s.id)}/edit` };
    case 'Action':
      return { name: s.title, path: `/actions/${enc(s.id)}` };
    case 'Commitment':
      return { name: s.title, path: `/commitments/${enc(s.id)}` };
    case 'ActionUpdate':
      return { name: s.action.title, path: `/actions/${enc(s.action.id)}` };
    case 'Invitation':
      return { name: `${s.person.name} to ${s.event.title}`, path: `/events/${enc(s.event.id)}` };
    case 'Attendance':
      return { name: `${s.person.name} at ${s.event.title}`, path: `/events/${enc(s.event.id)}` };
    case 'Minutes':
      return { name: s.event.title, path: `/events/${enc(s.event.id)}/minutes?start=${enc(s.occurrenceStart)}` };
    case 'OccurrenceOverride':
      return { name: s.event.title, path: `/events/${enc(s.event.id)}` };
    case 'Membership':
      return { name: `${s.person.name} at ${s.organisation.name}`, path: `/people/${enc(s.person.id)}/edit` };
    case 'ProgrammeRole':
      return { name: `${s.person.name} in ${s.programme.name}`, path: `/programmes/${enc(s.programme.id)}` };
    case 'APIToken':
    case 'FeedToken':
      // Tokens are managed by their owner on their own account page.
      return { name: s.name, path: null };
    default:
      return { name: s.id, path: null };
  }
}

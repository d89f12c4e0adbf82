// The event form's pure logic: client-side checks, and turning wall-clock
// start/end times typed in the event's time zone into UTC instants for the
// API. The server stays the judge of business rules (end after start,
// valid RRULE, valid link); the client only checks what it must parse.
import type { CreateEventInput, EventKind, UpdateEventInput } from '../../graphql/gen/graphql';
import { formatDateTime, isValidTimeZone, parseLocalDateTime, utcToZonedLocal, zonedToUtc, type ZonedConversion } from '../../lib/time';
import { diffOptionalNumber, diffOptionalText, diffRequired, optionalText } from '../../lib/formDiff';
import type { FieldErrors } from '../../ui/form';

export interface EventFormValues {
  programmeID: string;
  title: string;
  kind: EventKind;
  timeZone: string;
  /** Wall-clock times in timeZone, as from <input type="datetime-local">. */
  startsAt: string;
  endsAt: string;
  rrule: string;
  description: string;
  venueName: string;
  venueAddress: string;
  venueAccess: string;
  onlineURL: string;
  capacity: string;
}

/** Form order, for the error summary. */
export const EVENT_FIELDS = [
  'programmeID',
  'title',
  'kind',
  'timeZone',
  'startsAt',
  'endsAt',
  'rrule',
  'description',
  'venueName',
  'venueAddress',
  'venueAccess',
  'onlineURL',
  'capacity',
] as const;

/** The saved event, as the edit form loads it. */
export interface SavedEvent {
  id: string;
  programmeID: string;
  title: string;
  kind: EventKind;
  timeZone?: string | null;
  startsAt: string;
  endsAt: string;
  rrule?: string | null;
  description?: string | null;
  venueName?: string | null;
  venueAddress?: string | null;
  venueAccess?: string | null;
  onlineURL?: string | null;
  capacity?: number | null;
}

export function valuesFromEvent(e: SavedEvent, fallbackZone: string): EventFormValues {
  const zone = e.timeZone || fallbackZone;
  return {
    programmeID: e.programmeID,
    title: e.title,
    kind: e.kind,
    timeZone: zone,
    startsAt: utcToZonedLocal(e.startsAt, zone),
    endsAt: utcToZonedLocal(e.endsAt, zone),
    rrule: e.rrule ?? '',
    description: e.description ?? '',
    venueName: e.venueName ?? '',
    venueAddress: e.venueAddress ?? '',
    venueAccess: e.venueAccess ?? '',
    onlineURL: e.onlineURL ?? '',
    capacity: e.capacity != null ? String(e.capacity) : '',
  };
}

export function emptyEventValues(programmeID: string, timeZone: string): EventFormValues {
  return {
    programmeID,
    title: '',
    kind: 'WORKSHOP',
    timeZone,
    startsAt: '',
    endsAt: '',
    rrule: '',
    description: '',
    venueName: '',
    venueAddress: '',
    venueAccess: '',
    onlineURL: '',
    capacity: '',
  };
}

/** A wall-clock value converted in the form's zone, or null if it cannot be. */
export function convertLocal(value: string, timeZone: string): ZonedConversion | null {
  const local = parseLocalDateTime(value);
  if (!local || !isValidTimeZone(timeZone)) return null;
  return zonedToUtc(local, timeZone);
}

interface Checked {
  errors: FieldErrors;
  startsAt?: string;
  endsAt?: string;
  capacity?: number;
}

function check(v: EventFormValues): Checked {
  const errors: FieldErrors = {};
  if (!v.programmeID) errors.programmeID = 'Choose the programme this event belongs to.';
  if (!v.title.trim()) errors.title = 'Enter a title for the event.';
  const zoneOk = isValidTimeZone(v.timeZone.trim());
  if (!zoneOk) errors.timeZone = 'Enter a time zone name such as Europe/London.';
  const out: Checked = { errors };
  for (const field of ['startsAt', 'endsAt'] as const) {
    const label = field === 'startsAt' ? 'start' : 'end';
    if (!v[field].trim()) {
      errors[field] = `Enter the date and time the event will ${label}.`;
      continue;
    }
    if (!parseLocalDateTime(v[field])) {
      errors[field] = `Enter the ${label} as a real date and time, for example 8 December 2026 at 10:00.`;
      continue;
    }
    if (zoneOk) out[field] = convertLocal(v[field], v.timeZone.trim())!.instant.toISOString();
  }
  const cap = v.capacity.trim();
  if (cap) {
    if (!/^\d+$/.test(cap) || Number(cap) < 1) errors.capacity = 'Enter the number of places as a whole number, 1 or more, or leave it blank.';
    else out.capacity = Number(cap);
  }
  return out;
}

/** Checks the form and builds the create input, converting times to UTC. */
export function toCreateInput(v: EventFormValues): { errors: FieldErrors; input?: CreateEventInput } {
  const c = check(v);
  if (Object.keys(c.errors).length > 0) return { errors: c.errors };
  return {
    errors: {},
    input: {
      programmeID: v.programmeID,
      title: v.title.trim(),
      kind: v.kind,
      timeZone: v.timeZone.trim(),
      startsAt: c.startsAt!,
      endsAt: c.endsAt!,
      rrule: optionalText(v.rrule),
      description: optionalText(v.description),
      venueName: optionalText(v.venueName),
      venueAddress: optionalText(v.venueAddress),
      venueAccess: optionalText(v.venueAccess),
      onlineURL: optionalText(v.onlineURL),
      capacity: c.capacity,
    },
  };
}

/**
 * Checks the form and builds an update with only what changed: resending
 * unchanged times would bump the event's SEQUENCE and make every
 * subscribed calendar re-download it for nothing.
 */
export function toUpdateInput(v: EventFormValues, saved: SavedEvent): { errors: FieldErrors; input?: UpdateEventInput } {
  const c = check(v);
  if (Object.keys(c.errors).length > 0) return { errors: c.errors };
  const input: UpdateEventInput = {};
  const rec = input as Record<string, unknown>;
  diffRequired(rec, 'title', v.title.trim(), saved.title);
  diffRequired(rec, 'kind', v.kind, saved.kind);
  diffOptionalText(rec, 'timeZone', v.timeZone, saved.timeZone);
  if (Date.parse(c.startsAt!) !== Date.parse(saved.startsAt)) input.startsAt = c.startsAt!;
  if (Date.parse(c.endsAt!) !== Date.parse(saved.endsAt)) input.endsAt = c.endsAt!;
  diffOptionalText(rec, 'rrule', v.rrule, saved.rrule);
  diffOptionalText(rec, 'description', v.description, saved.description);
  diffOptionalText(rec, 'venueName', v.venueName, saved.venueName);
  diffOptionalText(rec, 'venueAddress', v.venueAddress, saved.venueAddress);
  diffOptionalText(rec, 'venueAccess', v.venueAccess, saved.venueAccess);
  diffOptionalText(rec, 'onlineURL', v.onlineURL, saved.onlineURL);
  diffOptionalNumber(rec, 'capacity', c.capacity, saved.capacity);
  return { errors: {}, input };
}

/**
 * What a typed time will be saved as, in words, with a warning when the
 * time falls in a daylight-saving change. Null when there is nothing to say.
 */
export function describeLocalTime(value: string, timeZone: string, viewerZone?: string): { text: string; warning?: string } | null {
  const conv = convertLocal(value, timeZone);
  if (!conv) return null;
  const iso = conv.instant.toISOString();
  let text = `Saved as ${formatDateTime(iso, timeZone)}`;
  if (viewerZone && viewerZone !== timeZone && isValidTimeZone(viewerZone)) {
    const here = formatDateTime(iso, viewerZone);
    text += ` (${here} where you are)`;
  }
  text += '.';
  const local = value.slice(11, 16);
  if (conv.kind === 'skipped') {
    return {
      text,
      warning: `Clocks go forward at ${local} on this day, so that time does not exist in ${timeZone}. It will be saved as the time shown above.`,
    };
  }
  if (conv.kind === 'repeated') {
    return {
      text,
      warning: `Clocks go back on this day, so ${local} happens twice in ${timeZone}. The first of the two is used.`,
    };
  }
  return { text };
}

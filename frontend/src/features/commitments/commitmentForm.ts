// The "New commitment" form's values as a CreateCommitmentInput, the
// commitment status machine as the server enforces it (mirrors
// internal/commitments/lifecycle), and how a history entry reads.
import type { CommitmentHoursPeriod, CommitmentKind, CommitmentStatus, CreateCommitmentInput } from '../../graphql/gen/graphql';
import type { FieldErrors } from '../../ui/form';
import { COMMITMENT_KIND, COMMITMENT_STATUS, HOURS_PERIOD, enumValue } from '../../lib/labels';
import { isDecimal } from '../../lib/money';
import { zonedToUtc } from '../../lib/time';

export interface CommitmentValues {
  programmeID: string;
  title: string;
  kind: string;
  organisationID: string;
  beneficiaryID: string;
  amount: string;
  currency: string;
  hours: string;
  hoursPeriod: string;
  startsOn: string;
  endsOn: string;
  reviewOn: string;
  conditions: string;
}

export const COMMITMENT_FIELDS = [
  'programmeID',
  'title',
  'kind',
  'organisationID',
  'beneficiaryID',
  'amount',
  'currency',
  'hours',
  'hoursPeriod',
  'startsOn',
  'endsOn',
  'reviewOn',
  'conditions',
] as const;

export const emptyCommitment: CommitmentValues = {
  programmeID: '',
  title: '',
  kind: '',
  organisationID: '',
  beneficiaryID: '',
  amount: '',
  currency: 'GBP',
  hours: '',
  hoursPeriod: 'WEEK',
  startsOn: '',
  endsOn: '',
  reviewOn: '',
  conditions: '',
};

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day (yyyy-mm-dd) as an instant: midday in the programme's zone, so it reads as that day there. */
export function dayInZone(day: string, timeZone: string): string | null {
  const m = DATE_RE.exec(day);
  if (!m) return null;
  return zonedToUtc({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 12, minute: 0 }, timeZone).instant.toISOString();
}

export function commitmentInput(v: CommitmentValues, timeZone: string): { input: CreateCommitmentInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!v.programmeID) errors.programmeID = 'Choose the programme the commitment is made to.';
  const title = v.title.trim();
  if (!title) errors.title = 'Enter what is committed, like “Two link workers, 3 days a week”.';
  const kind = enumValue(COMMITMENT_KIND, v.kind);
  if (!kind) errors.kind = 'Choose the kind of commitment.';
  if (!v.organisationID) errors.organisationID = 'Choose the organisation making the commitment.';
  const amount = v.amount.trim();
  const currency = v.currency.trim().toUpperCase();
  if (kind === 'FUNDING' && !amount) errors.amount = 'Enter the amount of funding, like 25000.';
  if (amount && (!isDecimal(amount) || amount.startsWith('-') || amount.startsWith('+'))) errors.amount = 'Enter the amount as a number, like 25000 or 1250.50.';
  if (amount && !/^[A-Z]{3}$/.test(currency)) errors.currency = 'Enter a three-letter currency code, like GBP.';
  const hours = v.hours.trim();
  if (hours && (!isDecimal(hours) || hours.startsWith('-') || hours.startsWith('+'))) errors.hours = 'Enter the hours as a number, like 7.5.';
  const hoursPeriod = enumValue(HOURS_PERIOD, v.hoursPeriod);
  const startsOn = dayInZone(v.startsOn, timeZone);
  if (!v.startsOn) errors.startsOn = 'Enter the day the commitment starts.';
  else if (!startsOn) errors.startsOn = 'Enter the start as a date, like 01/04/2026.';
  const endsOn = v.endsOn ? dayInZone(v.endsOn, timeZone) : null;
  if (v.endsOn && !endsOn) errors.endsOn = 'Enter the end as a date, like 31/03/2027.';
  else if (startsOn && endsOn && v.endsOn < v.startsOn) errors.endsOn = 'The end must be on or after the start.';
  const reviewOn = v.reviewOn ? dayInZone(v.reviewOn, timeZone) : null;
  if (v.reviewOn && !reviewOn) errors.reviewOn = 'Enter the review date as a date, like 01/10/2026.';
  if (Object.keys(errors).length) return { input: null, errors };
  const input: CreateCommitmentInput = {
    programmeID: v.programmeID,
    title,
    kind: kind as CommitmentKind,
    organisationID: v.organisationID,
    startsOn: startsOn!,
    status: 'PROPOSED',
  };
  if (v.beneficiaryID) input.beneficiaryID = v.beneficiaryID;
  if (amount) {
    input.amount = amount;
    input.currency = currency;
  }
  if (hours) {
    input.hours = hours;
    if (hoursPeriod) input.hoursPeriod = hoursPeriod as CommitmentHoursPeriod;
  }
  if (endsOn) input.endsOn = endsOn;
  if (reviewOn) input.reviewOn = reviewOn;
  if (v.conditions.trim()) input.conditions = v.conditions.trim();
  return { input, errors };
}

const NEXT: Record<CommitmentStatus, CommitmentStatus[]> = {
  PROPOSED: ['AGREED', 'LAPSED', 'WITHDRAWN'],
  AGREED: ['DELIVERED', 'LAPSED', 'WITHDRAWN'],
  DELIVERED: [],
  LAPSED: [],
  WITHDRAWN: [],
};

/** The statuses a commitment may move to next (none once final). */
export function nextStatuses(status: CommitmentStatus): CommitmentStatus[] {
  return NEXT[status] ?? [];
}

const FIELD_LABEL: Record<string, string> = {
  status: 'Status',
  title: 'Title',
  kind: 'Kind',
  amount: 'Amount',
  currency: 'Currency',
  hours: 'Hours',
  hours_period: 'Hours per',
  starts_on: 'Starts',
  ends_on: 'Ends',
  review_on: 'Review',
  conditions: 'Conditions',
  evidence: 'Evidence',
  organisation_id: 'Organisation',
  beneficiary_id: 'Beneficiary',
  predecessor_id: 'Renews',
  programme_id: 'Programme',
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** One field's change in an audit entry, as text: "Status: Proposed → Agreed". */
export function describeChange(field: string, change: unknown, formatDay: (iso: string) => string): string {
  const label = FIELD_LABEL[field] ?? field.replace(/_/g, ' ');
  const c = (change ?? {}) as { old?: unknown; new?: unknown };
  const show = (v: unknown): string => {
    if (v == null || v === '') return '—';
    if (typeof v === 'string' && ISO_INSTANT.test(v)) return formatDay(v);
    if (field === 'status' && typeof v === 'string') return COMMITMENT_STATUS[v as CommitmentStatus] ?? v;
    if (field === 'kind' && typeof v === 'string') return COMMITMENT_KIND[v as CommitmentKind] ?? v;
    return String(v);
  };
  return 'old' in c ? `${label}: ${show(c.old)} → ${show(c.new)}` : `${label}: ${show(c.new)}`;
}

// Human labels for the API's enums. Typed as complete records over the
// generated enum types, so a value added to the schema fails the build
// until it has a label here.
import type {
  ActionStatus,
  CommitmentHoursPeriod,
  CommitmentKind,
  CommitmentStatus,
  EventKind,
  EventStatus,
  InvitationResponse,
  InvitationRole,
  OrganisationSector,
  PersonStakeholderGroup,
} from '../graphql/gen/graphql';
import type { Option } from '../ui/form';
import type { Tone } from '../ui/Badge';

export const SECTOR: Record<OrganisationSector, string> = {
  VOLUNTARY: 'Voluntary sector',
  HEALTH: 'Health',
  POLICE: 'Police',
  CRIMINAL_JUSTICE: 'Criminal justice',
  HOUSING: 'Housing',
  LOCAL_AUTHORITY: 'Local authority',
  EMPLOYMENT: 'Employment',
  EDUCATION: 'Education',
  FUNDER: 'Funder',
  OTHER: 'Other',
};

export const STAKEHOLDER_GROUP: Record<PersonStakeholderGroup, string> = {
  LIVED_EXPERIENCE: 'Lived experience',
  FRONTLINE: 'Frontline staff',
  SENIOR_MANAGER: 'Senior manager',
  COMMISSIONER: 'Commissioner or funder',
  CONSULTANT: 'Consultant',
  OTHER: 'Other',
};

export const EVENT_KIND: Record<EventKind, string> = {
  FORUM: 'Forum',
  WORKSHOP: 'Workshop',
};

export const EVENT_STATUS: Record<EventStatus, string> = {
  SCHEDULED: 'Scheduled',
  CANCELLED: 'Cancelled',
};

export const RESPONSE: Record<InvitationResponse, string> = {
  ACCEPTED: 'Accepted',
  TENTATIVE: 'Tentative',
  DECLINED: 'Declined',
  PENDING: 'No reply yet',
  WAITLISTED: 'Waiting list',
};

export const RESPONSE_TONE: Record<InvitationResponse, Tone> = {
  ACCEPTED: 'success',
  TENTATIVE: 'info',
  DECLINED: 'neutral',
  PENDING: 'warning',
  WAITLISTED: 'info',
};

export const ROLE: Record<InvitationRole, string> = {
  PARTICIPANT: 'Participant',
  SPEAKER: 'Speaker',
  FACILITATOR: 'Facilitator',
  OBSERVER: 'Observer',
};

export const ACTION_STATUS: Record<ActionStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
  DROPPED: 'Dropped',
};

export const ACTION_STATUS_TONE: Record<ActionStatus, Tone> = {
  OPEN: 'info',
  IN_PROGRESS: 'info',
  DONE: 'success',
  DROPPED: 'neutral',
};

export const COMMITMENT_KIND: Record<CommitmentKind, string> = {
  FUNDING: 'Funding',
  STAFF_TIME: 'Staff time',
  REFERRAL_PATHWAY: 'Referral pathway',
  DATA_SHARING: 'Data sharing',
  VENUE: 'Venue',
  OTHER: 'Other',
};

export const COMMITMENT_STATUS: Record<CommitmentStatus, string> = {
  PROPOSED: 'Proposed',
  AGREED: 'Agreed',
  DELIVERED: 'Delivered',
  LAPSED: 'Lapsed',
  WITHDRAWN: 'Withdrawn',
};

export const COMMITMENT_STATUS_TONE: Record<CommitmentStatus, Tone> = {
  PROPOSED: 'info',
  AGREED: 'success',
  DELIVERED: 'success',
  LAPSED: 'danger',
  WITHDRAWN: 'neutral',
};

export const HOURS_PERIOD: Record<CommitmentHoursPeriod, string> = {
  WEEK: 'a week',
  MONTH: 'a month',
  TOTAL: 'in total',
};

/** Options for a <select>, in the record's order. */
export function optionsOf<K extends string>(labels: Record<K, string>): Option[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** Narrows a query-string value to one of the enum's values. */
export function enumValue<K extends string>(labels: Record<K, string>, value: string): K | null {
  return Object.prototype.hasOwnProperty.call(labels, value) ? (value as K) : null;
}

// Pure logic for the representation report: chart rows from the API's
// cells, the missing voices marked, attendance rates per organisation as
// line-chart points, and the repeat-attendance histogram.
import type { OrganisationSector, PersonStakeholderGroup } from '../../graphql/gen/graphql';
import { SECTOR, STAKEHOLDER_GROUP } from '../../lib/labels';

export interface Cell {
  stakeholderGroup: PersonStakeholderGroup;
  sector?: OrganisationSector | null;
  invited: number;
  accepted: number;
  attended: number;
}

export interface BarRow {
  key: string;
  /** "Group · Sector", the category on the chart and in the table. */
  label: string;
  group: string;
  sector: string;
  invited: number;
  accepted: number;
  attended: number;
  /** Invited but nobody came. */
  missing: boolean;
}

export const NO_ORGANISATION = 'No organisation';

export function sectorLabel(s: OrganisationSector | null | undefined): string {
  return s ? SECTOR[s] : NO_ORGANISATION;
}

function cellKey(c: Pick<Cell, 'stakeholderGroup' | 'sector'>): string {
  return `${c.stakeholderGroup}|${c.sector ?? ''}`;
}

/** One row per group × sector, sorted by group then sector label; a cell with invitees and no attenders is missing. */
export function representationRows(cells: readonly Cell[], missingVoices: readonly Cell[] = []): BarRow[] {
  const missing = new Set(missingVoices.map(cellKey));
  return cells
    .map((c) => {
      const group = STAKEHOLDER_GROUP[c.stakeholderGroup];
      const sector = sectorLabel(c.sector);
      return {
        key: cellKey(c),
        label: `${group} · ${sector}`,
        group,
        sector,
        invited: c.invited,
        accepted: c.accepted,
        attended: c.attended,
        missing: missing.has(cellKey(c)) || (c.invited > 0 && c.attended === 0),
      };
    })
    .sort((a, b) => a.group.localeCompare(b.group) || a.sector.localeCompare(b.sector));
}

export interface Occurrence {
  eventId: string;
  title: string;
  start: string;
  begins: string;
}

export interface OrgSeries {
  organisationId: string;
  name: string;
  points: readonly { occurrence: Pick<Occurrence, 'eventId' | 'start'>; invited: number; attended: number; rate?: number | null }[];
}

export interface RatePoint {
  /** Occurrence key (eventId|start). */
  key: string;
  label: string;
  /** Percentage 0–100 per organisation id; absent when nobody from it was invited. */
  [organisationId: string]: string | number;
}

const occKey = (o: Pick<Occurrence, 'eventId' | 'start'>) => `${o.eventId}|${o.start}`;

/**
 * Line-chart points: one per occurrence (in the report's order), with each
 * organisation's attendance rate as a whole percentage, left out where
 * nobody from it was invited (so the line has a gap rather than a false 0).
 */
export function ratePoints(occurrences: readonly Occurrence[], orgs: readonly OrgSeries[], label: (o: Occurrence) => string): RatePoint[] {
  const byOcc = new Map<string, RatePoint>();
  for (const o of occurrences) byOcc.set(occKey(o), { key: occKey(o), label: label(o) });
  for (const org of orgs) {
    for (const p of org.points) {
      const row = byOcc.get(occKey(p.occurrence));
      if (row && p.rate != null) row[org.organisationId] = Math.round(p.rate * 100);
    }
  }
  return [...byOcc.values()];
}

/** "2 of 3 (67%)", or "not invited". */
export function describeRate(p: { invited: number; attended: number; rate?: number | null } | undefined): string {
  if (!p || p.invited === 0 || p.rate == null) return 'not invited';
  return `${p.attended} of ${p.invited} (${Math.round(p.rate * 100)}%)`;
}

export interface RepeatRow {
  times: number;
  people: number;
  repeat: boolean;
}

/** people[k-1] = how many came exactly k times → rows for k = 1…window. */
export function repeatRows(people: readonly number[], threshold: number): RepeatRow[] {
  return people.map((n, i) => ({ times: i + 1, people: n, repeat: i + 1 >= threshold }));
}

/** Up to 8 colours with ≥ 3:1 contrast on white, distinct for the lines. */
export const SERIES_COLOURS = ['#0b5394', '#b3261e', '#1b7a3a', '#7a4b00', '#6a1b9a', '#00695c', '#ad1457', '#37474f'];

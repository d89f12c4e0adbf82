// Pure logic for the partnership map: cytoscape elements from the API's
// network (nodes coloured by sector, edges weighted), the table of edges,
// and the period filter.
import type { NetworkEdgeKind, OrganisationSector } from '../../graphql/gen/graphql';
import { SECTOR } from '../../lib/labels';

export interface NetNode {
  organisation: { id: string; name: string; sector: OrganisationSector };
  commitments: number;
  actions: number;
}

export interface NetEdge {
  from: string;
  to: string;
  kind: NetworkEdgeKind;
  weight: number;
}

/** A colour per sector, each ≥ 3:1 against white (WCAG 1.4.11 non-text contrast). */
export const SECTOR_COLOUR: Record<OrganisationSector, string> = {
  VOLUNTARY: '#1b7a3a',
  HEALTH: '#0b5394',
  POLICE: '#283593',
  CRIMINAL_JUSTICE: '#6a1b9a',
  HOUSING: '#b3261e',
  LOCAL_AUTHORITY: '#7a4b00',
  EMPLOYMENT: '#00695c',
  EDUCATION: '#ad1457',
  FUNDER: '#37474f',
  OTHER: '#5f6b76',
};

export const EDGE_KIND: Record<NetworkEdgeKind, string> = {
  COMMITMENT: 'Commitment',
  SHARED_ACTION: 'Shared action',
};

export interface GraphElement {
  group: 'nodes' | 'edges';
  data: Record<string, string | number>;
}

/**
 * Cytoscape elements: a node per organisation (size by involvement, colour
 * by sector) and an edge per link whose ends are both known (width by weight).
 */
export function graphElements(nodes: readonly NetNode[], edges: readonly NetEdge[]): GraphElement[] {
  const ids = new Set(nodes.map((n) => n.organisation.id));
  const out: GraphElement[] = nodes.map((n) => ({
    group: 'nodes',
    data: {
      id: n.organisation.id,
      label: n.organisation.name,
      sector: n.organisation.sector,
      colour: SECTOR_COLOUR[n.organisation.sector] ?? SECTOR_COLOUR.OTHER,
      size: 24 + 6 * Math.min(8, Math.sqrt(n.commitments + n.actions) * 2),
    },
  }));
  for (const e of edges) {
    if (!ids.has(e.from) || !ids.has(e.to)) continue;
    out.push({
      group: 'edges',
      data: { id: edgeKey(e), source: e.from, target: e.to, kind: e.kind, weight: e.weight, width: edgeWidth(e.weight) },
    });
  }
  return out;
}

export const edgeKey = (e: NetEdge) => `${e.kind}:${e.from}->${e.to}`;

/** Line width in px for a weight: 2 for one link, growing slowly, at most 10. */
export function edgeWidth(weight: number): number {
  return Math.min(10, 2 + Math.log2(Math.max(1, weight)) * 2);
}

export interface EdgeRow {
  key: string;
  from: string;
  fromSector: string;
  to: string;
  toSector: string;
  kind: string;
  weight: number;
}

/** The edges as table rows with organisation names, heaviest first, optionally only those touching one organisation. */
export function edgeRows(nodes: readonly NetNode[], edges: readonly NetEdge[], focus?: string): EdgeRow[] {
  const byId = new Map(nodes.map((n) => [n.organisation.id, n.organisation]));
  const rows: EdgeRow[] = [];
  for (const e of edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) continue;
    if (focus && e.from !== focus && e.to !== focus) continue;
    rows.push({ key: edgeKey(e), from: a.name, fromSector: SECTOR[a.sector], to: b.name, toSector: SECTOR[b.sector], kind: EDGE_KIND[e.kind], weight: e.weight });
  }
  return rows.sort((x, y) => y.weight - x.weight || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}

/** Sectors present among the nodes, in label order, for the legend. */
export function sectorsPresent(nodes: readonly NetNode[]): OrganisationSector[] {
  return [...new Set(nodes.map((n) => n.organisation.sector))].sort((a, b) => SECTOR[a].localeCompare(SECTOR[b]));
}

export type PeriodResult = { ok: true; from?: string; to?: string } | { ok: false; message: string };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The API's [from, to) window from two inclusive ISO days (either may be
 * empty): from at 00:00 UTC, to the day after `to` at 00:00 UTC.
 */
export function periodFilter(from: string, to: string): PeriodResult {
  if (from && !ISO_DAY.test(from)) return { ok: false, message: 'Enter the start date as a date, for example 2026-01-31.' };
  if (to && !ISO_DAY.test(to)) return { ok: false, message: 'Enter the end date as a date, for example 2026-12-31.' };
  if (from && to && to < from) return { ok: false, message: 'The end date must be on or after the start date.' };
  const out: { ok: true; from?: string; to?: string } = { ok: true };
  if (from) out.from = `${from}T00:00:00Z`;
  if (to) {
    const d = new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    out.to = d.toISOString().replace('.000Z', 'Z');
  }
  return out;
}

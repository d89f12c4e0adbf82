import { describe, expect, it } from 'vitest';
import { edgeRows, edgeWidth, graphElements, periodFilter, sectorsPresent, SECTOR_COLOUR, type NetEdge, type NetNode } from './network';

const nodes: NetNode[] = [
  { organisation: { id: 'a', name: 'Shelter North', sector: 'HOUSING' }, commitments: 2, actions: 1 },
  { organisation: { id: 'b', name: 'City Council', sector: 'LOCAL_AUTHORITY' }, commitments: 1, actions: 0 },
  { organisation: { id: 'c', name: 'Ambulance Trust', sector: 'HEALTH' }, commitments: 1, actions: 1 },
];
const edges: NetEdge[] = [
  { from: 'b', to: 'a', kind: 'COMMITMENT', weight: 1 },
  { from: 'a', to: 'c', kind: 'SHARED_ACTION', weight: 4 },
  { from: 'a', to: 'zz', kind: 'COMMITMENT', weight: 9 },
];

describe('graphElements', () => {
  it('colours nodes by sector and drops edges to unknown organisations', () => {
    const els = graphElements(nodes, edges);
    expect(els.filter((e) => e.group === 'nodes')).toHaveLength(3);
    expect(els.find((e) => e.data.id === 'a')!.data.colour).toBe(SECTOR_COLOUR.HOUSING);
    const es = els.filter((e) => e.group === 'edges');
    expect(es.map((e) => e.data.id)).toEqual(['COMMITMENT:b->a', 'SHARED_ACTION:a->c']);
    expect(es[1]!.data).toMatchObject({ source: 'a', target: 'c', weight: 4, width: 6 });
  });
});

describe('edgeWidth', () => {
  it('grows with the weight and is capped', () => {
    expect(edgeWidth(1)).toBe(2);
    expect(edgeWidth(2)).toBe(4);
    expect(edgeWidth(1000)).toBe(10);
  });
});

describe('edgeRows', () => {
  it('names both ends, heaviest first, and can focus on one organisation', () => {
    const rows = edgeRows(nodes, edges);
    expect(rows.map((r) => [r.from, r.kind, r.to, r.weight])).toEqual([
      ['Shelter North', 'Shared action', 'Ambulance Trust', 4],
      ['City Council', 'Commitment', 'Shelter North', 1],
    ]);
    expect(rows[1]!.fromSector).toBe('Local authority');
    expect(edgeRows(nodes, edges, 'c').map((r) => r.to)).toEqual(['Ambulance Trust']);
  });
});

describe('sectorsPresent', () => {
  it('lists each sector once in label order', () => {
    expect(sectorsPresent([...nodes, nodes[0]!])).toEqual(['HEALTH', 'HOUSING', 'LOCAL_AUTHORITY']);
  });
});

describe('periodFilter', () => {
  it('turns inclusive days into the API’s half-open window', () => {
    expect(periodFilter('2026-01-01', '2026-12-31')).toEqual({ ok: true, from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
    expect(periodFilter('', '')).toEqual({ ok: true });
    expect(periodFilter('', '2026-02-28')).toEqual({ ok: true, to: '2026-03-01T00:00:00Z' });
  });
  it('rejects an end before the start', () => {
    expect(periodFilter('2026-05-01', '2026-04-30')).toEqual({ ok: false, message: 'The end date must be on or after the start date.' });
    expect(periodFilter('May', '').ok).toBe(false);
  });
});

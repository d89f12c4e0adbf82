import { describe, expect, it } from 'vitest';
import { describeRate, ratePoints, repeatRows, representationRows } from './representation';

describe('representationRows', () => {
  it('labels, sorts and marks cells with invitees but no attenders', () => {
    const rows = representationRows(
      [
        { stakeholderGroup: 'FRONTLINE', sector: 'HOUSING', invited: 4, accepted: 3, attended: 2 },
        { stakeholderGroup: 'LIVED_EXPERIENCE', sector: null, invited: 2, accepted: 1, attended: 0 },
        { stakeholderGroup: 'FRONTLINE', sector: 'HEALTH', invited: 1, accepted: 0, attended: 1 },
      ],
      [{ stakeholderGroup: 'LIVED_EXPERIENCE', sector: null, invited: 2, accepted: 1, attended: 0 }],
    );
    expect(rows.map((r) => r.label)).toEqual(['Frontline staff · Health', 'Frontline staff · Housing', 'Lived experience · No organisation']);
    expect(rows.map((r) => r.missing)).toEqual([false, false, true]);
    expect(rows[2]!.key).toBe('LIVED_EXPERIENCE|');
  });
});

describe('ratePoints', () => {
  const occ = [
    { eventId: 'e1', title: 'Forum', start: '2026-01-13T10:00:00Z', begins: '2026-01-13T10:00:00Z' },
    { eventId: 'e1', title: 'Forum', start: '2026-02-10T10:00:00Z', begins: '2026-02-10T10:00:00Z' },
  ];
  it('gives one point per occurrence with whole percentages, leaving gaps where nobody was invited', () => {
    const pts = ratePoints(
      occ,
      [
        {
          organisationId: 'o1',
          name: 'Shelter',
          points: [
            { occurrence: occ[0]!, invited: 3, attended: 2, rate: 2 / 3 },
            { occurrence: occ[1]!, invited: 0, attended: 0, rate: null },
          ],
        },
        { organisationId: 'o2', name: 'NHS', points: [{ occurrence: occ[1]!, invited: 1, attended: 1, rate: 1 }] },
      ],
      (o) => o.start.slice(0, 10),
    );
    expect(pts).toEqual([
      { key: 'e1|2026-01-13T10:00:00Z', label: '2026-01-13', o1: 67 },
      { key: 'e1|2026-02-10T10:00:00Z', label: '2026-02-10', o2: 100 },
    ]);
  });
});

describe('describeRate', () => {
  it('reads as a sentence fragment', () => {
    expect(describeRate({ invited: 3, attended: 2, rate: 2 / 3 })).toBe('2 of 3 (67%)');
    expect(describeRate({ invited: 0, attended: 0, rate: null })).toBe('not invited');
    expect(describeRate(undefined)).toBe('not invited');
  });
});

describe('repeatRows', () => {
  it('numbers the histogram from 1 and marks repeaters', () => {
    expect(repeatRows([5, 2, 1], 2)).toEqual([
      { times: 1, people: 5, repeat: false },
      { times: 2, people: 2, repeat: true },
      { times: 3, people: 1, repeat: true },
    ]);
  });
});

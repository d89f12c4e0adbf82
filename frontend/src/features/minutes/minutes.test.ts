import { describe, expect, it } from 'vitest';
import { actionInputs, blankRow, defaultOccurrence } from './minutes';

const occ = (startsAt: string, cancelled = false) => ({ recurrenceId: startsAt, startsAt, cancelled });

describe('defaultOccurrence', () => {
  it('opens the latest meeting that has started, skipping cancelled ones', () => {
    const list = [occ('2026-09-08T09:00:00Z'), occ('2026-10-13T09:00:00Z'), occ('2026-11-10T10:00:00Z', true), occ('2026-12-08T10:00:00Z')];
    expect(defaultOccurrence(list, Date.parse('2026-11-24T12:00:00Z'))?.startsAt).toBe('2026-10-13T09:00:00Z');
  });
  it('falls back to the next meeting, or none', () => {
    expect(defaultOccurrence([occ('2027-01-12T10:00:00Z')], Date.parse('2026-11-24T12:00:00Z'))?.startsAt).toBe('2027-01-12T10:00:00Z');
    expect(defaultOccurrence([], 0)).toBeNull();
  });
});

describe('actionInputs', () => {
  it('skips blank rows, needs a title, and ends the due day in the programme zone', () => {
    const rows = [
      { ...blankRow(1), title: ' Share the data ', ownerOrganisationID: 'o1', dueDate: '2026-07-31' },
      blankRow(2),
      { ...blankRow(3), ownerPersonID: 'p1' },
      { ...blankRow(4), title: 'Draft the protocol', ownerPersonID: 'p2', dueDate: '2026-12-31' },
    ];
    const { inputs, errors } = actionInputs(rows, 'Europe/London');
    expect(inputs).toEqual([
      { title: 'Share the data', ownerOrganisationID: 'o1', dueDate: '2026-07-31T22:59:00.000Z' },
      { title: 'Draft the protocol', ownerPersonID: 'p2', dueDate: '2026-12-31T23:59:00.000Z' },
    ]);
    expect(errors).toEqual({ 'actions.2.title': 'Enter what action 3 is' });
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { Representation } from './RepresentationPage';
import { mockClient, renderWithClient } from '../../test/render';

const occ = { eventId: 'e1', title: 'Partnership Forum', kind: 'FORUM', start: '2026-10-13T09:00:00Z', begins: '2026-10-13T09:00:00Z' };
const occ2 = { ...occ, start: '2026-11-10T10:00:00Z', begins: '2026-11-10T10:00:00Z' };

const data = {
  representationReport: {
    occurrences: [occ, occ2],
    cells: [
      { stakeholderGroup: 'FRONTLINE', sector: 'HOUSING', invited: 4, accepted: 3, attended: 2 },
      { stakeholderGroup: 'LIVED_EXPERIENCE', sector: null, invited: 2, accepted: 1, attended: 0 },
    ],
    missingVoices: [{ stakeholderGroup: 'LIVED_EXPERIENCE', sector: null, invited: 2, accepted: 1, attended: 0 }],
    missingGroups: ['LIVED_EXPERIENCE'],
    missingSectors: ['POLICE'],
    missingUnaffiliated: true,
    csvUrl: '/reports/representation.csv?programme=p1',
  },
  organisationAttendanceReport: {
    occurrences: [occ, occ2],
    organisations: [
      {
        organisationId: 'o1',
        name: 'Shelter North',
        sector: 'HOUSING',
        points: [
          { occurrence: { eventId: 'e1', start: occ.start }, invited: 2, accepted: 2, attended: 1, rate: 0.5 },
          { occurrence: { eventId: 'e1', start: occ2.start }, invited: 2, accepted: 1, attended: 1, rate: 0.5 },
        ],
      },
    ],
    csvUrl: '/reports/organisation-rates.csv?programme=p1',
  },
  repeatAttendanceReport: {
    occurrences: [{ eventId: 'e1', start: occ.start }, { eventId: 'e1', start: occ2.start }],
    window: 6,
    threshold: 2,
    people: [3, 1],
    attenders: 4,
    repeaters: 1,
    csvUrl: '/reports/repeat-attendance.csv?programme=p1',
  },
};

describe('Representation', () => {
  it('shows missing voices, the breakdown and rates as tables, repeat attendance and CSV links', async () => {
    renderWithClient(<Representation scope={{ programmeId: 'p1' }} timeZone="Europe/London" />, mockClient({ query: () => ({ data }) }));
    expect(await screen.findByRole('heading', { name: 'Missing voices' })).toBeTruthy();
    expect(screen.getByText(/Stakeholder groups invited but absent/).parentElement!.textContent).toContain('Lived experience');
    expect(screen.getByText(/Sectors invited but absent/).parentElement!.textContent).toContain('Police');

    const breakdown = screen.getByRole('table', { name: /by stakeholder group and sector/ });
    const rows = within(breakdown).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[2]!.textContent).toContain('Missing voice');
    expect(rows[1]!.textContent).not.toContain('Missing voice');
    expect(screen.getByRole('img', { name: /Grouped bar chart .* 2 stakeholder group and sector combinations/ })).toBeTruthy();

    const rates = screen.getByRole('table', { name: 'Attendance rate per organisation and occurrence' });
    expect(within(rates).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Organisation', '13 Oct 2026', '10 Nov 2026']);
    expect(rates.textContent).toContain('1 of 2 (50%)');
    expect(screen.getByRole('img', { name: /Line chart of the attendance rate of 1 organisation over 2 occurrences/ })).toBeTruthy();

    expect(screen.getByText(/came to at least 2/).textContent).toMatch(/1 of 4 people/);
    expect(screen.getByRole('link', { name: 'Representation (CSV)' }).getAttribute('href')).toBe('/reports/representation.csv?programme=p1');
    expect(screen.getByRole('link', { name: 'Repeat attendance (CSV)' }).getAttribute('href')).toBe('/reports/repeat-attendance.csv?programme=p1');
  });

  it('explains empty reports', async () => {
    const empty = {
      representationReport: { ...data.representationReport, occurrences: [], cells: [], missingVoices: [], missingGroups: [], missingSectors: [], missingUnaffiliated: false },
      organisationAttendanceReport: { ...data.organisationAttendanceReport, occurrences: [], organisations: [] },
      repeatAttendanceReport: { ...data.repeatAttendanceReport, occurrences: [], people: [], attenders: 0, repeaters: 0 },
    };
    renderWithClient(<Representation scope={{ eventId: 'e1' }} timeZone={null} />, mockClient({ query: () => ({ data: empty }) }));
    expect(await screen.findByRole('heading', { name: 'No missing voices' })).toBeTruthy();
    expect(screen.getByText(/No occurrences have begun yet/)).toBeTruthy();
    expect(screen.getAllByText('Nobody has been invited yet.').length).toBeGreaterThan(0);
    expect(screen.getByText('Nobody has attended yet.')).toBeTruthy();
  });
});

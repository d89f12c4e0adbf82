// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { Funding } from './FundingPage';
import { mockClient, renderWithClient } from '../../test/render';

const view = {
  asOf: '2026-11-24',
  reportingCurrency: 'GBP',
  threshold: '10000',
  inForceToday: '25000',
  openEnded: 0,
  totalSecured: [{ currency: 'GBP', amount: '60000' }],
  byPeriod: [
    { label: 'Q4 2026', start: '2026-10-01', end: '2026-12-31', totals: [{ currency: 'GBP', amount: '15000' }] },
    { label: 'Q1 2027', start: '2027-01-01', end: '2027-03-31', totals: [{ currency: 'GBP', amount: '5000' }] },
  ],
  byKind: [{ kind: 'FUNDING', totals: [{ currency: 'GBP', amount: '60000' }] }],
  cliff: { firstShortDay: '2027-02-01', lastCoveredDay: '2027-01-31', inForce: '4000' },
  inForce: [
    { start: '2026-11-01', totals: [{ currency: 'EUR', amount: '900.50' }, { currency: 'GBP', amount: '25000' }] },
    { start: '2026-12-01', totals: [{ currency: 'EUR', amount: '0' }, { currency: 'GBP', amount: '25000' }] },
    { start: '2027-01-01', totals: [{ currency: 'EUR', amount: '0' }, { currency: 'GBP', amount: '10000.00' }] },
    { start: '2027-02-01', totals: [{ currency: 'EUR', amount: '0' }, { currency: 'GBP', amount: '4000' }] },
  ],
};

describe('Funding', () => {
  it('shows the cliff, the quarters as a table, attention items and CSV links', async () => {
    const client = mockClient({
      query: () => ({
        data: {
          fundingView: view,
          attention: [{ kind: 'ACTION_OVERDUE', due: '2026-11-01T00:00:00Z', title: 'Publish the move-on pathway', action: { id: 'a1' }, commitment: null }],
        },
      }),
    });
    renderWithClient(<Funding programmeID="p1" timeZone="Europe/London" />, client);
    expect(await screen.findByRole('heading', { name: 'Funding cliff' })).toBeTruthy();
    expect(screen.getByText('1 Feb 2027')).toBeTruthy();
    expect(screen.getByText(/in 69 days/)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Secured funding by quarter' });
    expect(table.textContent).toContain('Q1 2027');
    expect(table.textContent).toContain('Cliff');
    expect(screen.getByText('Publish the move-on pathway')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Commitments (CSV)' }).getAttribute('href')).toBe('/export/commitments.csv?programme=p1');
    expect(screen.getByRole('img', { name: /the cliff falls in Q1 2027/ })).toBeTruthy();

    // The level in force month by month, against the threshold, as a chart and a table.
    expect(screen.getByRole('img', { name: /Step line chart of the secured funding in force each month in GBP, against the threshold of £10,000.00; it falls below the threshold in Feb 2027/ })).toBeTruthy();
    const months = screen.getByRole('table', { name: 'Secured funding in force by month' });
    expect(within(months).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Month', 'In force (GBP)', 'In force (EUR)']);
    const rows = within(months).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual(['Nov 2026£25,000.00€900.50', 'Dec 2026£25,000.00€0.00', 'Jan 2027£10,000.00€0.00', 'Feb 2027 Cliff£4,000.00€0.00']);
  });

  it('says so when there is no cliff', async () => {
    const client = mockClient({ query: () => ({ data: { fundingView: { ...view, cliff: null, byPeriod: [], inForce: view.inForce.map((m) => ({ ...m, totals: [] })) }, attention: [] } }) });
    renderWithClient(<Funding programmeID="p1" timeZone="Europe/London" />, client);
    expect(await screen.findByRole('heading', { name: 'No funding cliff ahead' })).toBeTruthy();
    expect(screen.getByText('Nothing needs attention.')).toBeTruthy();
    expect(screen.getByText('No secured funding in these quarters.')).toBeTruthy();
    expect(screen.getByText('No secured funding in force in the next 4 months.')).toBeTruthy();
  });
});

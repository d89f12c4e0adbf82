// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
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
  });

  it('says so when there is no cliff', async () => {
    const client = mockClient({ query: () => ({ data: { fundingView: { ...view, cliff: null, byPeriod: [] }, attention: [] } }) });
    renderWithClient(<Funding programmeID="p1" timeZone="Europe/London" />, client);
    expect(await screen.findByRole('heading', { name: 'No funding cliff ahead' })).toBeTruthy();
    expect(screen.getByText('Nothing needs attention.')).toBeTruthy();
    expect(screen.getByText('No secured funding in these quarters.')).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChartSection, ProgrammeReportPage } from './Report';
import { mockClient, renderWithClient } from '../test/render';

const programmes = (names: string[]) => ({
  data: { programmes: { edges: names.map((name, i) => ({ node: { id: `p${i + 1}`, name, timeZone: 'Europe/London' } })) } },
});

afterEach(() => window.history.replaceState(null, '', '/'));

describe('ProgrammeReportPage', () => {
  it('reports on the first programme, and on another one picked from the list', async () => {
    renderWithClient(
      <ProgrammeReportPage title="Funding" lead="Money.">
        {(p) => <p>Report for {p.name}</p>}
      </ProgrammeReportPage>,
      mockClient({ query: () => programmes(['Housing first', 'System change']) }),
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Funding' })).toBeTruthy();
    expect(await screen.findByText('Report for Housing first')).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Programme'), 'p2');
    expect(await screen.findByText('Report for System change')).toBeTruthy();
    expect(window.location.search).toBe('?programme=p2');
  });

  it('explains when there is nothing to report on, and no picker for one programme', async () => {
    const { unmount } = renderWithClient(<ProgrammeReportPage title="Funding" lead="Money.">{() => <p>Report</p>}</ProgrammeReportPage>, mockClient({ query: () => programmes([]) }));
    expect(await screen.findByText('You have no programmes to report on.')).toBeTruthy();
    unmount();
    renderWithClient(<ProgrammeReportPage title="Funding" lead="Money.">{(p) => <p>Report for {p.name}</p>}</ProgrammeReportPage>, mockClient({ query: () => programmes(['Only']) }));
    expect(await screen.findByText('Report for Only')).toBeTruthy();
    expect(screen.queryByLabelText('Programme')).toBeNull();
  });
});

describe('ChartSection', () => {
  it('labels the chart, ties the caption to it and shows the table; or shows the empty state instead', () => {
    const { rerender } = renderWithClient(
      <ChartSection id="x" title="Things" chartLabel="Bar chart of things." chart={<svg />} caption="Counted daily." table={<table aria-label="Things table" />} />,
      mockClient(),
    );
    expect(screen.getByRole('region', { name: 'Things' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Bar chart of things.' })).toBeTruthy();
    expect(screen.getByRole('figure').getAttribute('aria-describedby')).toBe('x-caption');
    expect(screen.getByText('Counted daily.').id).toBe('x-caption');
    expect(screen.getByRole('table', { name: 'Things table' })).toBeTruthy();
    rerender(<ChartSection id="x" title="Things" empty={{ title: 'Nothing yet.' }} chartLabel="Bar chart of things." chart={<svg />} table={<table aria-label="Things table" />} />);
    expect(screen.getByText('Nothing yet.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

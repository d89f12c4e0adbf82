// The consultant's funding view: the level of secured funding in force
// month by month against the threshold, with the cliff; secured funding per
// quarter; what needs attention; and CSV downloads.
import { lazy, useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { AttentionKind } from '../../graphql/gen/graphql';
import { EmptyState } from '../../ui/Status';
import { Badge, type Tone } from '../../ui/Badge';
import { DataTable } from '../../ui/DataTable';
import { ChartSection, ProgrammeReportPage, ReportPending } from '../../ui/Report';
import { StaffOnly } from '../../ui/StaffOnly';
import { formatMoney } from '../../lib/money';
import { formatDate, isoDateTimeAttr } from '../../lib/time';
import { COMMITMENT_KIND } from '../../lib/labels';
import { amountIn, daysBetween, fundingSeries, inForceSeries, otherCurrencies, type InForcePoint } from './funding';

const FundingChart = lazy(() => import('./FundingChart'));
const InForceChart = lazy(() => import('./FundingChart').then((m) => ({ default: m.InForceChart })));

const FundingDocument = graphql(`
  query Funding($programmeID: ID!) {
    fundingView(programmeID: $programmeID, period: QUARTER, periods: 8) {
      asOf
      reportingCurrency
      threshold
      inForceToday
      openEnded
      totalSecured {
        currency
        amount
      }
      byPeriod {
        label
        start
        end
        totals {
          currency
          amount
        }
      }
      byKind {
        kind
        totals {
          currency
          amount
        }
      }
      cliff {
        firstShortDay
        lastCoveredDay
        inForce
      }
      inForce {
        start
        totals {
          currency
          amount
        }
      }
    }
    attention(programmeID: $programmeID) {
      kind
      due
      title
      action {
        id
      }
      commitment {
        id
      }
    }
  }
`);

const ATTENTION: Record<AttentionKind, { label: string; tone: Tone }> = {
  ACTION_OVERDUE: { label: 'Action overdue', tone: 'danger' },
  ACTION_DUE_SOON: { label: 'Action due soon', tone: 'warning' },
  COMMITMENT_ENDING: { label: 'Commitment ending', tone: 'warning' },
  REVIEW_DUE: { label: 'Review due', tone: 'info' },
};

export function FundingPage() {
  return (
    <StaffOnly title="Funding">
      <ProgrammeReportPage title="Funding" lead="Secured funding over time, when it runs short, and what needs attention.">
        {(programme) => <Funding programmeID={programme.id} timeZone={programme.timeZone} />}
      </ProgrammeReportPage>
    </StaffOnly>
  );
}

export function Funding({ programmeID, timeZone }: { programmeID: string; timeZone: string }) {
  const [result, refetch] = useQuery({ query: FundingDocument, variables: { programmeID } });
  const view = result.data?.fundingView;
  const points = useMemo(() => (view ? fundingSeries(view.byPeriod, view.reportingCurrency, view.cliff?.firstShortDay) : []), [view]);
  const months = useMemo(() => (view ? inForceSeries(view.inForce, view.reportingCurrency, view.threshold, view.cliff?.firstShortDay) : []), [view]);

  if (!view) return <ReportPending error={result.error} what="the funding view" onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  const cur = view.reportingCurrency;
  const cliff = view.cliff;
  const cliffPoint = points.find((p) => p.cliff) ?? null;
  const cliffMonth = months.find((m) => m.cliff) ?? null;
  const others = otherCurrencies(months);
  const anyInForce = months.some((m) => m.amount !== 0 || m.others.some((o) => Number(o.amount) !== 0));
  const attention = result.data!.attention;
  const qs = `?programme=${encodeURIComponent(programmeID)}`;

  return (
    <>
      <section aria-labelledby="cliff-heading" className={`notice${cliff ? ' notice--danger' : ''}`}>
        <h2 id="cliff-heading">{cliff ? 'Funding cliff' : 'No funding cliff ahead'}</h2>
        {cliff ? (
          <p>
            Secured funding in force falls below {view.threshold ? formatMoney(view.threshold, cur) : 'the threshold'} on{' '}
            <strong>
              <time dateTime={cliff.firstShortDay}>{formatDate(`${cliff.firstShortDay}T12:00:00Z`, 'UTC')}</time>
            </strong>{' '}
            ({describeDays(daysBetween(view.asOf, cliff.firstShortDay))}), leaving {formatMoney(cliff.inForce, cur)} in force.
            {cliff.lastCoveredDay && ` Covered until ${formatDate(`${cliff.lastCoveredDay}T12:00:00Z`, 'UTC')}.`}
          </p>
        ) : (
          <p>{view.threshold ? `Funding in force stays at or above ${formatMoney(view.threshold, cur)}.` : 'The programme has no funding threshold set, so there is no cliff to show.'}</p>
        )}
        <p className="muted">
          In force today: {formatMoney(view.inForceToday, cur)} · as of {formatDate(`${view.asOf}T12:00:00Z`, 'UTC')}
          {view.openEnded > 0 && ` · ${view.openEnded} open-ended commitment${view.openEnded === 1 ? '' : 's'}`}
        </p>
      </section>

      <ChartSection
        id="in-force"
        title="Secured funding in force by month"
        empty={!anyInForce && { title: `No secured funding in force in the next ${months.length} months.` }}
        chartLabel={`Step line chart of the secured funding in force each month in ${cur}${view.threshold ? `, against the threshold of ${formatMoney(view.threshold, cur)}` : ''}${cliffMonth ? `; it falls below the threshold in ${cliffMonth.label}` : ''}. The same figures are in the table below.`}
        chart={<InForceChart points={months} currency={cur} threshold={view.threshold ?? null} cliffLabel={cliffMonth?.label ?? null} />}
        caption={
          <>
            Whole grants in force for all of each month (from today in this month), so a grant starting or ending mid-month is left out of that month.
            {view.threshold && ' The dashed line is the programme’s threshold; red points are months below it.'}
            {cliffMonth && ` The cliff falls in ${cliffMonth.label}.`}
          </>
        }
        table={
          <details className="chart-table">
            <summary>Month by month, as a table</summary>
            <DataTable
              caption="Secured funding in force by month"
              rows={months}
              rowKey={(m) => m.start}
              rowClassName={(m) => (m.below ? 'row--overdue' : undefined)}
              columns={[
                { header: 'Month', cell: (m: InForcePoint) => (m.cliff ? <>{m.label} <Badge tone="danger">Cliff</Badge></> : m.label) },
                {
                  header: `In force (${cur})`,
                  className: 'num',
                  cell: (m: InForcePoint) => (
                    <>
                      {formatMoney(m.exact, cur)}
                      {m.below && !m.cliff && <span className="visually-hidden"> (below the threshold)</span>}
                    </>
                  ),
                },
                ...others.map((c) => ({ header: `In force (${c})`, className: 'num', cell: (m: InForcePoint) => formatMoney(amountIn(m.others, c), c) })),
              ]}
            />
          </details>
        }
      />

      <ChartSection
        id="timeline"
        title="Secured funding by quarter"
        empty={points.length === 0 && { title: 'No secured funding in these quarters.' }}
        chartLabel={`Bar chart of secured funding per quarter in ${cur}${cliffPoint ? `; the cliff falls in ${cliffPoint.label}` : ''}. The same figures are in the table below.`}
        chart={<FundingChart points={points} currency={cur} cliffLabel={cliffPoint?.label ?? null} />}
        caption={<>Each grant is spread evenly over its days. {cliffPoint && `The red bar and line mark the quarter the cliff falls in (${cliffPoint.label}).`}</>}
        table={
          <DataTable
            caption="Secured funding by quarter"
            rows={points}
            rowKey={(p) => p.label}
            columns={[
              { header: 'Quarter', cell: (p) => (p.cliff ? <>{p.label} <Badge tone="danger">Cliff</Badge></> : p.label) },
              { header: 'Secured', className: 'num', cell: (p) => formatMoney(p.exact, cur) },
            ]}
          />
        }
      >
        <p>
          Total secured: {view.totalSecured.length ? view.totalSecured.map((t) => formatMoney(t.amount, t.currency)).join(' + ') : formatMoney('0', cur)}
          {view.byKind.length > 0 && (
            <span className="muted">
              {' '}
              ({view.byKind.map((k) => `${COMMITMENT_KIND[k.kind]}: ${formatMoney(amountIn(k.totals, cur), cur)}`).join(', ')})
            </span>
          )}
        </p>
      </ChartSection>

      <section aria-labelledby="attention-heading" className="section">
        <h2 id="attention-heading">Needs attention</h2>
        {attention.length === 0 ? (
          <EmptyState title="Nothing needs attention." />
        ) : (
          <ul className="attention-list">
            {attention.map((a, i) => (
              <li key={`${a.kind}-${a.action?.id ?? a.commitment?.id ?? i}`} className="attention-list__item">
                <Badge tone={ATTENTION[a.kind].tone}>{ATTENTION[a.kind].label}</Badge> <span className="strong">{a.title}</span>{' '}
                <span className="muted">
                  <time dateTime={isoDateTimeAttr(a.due)}>{formatDate(a.due, timeZone)}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="export-heading" className="section">
        <h2 id="export-heading">Download as CSV</h2>
        <p className="button-row">
          <a className="button button--secondary" href={`/export/commitments.csv${qs}`} download>
            Commitments (CSV)
          </a>
          <a className="button button--secondary" href={`/export/actions.csv${qs}`} download>
            Actions (CSV)
          </a>
          <a className="button button--secondary" href={`/export/scorecard.csv${qs}`} download>
            Organisation scorecards (CSV)
          </a>
          <a className="button button--secondary" href={`/export/network.csv${qs}`} download>
            Partnership network (CSV)
          </a>
        </p>
      </section>
    </>
  );
}

function describeDays(days: number): string {
  if (days < 0) return `${-days} day${days === -1 ? '' : 's'} ago`;
  if (days === 0) return 'today';
  return `in ${days} day${days === 1 ? '' : 's'}`;
}

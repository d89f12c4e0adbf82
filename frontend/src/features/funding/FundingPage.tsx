// The consultant's funding view: secured funding over time with the cliff,
// what needs attention, and CSV downloads.
import { Suspense, lazy, useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { AttentionKind } from '../../graphql/gen/graphql';
import { nodesOf } from '../../graphql/usePaginated';
import { useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { Badge, type Tone } from '../../ui/Badge';
import { DataTable } from '../../ui/DataTable';
import { formatMoney } from '../../lib/money';
import { formatDate, isoDateTimeAttr } from '../../lib/time';
import { COMMITMENT_KIND } from '../../lib/labels';
import { amountIn, daysBetween, fundingSeries } from './funding';

const FundingChart = lazy(() => import('./FundingChart'));

const FundingProgrammesDocument = graphql(`
  query FundingProgrammes {
    programmes(first: 50, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          timeZone
        }
      }
    }
  }
`);

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
  const [programmeParam, setProgramme] = useSearchParam('programme');
  const [programmes] = useQuery({ query: FundingProgrammesDocument });
  const list = nodesOf(programmes.data?.programmes);
  const programme = list.find((p) => p.id === programmeParam) ?? list[0];

  return (
    <>
      <PageHeader title="Funding">
        <p className="lead">Secured funding over time, when it runs short, and what needs attention.</p>
      </PageHeader>
      {programmes.error && !programmes.data ? (
        <ProblemMessage error={programmes.error} context="Could not load the programmes." />
      ) : !programmes.data ? (
        <Loading label="Loading the programmes…" />
      ) : !programme ? (
        <EmptyState title="You have no programmes to report on." />
      ) : (
        <>
          {list.length > 1 && (
            <div className="filter-bar">
              <div className="filter">
                <label className="filter__label" htmlFor="funding-programme">
                  Programme
                </label>
                <select id="funding-programme" className="input select" value={programme.id} onChange={(e) => setProgramme(e.target.value)}>
                  {list.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          <Funding key={programme.id} programmeID={programme.id} timeZone={programme.timeZone} />
        </>
      )}
    </>
  );
}

export function Funding({ programmeID, timeZone }: { programmeID: string; timeZone: string }) {
  const [result, refetch] = useQuery({ query: FundingDocument, variables: { programmeID } });
  const view = result.data?.fundingView;
  const points = useMemo(() => (view ? fundingSeries(view.byPeriod, view.reportingCurrency, view.cliff?.firstShortDay) : []), [view]);

  if (!view) {
    if (result.error) return <ProblemMessage error={result.error} context="Could not load the funding view." onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
    return <Loading label="Loading the funding view…" />;
  }
  const cur = view.reportingCurrency;
  const cliff = view.cliff;
  const cliffPoint = points.find((p) => p.cliff) ?? null;
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

      <section aria-labelledby="timeline-heading" className="section card">
        <h2 id="timeline-heading">Secured funding by quarter</h2>
        {points.length === 0 ? (
          <EmptyState title="No secured funding in these quarters." />
        ) : (
          <>
            <figure className="chart" aria-describedby="timeline-caption">
              <div role="img" aria-label={`Bar chart of secured funding per quarter in ${cur}${cliffPoint ? `; the cliff falls in ${cliffPoint.label}` : ''}. The same figures are in the table below.`}>
                <Suspense fallback={<Loading label="Drawing the chart…" />}>
                  <FundingChart points={points} currency={cur} cliffLabel={cliffPoint?.label ?? null} />
                </Suspense>
              </div>
              <figcaption id="timeline-caption" className="muted small">
                Each grant is spread evenly over its days. {cliffPoint && `The red bar and line mark the quarter the cliff falls in (${cliffPoint.label}).`}
              </figcaption>
            </figure>
            <DataTable
              caption="Secured funding by quarter"
              rows={points}
              rowKey={(p) => p.label}
              columns={[
                { header: 'Quarter', cell: (p) => (p.cliff ? <>{p.label} <Badge tone="danger">Cliff</Badge></> : p.label) },
                { header: 'Secured', className: 'num', cell: (p) => formatMoney(p.exact, cur) },
              ]}
            />
          </>
        )}
        <p>
          Total secured: {view.totalSecured.length ? view.totalSecured.map((t) => formatMoney(t.amount, t.currency)).join(' + ') : formatMoney('0', cur)}
          {view.byKind.length > 0 && (
            <span className="muted">
              {' '}
              ({view.byKind.map((k) => `${COMMITMENT_KIND[k.kind]}: ${formatMoney(amountIn(k.totals, cur), cur)}`).join(', ')})
            </span>
          )}
        </p>
      </section>

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

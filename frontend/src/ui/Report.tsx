// Scaffolding shared by the report screens (funding, representation): the
// programme picker with its loading/error/empty states, the "still loading
// or failed" state of a report query, and a chart section — a heading, the
// chart drawn lazily inside a labelled figure, and the same figures in a
// table for screen readers and keyboard users.
import { Fragment, Suspense, type ReactNode } from 'react';
import { useQuery, type CombinedError } from 'urql';
import { graphql } from '../graphql/gen';
import { nodesOf } from '../graphql/usePaginated';
import { useSearchParam } from '../app/router';
import { PageHeader } from './PageHeader';
import { EmptyState, Loading, ProblemMessage } from './Status';

const ReportProgrammesQuery = graphql(`
  query ReportProgrammes {
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

export interface ReportProgramme {
  id: string;
  name: string;
  timeZone: string;
}

/**
 * A report page over one of the viewer's programmes (?programme=ID, else
 * the first): the page header, a programme picker when there are several,
 * and the report for the chosen one (remounted when it changes).
 */
export function ProgrammeReportPage({ title, lead, children }: { title: string; lead: ReactNode; children: (programme: ReportProgramme) => ReactNode }) {
  const [programmeParam, setProgramme] = useSearchParam('programme');
  const [programmes] = useQuery({ query: ReportProgrammesQuery });
  const list = nodesOf(programmes.data?.programmes);
  const programme = list.find((p) => p.id === programmeParam) ?? list[0];

  return (
    <>
      <PageHeader title={title}>
        <p className="lead">{lead}</p>
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
                <label className="filter__label" htmlFor="report-programme">
                  Programme
                </label>
                <select id="report-programme" className="input select" value={programme.id} onChange={(e) => setProgramme(e.target.value)}>
                  {list.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          <Fragment key={programme.id}>{children(programme)}</Fragment>
        </>
      )}
    </>
  );
}

/** What a report shows until its data arrives: loading, or what went wrong with a retry. */
export function ReportPending({ error, what, onRetry }: { error: CombinedError | undefined; what: string; onRetry: () => void }) {
  if (error) return <ProblemMessage error={error} context={`Could not load ${what}.`} onRetry={onRetry} />;
  return <Loading label={`Loading ${what}…`} />;
}

interface ChartSectionProps {
  /** Prefix of the section's ids: `${id}-heading`, `${id}-caption`. */
  id: string;
  title: string;
  /** When set, shown instead of the chart and table. */
  empty?: { title: string; body?: ReactNode } | null | false;
  /** Controls above the chart (e.g. which series to draw). */
  controls?: ReactNode;
  /** What the chart shows, for assistive technology (the chart itself is an image). */
  chartLabel: string;
  /** The chart; may be lazily loaded (a Suspense boundary shows "Drawing the chart…"). */
  chart: ReactNode;
  caption?: ReactNode;
  /** The same figures as a table. */
  table: ReactNode;
  /** Anything after the figures (totals, notes). */
  children?: ReactNode;
}

/** A report section with a chart and its table alternative. */
export function ChartSection({ id, title, empty, controls, chartLabel, chart, caption, table, children }: ChartSectionProps) {
  return (
    <section aria-labelledby={`${id}-heading`} className="section card">
      <h2 id={`${id}-heading`}>{title}</h2>
      {empty ? (
        <EmptyState title={empty.title}>{empty.body}</EmptyState>
      ) : (
        <>
          {controls}
          <figure className="chart" aria-describedby={caption ? `${id}-caption` : undefined}>
            <div role="img" aria-label={chartLabel}>
              <Suspense fallback={<Loading label="Drawing the chart…" />}>{chart}</Suspense>
            </div>
            {caption && (
              <figcaption id={`${id}-caption`} className="muted small">
                {caption}
              </figcaption>
            )}
          </figure>
          {table}
        </>
      )}
      {children}
    </section>
  );
}

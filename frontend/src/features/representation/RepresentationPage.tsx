// The representation report (/representation?programme=… for a programme,
// /events/:id/representation[?start=…] for a series or one occurrence):
// who was invited, accepted and came by stakeholder group × sector, the
// missing voices, attendance rates per organisation over time, repeat
// attendance, and the same reports as CSV.
import { lazy, useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { StaffOnly } from '../../ui/StaffOnly';
import { EmptyState } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { DataTable } from '../../ui/DataTable';
import { ChartSection, ProgrammeReportPage, ReportPending } from '../../ui/Report';
import { formatDate, formatDateTime } from '../../lib/time';
import { STAKEHOLDER_GROUP } from '../../lib/labels';
import { NO_ORGANISATION, describeRate, ratePoints, repeatRows, representationRows, sectorLabel, type Occurrence } from './representation';

const RepresentationBars = lazy(() => import('./RepresentationCharts').then((m) => ({ default: m.RepresentationBars })));
const RateLines = lazy(() => import('./RepresentationCharts').then((m) => ({ default: m.RateLines })));

const RepresentationDocument = graphql(`
  query Representation($scope: ReportScope!) {
    representationReport(scope: $scope) {
      occurrences {
        eventId
        title
        kind
        start
        begins
      }
      cells {
        stakeholderGroup
        sector
        invited
        accepted
        attended
      }
      missingVoices {
        stakeholderGroup
        sector
        invited
        accepted
        attended
      }
      missingGroups
      missingSectors
      missingUnaffiliated
      csvUrl
    }
    organisationAttendanceReport(scope: $scope) {
      occurrences {
        eventId
        title
        kind
        start
        begins
      }
      organisations {
        organisationId
        name
        sector
        points {
          occurrence {
            eventId
            start
          }
          invited
          accepted
          attended
          rate
        }
      }
      csvUrl
    }
    repeatAttendanceReport(scope: $scope) {
      occurrences {
        eventId
        start
      }
      window
      threshold
      people
      attenders
      repeaters
      csvUrl
    }
  }
`);

/** The programme report, with a programme picker. */
export function RepresentationPage() {
  return (
    <StaffOnly title="Representation">
      <ProgrammeReportPage title="Representation" lead="Who was invited, who accepted and who came, by stakeholder group and sector — and whose voices were missing.">
        {(programme) => <Representation scope={{ programmeId: programme.id }} timeZone={programme.timeZone} />}
      </ProgrammeReportPage>
    </StaffOnly>
  );
}

const ReportEventDocument = graphql(`
  query ReportEvent($id: ID!) {
    node(id: $id) {
      __typename
      ... on Event {
        id
        title
        timeZone
      }
    }
    representationReport(scope: { eventId: $id }) {
      occurrences {
        eventId
        title
        kind
        start
        begins
      }
    }
  }
`);

/** The report for an event's series, or one occurrence when ?start= is given. */
export function EventRepresentationPage({ id }: { id: string }) {
  return (
    <StaffOnly title="Representation">
      <EventRepresentation id={id} />
    </StaffOnly>
  );
}

function EventRepresentation({ id }: { id: string }) {
  const [start, setStart] = useSearchParam('start');
  const [result, refetch] = useQuery({ query: ReportEventDocument, variables: { id } });
  const node = result.data?.node;
  const event = node?.__typename === 'Event' ? node : null;
  const occurrences = result.data?.representationReport.occurrences ?? [];
  const back = <Link to={`/events/${encodeURIComponent(id)}`}>{event?.title ?? 'Back to the event'}</Link>;

  if (!result.data) {
    return (
      <>
        <PageHeader title="Representation" eyebrow={back} />
        <ReportPending error={result.error} what="the event" onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  if (!event) {
    return (
      <>
        <PageHeader title="Event not found" eyebrow={<Link to="/events">Events</Link>} />
        <p>There is no event at this address. It may have been deleted, or the link may be out of date.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={`Representation: ${event.title}`} eyebrow={back}>
        <p className="lead">Who was invited, who accepted and who came, by stakeholder group and sector — and whose voices were missing.</p>
      </PageHeader>
      {occurrences.length > 0 && (
        <div className="filter-bar">
          <div className="filter">
            <label className="filter__label" htmlFor="report-occurrence">
              Occurrence
            </label>
            <select id="report-occurrence" className="input select" value={start} onChange={(e) => setStart(e.target.value)}>
              <option value="">All occurrences so far</option>
              {occurrences.map((o) => (
                <option key={o.start} value={o.start}>
                  {formatDateTime(o.begins, event.timeZone)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <Representation key={start} scope={start ? { eventId: id, occurrenceStart: start } : { eventId: id }} timeZone={event.timeZone} />
    </>
  );
}

type Scope = { programmeId?: string; eventId?: string; occurrenceStart?: string };

export function Representation({ scope, timeZone }: { scope: Scope; timeZone: string | null }) {
  const [result, refetch] = useQuery({ query: RepresentationDocument, variables: { scope } });
  const data = result.data;
  const rep = data?.representationReport;
  const orgs = data?.organisationAttendanceReport;
  const repeat = data?.repeatAttendanceReport;
  const rows = useMemo(() => (rep ? representationRows(rep.cells, rep.missingVoices) : []), [rep]);
  const [chartOrg, setChartOrg] = useSearchParam('org');
  const when = (o: Occurrence) => formatDate(o.begins, timeZone);
  const points = useMemo(() => (orgs ? ratePoints(orgs.occurrences, orgs.organisations, (o) => formatDate(o.begins, timeZone)) : []), [orgs, timeZone]);

  if (!rep || !orgs || !repeat) return <ReportPending error={result.error} what="the representation report" onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  const missingAny = rep.missingGroups.length > 0 || rep.missingSectors.length > 0 || rep.missingUnaffiliated || rep.missingVoices.length > 0;
  const occ = rep.occurrences;
  const allSeries = orgs.organisations.map((o) => ({ id: o.organisationId, name: o.name }));
  const shown = allSeries.find((o) => o.id === chartOrg);
  const series = shown ? [shown] : allSeries;
  const repeats = repeatRows(repeat.people, repeat.threshold);

  return (
    <>
      <p className="muted">
        {occ.length === 0
          ? 'No occurrences have begun yet, so there is nothing to report.'
          : occ.length === 1
            ? `Covers ${occ[0]!.title}, ${formatDateTime(occ[0]!.begins, timeZone)}.`
            : `Covers ${occ.length} occurrences, ${when(occ[0]!)} to ${when(occ[occ.length - 1]!)}.`}
      </p>

      <section aria-labelledby="missing-heading" className={`notice${missingAny ? ' notice--danger' : ''}`}>
        <h2 id="missing-heading">{missingAny ? 'Missing voices' : 'No missing voices'}</h2>
        {missingAny ? (
          <ul>
            {rep.missingGroups.length > 0 && (
              <li>
                <strong>Stakeholder groups invited but absent:</strong> {rep.missingGroups.map((g) => STAKEHOLDER_GROUP[g]).join(', ')}
              </li>
            )}
            {rep.missingSectors.length > 0 && (
              <li>
                <strong>Sectors invited but absent:</strong> {rep.missingSectors.map((s) => sectorLabel(s)).join(', ')}
              </li>
            )}
            {rep.missingUnaffiliated && (
              <li>
                <strong>{NO_ORGANISATION}:</strong> people invited without an organisation, none of whom came
              </li>
            )}
            {rep.missingVoices.length > 0 && (
              <li>
                <strong>Combinations with invitees but nobody attending:</strong>{' '}
                {rep.missingVoices.map((c) => `${STAKEHOLDER_GROUP[c.stakeholderGroup]} · ${sectorLabel(c.sector)}`).join('; ')}
              </li>
            )}
          </ul>
        ) : (
          <p>{rows.length ? 'Every group and sector invited had someone there.' : 'Nobody has been invited yet.'}</p>
        )}
      </section>

      <ChartSection
        id="breakdown"
        title="Invited, accepted and attended by group and sector"
        empty={rows.length === 0 && { title: 'Nobody has been invited yet.', body: <p>Invite people from the event page; the report fills in as they reply and are checked in.</p> }}
        chartLabel={`Grouped bar chart of people invited, accepted and attended for ${rows.length} stakeholder group and sector combinations. The same figures are in the table below.`}
        chart={<RepresentationBars rows={rows} />}
        caption="A person in organisations of two sectors counts in both; a deputy counts in their own group and sector."
        table={
          <DataTable
            caption="Invited, accepted and attended by stakeholder group and sector"
            rows={rows}
            rowKey={(r) => r.key}
            rowClassName={(r) => (r.missing ? 'row--overdue' : undefined)}
            columns={[
              { header: 'Stakeholder group', cell: (r) => r.group },
              { header: 'Sector', cell: (r) => (r.missing ? <>{r.sector} <Badge tone="danger">Missing voice</Badge></> : r.sector) },
              { header: 'Invited', className: 'num', cell: (r) => r.invited },
              { header: 'Accepted', className: 'num', cell: (r) => r.accepted },
              { header: 'Attended', className: 'num', cell: (r) => r.attended },
            ]}
          />
        }
      />

      <ChartSection
        id="rates"
        title="Attendance rate per organisation"
        empty={(orgs.organisations.length === 0 || orgs.occurrences.length === 0) && { title: 'No organisation has been invited to an occurrence that has begun.' }}
        controls={
          allSeries.length > 1 && (
            <div className="filter-bar">
              <div className="filter">
                <label className="filter__label" htmlFor="rates-organisation">
                  Show on the chart
                </label>
                <select id="rates-organisation" className="input select" value={shown ? chartOrg : ''} onChange={(e) => setChartOrg(e.target.value)}>
                  <option value="">All organisations</option>
                  {allSeries.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )
        }
        chartLabel={`Line chart of the attendance rate of ${shown ? shown.name : `${series.length} organisation${series.length === 1 ? '' : 's'}`} over ${orgs.occurrences.length} occurrence${orgs.occurrences.length === 1 ? '' : 's'}. The same figures are in the table below.`}
        chart={<RateLines points={points} series={series} />}
        caption="Rate = members who came ÷ members invited. Gaps mean nobody from the organisation was invited that time."
        table={
          <div className="table-scroll">
            <DataTable
              caption="Attendance rate per organisation and occurrence"
              rows={orgs.organisations}
              rowKey={(o) => o.organisationId}
              columns={[
                { header: 'Organisation', cell: (o) => o.name },
                ...orgs.occurrences.map((oc) => ({
                  header: `${formatDate(oc.begins, timeZone)}${orgs.occurrences.filter((x) => formatDate(x.begins, timeZone) === formatDate(oc.begins, timeZone)).length > 1 ? ` (${oc.title})` : ''}`,
                  className: 'num',
                  cell: (o: (typeof orgs.organisations)[number]) => describeRate(o.points.find((p) => p.occurrence.eventId === oc.eventId && p.occurrence.start === oc.start)),
                })),
              ]}
            />
          </div>
        }
      />

      <section aria-labelledby="repeat-heading" className="section card">
        <h2 id="repeat-heading">Repeat attendance</h2>
        {repeat.attenders === 0 ? (
          <EmptyState title="Nobody has attended yet." />
        ) : (
          <>
            <p>
              <strong>{repeat.repeaters}</strong> of {repeat.attenders} {repeat.attenders === 1 ? 'person' : 'people'} who came to any of the last{' '}
              {repeat.occurrences.length} occurrence{repeat.occurrences.length === 1 ? '' : 's'} came to at least {repeat.threshold}.
            </p>
            <DataTable
              caption={`People by how many of the last ${repeat.occurrences.length} occurrences they attended`}
              captionVisible
              rows={repeats}
              rowKey={(r) => String(r.times)}
              columns={[
                { header: 'Times attended', cell: (r) => (r.repeat ? <>{r.times} <Badge tone="info">Repeat</Badge></> : r.times) },
                { header: 'People', className: 'num', cell: (r) => r.people },
              ]}
            />
          </>
        )}
      </section>

      <section aria-labelledby="report-export-heading" className="section">
        <h2 id="report-export-heading">Download as CSV</h2>
        <p className="button-row">
          <a className="button button--secondary" href={rep.csvUrl} download>
            Representation (CSV)
          </a>
          <a className="button button--secondary" href={orgs.csvUrl} download>
            Organisation attendance rates (CSV)
          </a>
          <a className="button button--secondary" href={repeat.csvUrl} download>
            Repeat attendance (CSV)
          </a>
        </p>
      </section>
    </>
  );
}

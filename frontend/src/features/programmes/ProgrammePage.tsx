import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import { usePaginated } from '../../graphql/usePaginated';
import { Link } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { Loading, ProblemMessage } from '../../ui/Status';
import { EventListQuery } from '../events/queries';
import { eventColumns } from '../events/eventColumns';
import { pastWhere, upcomingWhere, useNow } from '../events/time-windows';
import { useCanOrganise } from '../account/viewer';
import { Badge } from '../../ui/Badge';
import { ProgrammeRoles } from './ProgrammeRoles';
import { ProgrammeFeed } from './PublicFeeds';
import { useCanMinute } from '../minutes/useCanMinute';

// The next dates of the programme's series, for the upcoming list (one
// query for all of them; a series with none in the window shows its start).
const ProgrammeQuery = graphql(`
  query Programme($id: ID!) {
    node(id: $id) {
      __typename
      ... on Programme {
        id
        name
        description
        timeZone
        public
        reportingCurrency
        feedURLs {
          url
          webcal
        }
        openActions: actions(where: { statusIn: [OPEN, IN_PROGRESS] }) {
          totalCount
        }
        commitments {
          totalCount
        }
      }
    }
  }
`);

export function ProgrammePage({ id }: { id: string }) {
  const [result, refetch] = useQuery({ query: ProgrammeQuery, variables: { id } });
  const now = useNow();
  const canOrganise = useCanOrganise(id);
  // Organisers and consultants see the programme's actions and commitments;
  // for anyone else the counts would be zeros that mean nothing.
  const canSeeWork = useCanMinute(id);

  const node = result.data?.node;
  const programme = node?.__typename === 'Programme' ? node : null;
  const columns = eventColumns();

  const upcoming = usePaginated(
    EventListQuery,
    { where: upcomingWhere(now, { programmeID: id }), orderBy: { field: 'STARTS_AT', direction: 'ASC' }, nextAfter: now },
    (d) => d.events,
    { pause: !programme },
  );
  const past = usePaginated(
    EventListQuery,
    { where: pastWhere(now, { programmeID: id }), orderBy: { field: 'STARTS_AT', direction: 'DESC' }, nextAfter: now },
    (d) => d.events,
    { pageSize: 10, pause: !programme },
  );

  if (!programme) {
    if (result.fetching || (!result.data && !result.error)) return <Loading label="Loading the programme…" />;
    return (
      <>
        <PageHeader title="Programme not found" eyebrow={<Link to="/programmes">Programmes</Link>} />
        <ProblemMessage error={result.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={programme.name}
        eyebrow={<Link to="/programmes">Programmes</Link>}
        actions={
          <>
            <Link to={`/programmes/${encodeURIComponent(programme.id)}/calendar`} className="button button--secondary">
              Calendar
            </Link>
            {canOrganise && (
              <>
                <Link to={`/programmes/${encodeURIComponent(programme.id)}/edit`} className="button button--secondary">
                  Edit programme
                </Link>
                <Link to={`/events/new?programme=${encodeURIComponent(programme.id)}`} className="button">
                  New event
                </Link>
              </>
            )}
          </>
        }
      >
        {programme.public && (
          <p className="badges badges--header">
            <Badge tone="info">Public calendar</Badge>
          </p>
        )}
        {programme.description && <p className="lead">{programme.description}</p>}
      </PageHeader>

      <dl className="facts">
        <div>
          <dt>Time zone</dt>
          <dd>{programme.timeZone}</dd>
        </div>
        {canSeeWork && (
          <>
            <div>
              <dt>Open actions</dt>
              <dd>
                <Link to={`/actions?programme=${encodeURIComponent(programme.id)}`}>{programme.openActions.totalCount}</Link>
              </dd>
            </div>
            <div>
              <dt>Commitments</dt>
              <dd>
                <Link to={`/commitments?programme=${encodeURIComponent(programme.id)}`}>{programme.commitments.totalCount}</Link>
              </dd>
            </div>
          </>
        )}
      </dl>

      <section aria-labelledby="upcoming-heading" className="section">
        <h2 id="upcoming-heading">Upcoming events</h2>
        <PaginatedTable
          page={upcoming}
          caption={`Upcoming events in ${programme.name}`}
          noun="events"
          rowKey={(e) => e.id}
          columns={columns}
          rowClassName={(e) => (e.status === 'CANCELLED' ? 'row--muted' : undefined)}
          empty={{
            title: 'Nothing scheduled.',
            body: canOrganise ? (
              <p>
                <Link to={`/events/new?programme=${encodeURIComponent(programme.id)}`}>Schedule a forum or workshop</Link>.
              </p>
            ) : undefined,
          }}
        />
      </section>

      <section aria-labelledby="past-heading" className="section">
        <h2 id="past-heading">Past events</h2>
        <PaginatedTable
          page={past}
          caption={`Past events in ${programme.name}`}
          noun="past events"
          rowKey={(e) => e.id}
          columns={columns}
          empty={{ title: 'No past events yet.' }}
        />
      </section>

      <ProgrammeRoles programmeId={programme.id} programmeName={programme.name} canManage={canOrganise} />

      {programme.feedURLs && <ProgrammeFeed name={programme.name} urls={programme.feedURLs} />}
    </>
  );
}

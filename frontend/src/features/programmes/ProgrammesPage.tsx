import { graphql } from '../../graphql/gen';
import { usePaginated } from '../../graphql/usePaginated';
import { Link } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { Badge } from '../../ui/Badge';
import { useViewer } from '../account/viewer';

const ProgrammesQuery = graphql(`
  query Programmes($first: Int, $after: Cursor) {
    programmes(first: $first, after: $after, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          description
          timeZone
          public
          events {
            totalCount
          }
          openActions: actions(where: { statusIn: [OPEN, IN_PROGRESS] }) {
            totalCount
          }
        }
      }
    }
  }
`);

export function ProgrammesPage() {
  const page = usePaginated(ProgrammesQuery, {}, (d) => d.programmes);
  const viewer = useViewer();
  // Administrators set programmes up (and then name their organisers).
  const canCreate = viewer.status === 'signed-in' && viewer.viewer.isAdmin;
  return (
    <>
      <PageHeader
        title="Programmes"
        actions={
          canCreate && (
            <Link to="/programmes/new" className="button">
              New programme
            </Link>
          )
        }
      >
        <p className="lead">Streams of partnership work, each with its forums, workshops, actions and commitments.</p>
      </PageHeader>
      <PaginatedTable
        page={page}
        caption="Programmes"
        noun="programmes"
        rowKey={(p) => p.id}
        empty={{
          title: 'No programmes yet.',
          body: canCreate ? (
            <p>
              <Link to="/programmes/new">Set up the first programme</Link>.
            </p>
          ) : (
            <p>An administrator creates programmes; ask yours to set one up.</p>
          ),
        }}
        columns={[
          {
            header: 'Programme',
            cell: (p) => (
              <>
                <Link to={`/programmes/${encodeURIComponent(p.id)}`} className="strong-link">
                  {p.name}
                </Link>
                {p.public && (
                  <span className="badges">
                    <Badge tone="info">Public calendar</Badge>
                  </span>
                )}
                {p.description && <p className="cell-note">{p.description}</p>}
              </>
            ),
          },
          { header: 'Time zone', cell: (p) => p.timeZone },
          { header: 'Events', className: 'num', cell: (p) => p.events.totalCount },
          { header: 'Open actions', className: 'num', cell: (p) => p.openActions.totalCount },
        ]}
      />
    </>
  );
}

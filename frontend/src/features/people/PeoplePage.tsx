import { graphql } from '../../graphql/gen';
import type { PersonWhereInput } from '../../graphql/gen/graphql';
import { nodesOf, usePaginated } from '../../graphql/usePaginated';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { FilterBar, SearchFilter, SelectFilter } from '../../ui/filters';
import { STAKEHOLDER_GROUP, enumValue, optionsOf } from '../../lib/labels';
import { useDebounced } from '../../lib/useDebounced';
import { useCanOrganise } from '../account/viewer';

const PeopleQuery = graphql(`
  query People($first: Int, $after: Cursor, $where: PersonWhereInput) {
    people(first: $first, after: $after, where: $where, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          email
          stakeholderGroup
          accessNeeds
          memberships(first: 3) {
            totalCount
            edges {
              node {
                id
                jobTitle
                organisation {
                  id
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`);

export function PeoplePage() {
  const canOrganise = useCanOrganise();
  const [groupParam, setGroup] = useSearchParam('group');
  const [q, setQ] = useSearchParam('q');
  const group = enumValue(STAKEHOLDER_GROUP, groupParam);
  const search = useDebounced(q.trim(), 250);

  const where: PersonWhereInput = {};
  if (search) where.nameContainsFold = search;
  // The API keeps stakeholder group out of `where` (it is sensitive), so
  // the group filter runs here over the people loaded so far, in big pages.
  const page = usePaginated(PeopleQuery, { where }, (d) => d.people, { pageSize: group ? 100 : 25 });
  const clientFilter = group
    ? { keep: (p: { stakeholderGroup?: string | null }) => p.stakeholderGroup === group, description: `in the group “${STAKEHOLDER_GROUP[group]}”` }
    : undefined;

  return (
    <>
      <PageHeader
        title="People"
        actions={
          canOrganise && (
            <Link to="/people/new" className="button">
              New person
            </Link>
          )
        }
      >
        <p className="lead">Service users with lived experience, frontline staff, managers, commissioners and consultants.</p>
      </PageHeader>
      <FilterBar label="Filter people">
        <SearchFilter name="q" label="Name contains" value={q} onChange={setQ} />
        <SelectFilter
          name="group"
          label="Stakeholder group"
          value={group ?? ''}
          onChange={setGroup}
          options={optionsOf(STAKEHOLDER_GROUP)}
          allLabel="All groups"
        />
      </FilterBar>
      <PaginatedTable
        page={page}
        caption="People"
        noun="people"
        rowKey={(p) => p.id}
        clientFilter={clientFilter}
        empty={{
          title: group || search ? 'Nobody matches these filters.' : 'No people yet.',
          body: group || search ? <p>Try another group, or clear the filters.</p> : <p><Link to="/people/new">Add the first person</Link>.</p>,
        }}
        columns={[
          { header: 'Name', cell: (p) => <Link to={`/people/${encodeURIComponent(p.id)}/edit`}>{p.name}</Link> },
          { header: 'Stakeholder group', cell: (p) => (p.stakeholderGroup ? STAKEHOLDER_GROUP[p.stakeholderGroup] : <span className="muted">Not shown</span>) },
          {
            header: 'Organisations',
            cell: (p) => {
              const ms = nodesOf(p.memberships);
              if (ms.length === 0) return '—';
              const more = p.memberships.totalCount - ms.length;
              return (
                <ul className="plain-list">
                  {ms.map((m) => (
                    <li key={m.id}>
                      {m.organisation.name}
                      {m.jobTitle && <span className="muted"> · {m.jobTitle}</span>}
                    </li>
                  ))}
                  {more > 0 && <li className="muted">and {more} more</li>}
                </ul>
              );
            },
          },
          { header: 'Email', cell: (p) => (p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : '—') },
          { header: 'Access needs', cell: (p) => p.accessNeeds || '—' },
        ]}
      />
    </>
  );
}

import { graphql } from '../../graphql/gen';
import type { OrganisationWhereInput } from '../../graphql/gen/graphql';
import { usePaginated } from '../../graphql/usePaginated';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { FilterBar, SearchFilter, SelectFilter } from '../../ui/filters';
import { SECTOR, enumValue, optionsOf } from '../../lib/labels';
import { useDebounced } from '../../lib/useDebounced';
import { useCanOrganise } from '../account/viewer';

const OrganisationsQuery = graphql(`
  query Organisations($first: Int, $after: Cursor, $where: OrganisationWhereInput) {
    organisations(first: $first, after: $after, where: $where, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          sector
          contactName
          contactEmail
          website
          memberships {
            totalCount
          }
        }
      }
    }
  }
`);

export function OrganisationsPage() {
  const canOrganise = useCanOrganise();
  const [sectorParam, setSector] = useSearchParam('sector');
  const [q, setQ] = useSearchParam('q');
  const sector = enumValue(SECTOR, sectorParam);
  const search = useDebounced(q.trim(), 250);

  const where: OrganisationWhereInput = {};
  if (sector) where.sector = sector;
  if (search) where.nameContainsFold = search;
  const page = usePaginated(OrganisationsQuery, { where }, (d) => d.organisations);

  return (
    <>
      <PageHeader
        title="Organisations"
        actions={
          canOrganise && (
            <Link to="/organisations/new" className="button">
              New organisation
            </Link>
          )
        }
      >
        <p className="lead">Every agency in the partnership, from peer networks to funders.</p>
      </PageHeader>
      <FilterBar label="Filter organisations">
        <SearchFilter name="q" label="Name contains" value={q} onChange={setQ} />
        <SelectFilter name="sector" label="Sector" value={sector ?? ''} onChange={setSector} options={optionsOf(SECTOR)} allLabel="All sectors" />
      </FilterBar>
      <PaginatedTable
        page={page}
        caption="Organisations"
        noun="organisations"
        rowKey={(o) => o.id}
        empty={{
          title: sector || search ? 'No organisations match these filters.' : 'No organisations yet.',
          body:
            sector || search ? (
              <p>Try another sector, or clear the filters.</p>
            ) : (
              <p>
                <Link to="/organisations/new">Add the first organisation</Link>.
              </p>
            ),
        }}
        columns={[
          {
            header: 'Name',
            cell: (o) => <Link to={`/organisations/${encodeURIComponent(o.id)}/edit`}>{o.name}</Link>,
          },
          { header: 'Sector', cell: (o) => SECTOR[o.sector] },
          {
            header: 'Contact',
            cell: (o) =>
              o.contactEmail ? (
                <a href={`mailto:${o.contactEmail}`}>{o.contactName || o.contactEmail}</a>
              ) : (
                o.contactName ?? '—'
              ),
          },
          { header: 'People', className: 'num', cell: (o) => o.memberships.totalCount },
        ]}
      />
    </>
  );
}

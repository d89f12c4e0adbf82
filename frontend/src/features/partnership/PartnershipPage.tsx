// The partnership map (/partnerships?programme=…&from=…&to=…&org=…): which
// organisations commit to which, and who shares actions, drawn as a network
// with a table of the same links. The route is loaded lazily, and the
// drawing library with it.
import { Suspense, lazy, useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import { nodesOf } from '../../graphql/usePaginated';
import { useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { StaffOnly } from '../../ui/StaffOnly';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { DataTable } from '../../ui/DataTable';
import { SECTOR } from '../../lib/labels';
import { SECTOR_COLOUR, edgeRows, graphElements, periodFilter, sectorsPresent } from './network';

const NetworkGraph = lazy(() => import('./NetworkGraph'));

const NetworkProgrammesDocument = graphql(`
  query NetworkProgrammes {
    programmes(first: 50, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const PartnershipNetworkDocument = graphql(`
  query PartnershipNetwork($filter: NetworkFilter) {
    partnershipNetwork(filter: $filter) {
      nodes {
        organisation {
          id
          name
          sector
        }
        commitments
        actions
      }
      edges {
        from
        to
        kind
        weight
      }
    }
  }
`);

export default function PartnershipPage() {
  return (
    <StaffOnly title="Partnership map">
      <Partnerships />
    </StaffOnly>
  );
}

function Partnerships() {
  const [programme, setProgramme] = useSearchParam('programme');
  const [from, setFrom] = useSearchParam('from');
  const [to, setTo] = useSearchParam('to');
  const [programmes] = useQuery({ query: NetworkProgrammesDocument });
  const list = nodesOf(programmes.data?.programmes);
  const period = periodFilter(from, to);

  return (
    <>
      <PageHeader title="Partnership map">
        <p className="lead">Which organisations commit to which, and who shares actions. Choose an organisation to see its links.</p>
      </PageHeader>
      <form className="filter-bar" aria-label="Filter the map" onSubmit={(e) => e.preventDefault()}>
        <div className="filter">
          <label className="filter__label" htmlFor="network-programme">
            Programme
          </label>
          <select id="network-programme" className="input select" value={programme} onChange={(e) => setProgramme(e.target.value)} disabled={!programmes.data}>
            <option value="">All programmes</option>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label className="filter__label" htmlFor="network-from">
            From
          </label>
          <input id="network-from" type="date" className="input" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} aria-describedby="network-period-hint" />
        </div>
        <div className="filter">
          <label className="filter__label" htmlFor="network-to">
            To
          </label>
          <input id="network-to" type="date" className="input" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} aria-describedby="network-period-hint" />
        </div>
        {(from || to) && (
          <div className="filter">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setFrom('');
                setTo('');
              }}
            >
              Any time
            </button>
          </div>
        )}
      </form>
      <p id="network-period-hint" className="muted small">
        The period keeps commitments running at some point in it and actions due in it. Leave both dates empty for any time.
      </p>
      {period.ok ? (
        <Network key={`${programme}|${period.from ?? ''}|${period.to ?? ''}`} programmeID={programme} from={period.from} to={period.to} />
      ) : (
        <div className="problem" role="alert">
          <p className="problem__title">{period.message}</p>
        </div>
      )}
    </>
  );
}

export function Network({ programmeID, from, to }: { programmeID: string; from?: string; to?: string }) {
  const filter = useMemo(() => ({ ...(programmeID ? { programmeID } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }), [programmeID, from, to]);
  const [result, refetch] = useQuery({ query: PartnershipNetworkDocument, variables: { filter } });
  const [focus, setFocus] = useSearchParam('org');
  const net = result.data?.partnershipNetwork;
  const elements = useMemo(() => (net ? graphElements(net.nodes, net.edges) : []), [net]);
  const rows = useMemo(() => (net ? edgeRows(net.nodes, net.edges, focus || undefined) : []), [net, focus]);

  if (!net) {
    if (result.error) return <ProblemMessage error={result.error} context="Could not load the partnership network." onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
    return <Loading label="Loading the partnership network…" />;
  }
  if (net.nodes.length === 0) {
    return (
      <EmptyState title="No partnerships in this period.">
        <p>Record commitments between organisations, or link actions to commitments, and they appear here. Try a longer period or all programmes.</p>
      </EmptyState>
    );
  }
  const orgs = [...net.nodes].sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
  const focused = orgs.find((n) => n.organisation.id === focus);
  const commitments = net.edges.filter((e) => e.kind === 'COMMITMENT').reduce((s, e) => s + e.weight, 0);
  const shared = net.edges.filter((e) => e.kind === 'SHARED_ACTION').reduce((s, e) => s + e.weight, 0);
  const summary = `${orgs.length} organisation${orgs.length === 1 ? '' : 's'}, ${commitments} commitment${commitments === 1 ? '' : 's'} and ${shared} shared action${shared === 1 ? '' : 's'} between them`;

  return (
    <>
      <div className="filter-bar">
        <div className="filter">
          <label className="filter__label" htmlFor="network-focus">
            Organisation
          </label>
          <select id="network-focus" className="input select" value={focused ? focus : ''} onChange={(e) => setFocus(e.target.value)}>
            <option value="">All organisations</option>
            {orgs.map((n) => (
              <option key={n.organisation.id} value={n.organisation.id}>
                {n.organisation.name}
              </option>
            ))}
          </select>
        </div>
      </div>

      <section aria-labelledby="map-heading" className="section card">
        <h2 id="map-heading">Network</h2>
        <p>{summary}.</p>
        <figure className="chart" aria-describedby="map-caption">
          <Suspense fallback={<Loading label="Drawing the map…" />}>
            <NetworkGraph
              elements={elements}
              focus={focused ? focus : ''}
              onSelect={setFocus}
              label={`Network map of ${summary}${focused ? `, highlighting ${focused.organisation.name}` : ''}. The same links are in the table below.`}
            />
          </Suspense>
          <figcaption id="map-caption" className="muted small">
            Solid arrows: commitments, from the organisation committing to the beneficiary. Dashed lines: shared actions, from the owner of the actions to the organisation whose commitment they serve. Thicker lines mean more links. Drag to pan, scroll or pinch to zoom, tap an organisation to highlight it.
          </figcaption>
        </figure>
        <ul className="legend" aria-label="Sectors">
          {sectorsPresent(net.nodes).map((s) => (
            <li key={s}>
              <span className="legend__swatch" style={{ background: SECTOR_COLOUR[s] }} aria-hidden="true" />
              {SECTOR[s]}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="links-heading" className="section">
        <h2 id="links-heading">{focused ? `Links of ${focused.organisation.name}` : 'Links'}</h2>
        {rows.length === 0 ? (
          <EmptyState title={focused ? `${focused.organisation.name} has no links in this period.` : 'No links in this period.'} />
        ) : (
          <DataTable
            caption={focused ? `Links of ${focused.organisation.name}, heaviest first` : 'Links between organisations, heaviest first'}
            rows={rows}
            rowKey={(r) => r.key}
            columns={[
              { header: 'From', cell: (r) => <>{r.from} <span className="muted small">({r.fromSector})</span></> },
              { header: 'Link', cell: (r) => r.kind },
              { header: 'To', cell: (r) => <>{r.to} <span className="muted small">({r.toSector})</span></> },
              { header: 'Weight', className: 'num', cell: (r) => r.weight },
            ]}
          />
        )}
      </section>
    </>
  );
}

import { graphql } from '../../graphql/gen';
import type { CommitmentWhereInput } from '../../graphql/gen/graphql';
import { usePaginated } from '../../graphql/usePaginated';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { Badge } from '../../ui/Badge';
import { FilterBar, SelectFilter } from '../../ui/filters';
import { COMMITMENT_KIND, COMMITMENT_STATUS, COMMITMENT_STATUS_TONE, HOURS_PERIOD, enumValue, optionsOf } from '../../lib/labels';
import { formatMoney, formatQuantity, totalsByCurrency } from '../../lib/money';
import { formatDate } from '../../lib/time';
import { useNow } from '../events/time-windows';
import { daysLeft, endsInText, isEndingSoon } from './expiry';
import { ledgerCsvQuery } from './ledgerCsv';


const CommitmentsQuery = graphql(`
  query Commitments($first: Int, $after: Cursor, $where: CommitmentWhereInput) {
    commitments(first: $first, after: $after, where: $where, orderBy: { field: STARTS_ON, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          kind
          status
          amount
          currency
          hours
          hoursPeriod
          startsOn
          endsOn
          reviewOn
          programme {
            id
            name
            timeZone
          }
          organisation {
            id
            name
          }
          beneficiary {
            id
            name
          }
        }
      }
    }
  }
`);

export function CommitmentsPage() {
  const now = new Date(useNow());
  const [statusParam, setStatus] = useSearchParam('status');
  const [kindParam, setKind] = useSearchParam('kind');
  const [programme] = useSearchParam('programme');
  const status = enumValue(COMMITMENT_STATUS, statusParam);
  const kind = enumValue(COMMITMENT_KIND, kindParam);
  const where: CommitmentWhereInput = {};
  if (status) where.status = status;
  if (kind) where.kind = kind;
  if (programme) where.programmeID = programme;
  const page = usePaginated(CommitmentsQuery, { where }, (d) => d.commitments);
  // Only agreed or delivered pledges are money the partnership can count
  // on; proposals are totalled apart; lapsed and withdrawn ones not at all.
  const committed = totalsByCurrency(page.nodes.filter((c) => c.status === 'AGREED' || c.status === 'DELIVERED'));
  const proposed = totalsByCurrency(page.nodes.filter((c) => c.status === 'PROPOSED'));

  return (
    <>
      <PageHeader
        title="Commitments"
        actions={
          <>
            <Link to={programme ? `/commitments/new?programme=${encodeURIComponent(programme)}` : '/commitments/new'} className="button">
              New commitment
            </Link>
            <a className="button button--secondary" href={`/export/commitments.csv${ledgerCsvQuery({ programme, kind, status })}`} download>
              Download as CSV
            </a>
          </>
        }
      >
        <p className="lead">
          What each organisation has pledged to the partnership: funding, staff time, referral pathways and more. Agreed commitments ending within 90
          days are marked.
        </p>
      </PageHeader>
      <FilterBar label="Filter commitments">
        <SelectFilter name="kind" label="Kind" value={kind ?? ''} onChange={setKind} options={optionsOf(COMMITMENT_KIND)} allLabel="All kinds" />
        <SelectFilter name="status" label="Status" value={status ?? ''} onChange={setStatus} options={optionsOf(COMMITMENT_STATUS)} allLabel="All statuses" />
      </FilterBar>
      {programme && (
        <p>
          Showing one programme’s commitments. <Link to="/commitments">Show every programme</Link>
        </p>
      )}
      <PaginatedTable
        page={page}
        caption="Commitments"
        noun="commitments"
        rowKey={(c) => c.id}
        empty={{ title: status || kind ? 'No commitments match these filters.' : 'No commitments recorded yet.' }}
        columns={[
          {
            header: 'Commitment',
            cell: (c) => (
              <>
                <Link to={`/commitments/${encodeURIComponent(c.id)}`} className="strong-link">
                  {c.title}
                </Link>
                <span className="cell-note">{COMMITMENT_KIND[c.kind]}</span>
              </>
            ),
          },
          {
            header: 'From → to',
            cell: (c) => (
              <>
                {c.organisation.name}
                {c.beneficiary && (
                  <>
                    {' '}
                    <span aria-hidden="true">→</span>
                    <span className="visually-hidden">to</span> {c.beneficiary.name}
                  </>
                )}
              </>
            ),
          },
          {
            header: 'Amount',
            className: 'num',
            cell: (c) =>
              c.amount ? (
                formatMoney(c.amount, c.currency)
              ) : c.hours ? (
                `${formatQuantity(c.hours)} hours${c.hoursPeriod ? ` ${HOURS_PERIOD[c.hoursPeriod]}` : ''}`
              ) : (
                <span className="muted">—</span>
              ),
          },
          {
            header: 'Period',
            className: 'nowrap-md',
            cell: (c) => (
              <>
                {formatDate(c.startsOn, c.programme.timeZone)} – {c.endsOn ? formatDate(c.endsOn, c.programme.timeZone) : 'open-ended'}
                {isEndingSoon(c, now) && (
                  <span className="block">
                    <Badge tone="warning">{endsInText(daysLeft(c.endsOn!, now))}</Badge>
                  </span>
                )}
              </>
            ),
          },
          { header: 'Status', cell: (c) => <Badge tone={COMMITMENT_STATUS_TONE[c.status]}>{COMMITMENT_STATUS[c.status]}</Badge> },
          { header: 'Review', className: 'nowrap-md', cell: (c) => (c.reviewOn ? formatDate(c.reviewOn, c.programme.timeZone) : '—') },
        ]}
        footer={
          (committed.length > 0 || proposed.length > 0) && (
            <dl className="totals">
              {committed.length > 0 && (
                <div>
                  <dt>Agreed or delivered</dt>
                  <dd>
                    <MoneyList totals={committed} />
                  </dd>
                </div>
              )}
              {proposed.length > 0 && (
                <div>
                  <dt>Proposed</dt>
                  <dd>
                    <MoneyList totals={proposed} />
                  </dd>
                </div>
              )}
            </dl>
          )
        }
      />
    </>
  );
}

function MoneyList({ totals }: { totals: Array<{ currency: string; total: string; count: number }> }) {
  return (
    <>
      {totals.map((t, i) => (
        <span key={t.currency}>
          {i > 0 && ' + '}
          <strong>{formatMoney(t.total, t.currency)}</strong>
          <span className="muted">
            {' '}
            ({t.count} {t.count === 1 ? 'commitment' : 'commitments'})
          </span>
        </span>
      ))}
    </>
  );
}

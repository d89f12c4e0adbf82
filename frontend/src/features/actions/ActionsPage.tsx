import { graphql } from '../../graphql/gen';
import type { ActionWhereInput } from '../../graphql/gen/graphql';
import { usePaginated } from '../../graphql/usePaginated';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { Badge } from '../../ui/Badge';
import { FilterBar, SelectFilter } from '../../ui/filters';
import { ACTION_STATUS, ACTION_STATUS_TONE, enumValue, optionsOf } from '../../lib/labels';
import { formatDate, isoDateTimeAttr } from '../../lib/time';
import { useNow } from '../events/time-windows';
import { isOverdue, overdueWhere } from './overdue';

const ActionsQuery = graphql(`
  query Actions($first: Int, $after: Cursor, $where: ActionWhereInput) {
    actions(first: $first, after: $after, where: $where, orderBy: { field: DUE_DATE, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          status
          progress
          dueDate
          programme {
            id
            name
            timeZone
          }
          event {
            id
            title
          }
          ownerPerson {
            id
            name
          }
          ownerOrganisation {
            id
            name
          }
        }
      }
    }
  }
`);

const STATUS_OPTIONS = [{ value: 'OVERDUE', label: 'Overdue' }, ...optionsOf(ACTION_STATUS)];

export function ActionsPage() {
  const now = useNow();
  const [statusParam, setStatus] = useSearchParam('status');
  const [programme] = useSearchParam('programme');
  const overdueOnly = statusParam === 'OVERDUE';
  const status = enumValue(ACTION_STATUS, statusParam);

  let where: ActionWhereInput = overdueOnly ? overdueWhere(now) : status ? { status } : {};
  if (programme) where = { ...where, programmeID: programme };
  const page = usePaginated(ActionsQuery, { where }, (d) => d.actions);
  const nowDate = new Date(now);

  return (
    <>
      <PageHeader title="Actions">
        <p className="lead">What was agreed at forums and workshops, who owns it and when it is due. Overdue actions are marked.</p>
      </PageHeader>
      <FilterBar label="Filter actions">
        <SelectFilter name="status" label="Status" value={overdueOnly ? 'OVERDUE' : (status ?? '')} onChange={setStatus} options={STATUS_OPTIONS} allLabel="All actions" />
      </FilterBar>
      {programme && (
        <p>
          Showing one programme’s actions. <Link to="/actions">Show every programme</Link>
        </p>
      )}
      <PaginatedTable
        page={page}
        caption="Actions"
        noun="actions"
        rowKey={(a) => a.id}
        rowClassName={(a) => (isOverdue(a, nowDate) ? 'row--overdue' : undefined)}
        empty={{
          title: overdueOnly ? 'Nothing is overdue.' : status ? `No actions are “${ACTION_STATUS[status]}”.` : 'No actions recorded yet.',
        }}
        columns={[
          {
            header: 'Action',
            cell: (a) => (
              <>
                <span className="strong">{a.title}</span>
                <span className="cell-note">
                  {a.event ? (
                    <>
                      From <Link to={`/events/${encodeURIComponent(a.event.id)}`}>{a.event.title}</Link>
                    </>
                  ) : (
                    <Link to={`/programmes/${encodeURIComponent(a.programme.id)}`}>{a.programme.name}</Link>
                  )}
                </span>
              </>
            ),
          },
          {
            header: 'Owner',
            cell: (a) => [a.ownerPerson?.name, a.ownerOrganisation?.name].filter(Boolean).join(', ') || <span className="muted">Nobody yet</span>,
          },
          {
            header: 'Due',
            className: 'nowrap-md',
            cell: (a) =>
              a.dueDate ? (
                <>
                  <time dateTime={isoDateTimeAttr(a.dueDate)}>{formatDate(a.dueDate, a.programme.timeZone)}</time>
                  {isOverdue(a, nowDate) && (
                    <span className="badges">
                      <Badge tone="danger">Overdue</Badge>
                    </span>
                  )}
                </>
              ) : (
                <span className="muted">No date</span>
              ),
          },
          {
            header: 'Status',
            cell: (a) => (
              <>
                <Badge tone={ACTION_STATUS_TONE[a.status]}>{ACTION_STATUS[a.status]}</Badge>
                {a.status === 'IN_PROGRESS' && <span className="muted"> {a.progress}%</span>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

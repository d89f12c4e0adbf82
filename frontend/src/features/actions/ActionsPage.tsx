import { graphql } from '../../graphql/gen';
import { usePaginated } from '../../graphql/usePaginated';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { Badge } from '../../ui/Badge';
import { FilterBar, SelectFilter } from '../../ui/filters';
import { EntityPicker } from '../../ui/EntityPicker';
import { ACTION_STATUS, ACTION_STATUS_TONE, enumValue, optionsOf } from '../../lib/labels';
import { formatDate, isoDateTimeAttr } from '../../lib/time';
import { useNow } from '../events/time-windows';
import { boardFilter, csvQuery, DUE_WINDOWS } from './boardFilter';

const ActionBoardQuery = graphql(`
  query ActionBoard($first: Int, $after: Cursor, $filter: ActionBoardFilter) {
    actionBoard(first: $first, after: $after, filter: $filter, orderBy: { field: DUE_DATE, direction: ASC }) {
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
          overdue
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
  const [organisation, setOrganisation] = useSearchParam('organisation');
  const [owner, setOwner] = useSearchParam('owner');
  const [due, setDue] = useSearchParam('due');
  const overdueOnly = statusParam === 'OVERDUE';
  const status = enumValue(ACTION_STATUS, statusParam);
  const filter = boardFilter({ programme, organisation, owner, status: statusParam, due }, Date.parse(now));
  const page = usePaginated(ActionBoardQuery, { filter }, (d) => d.actionBoard);
  const filtered = Boolean(organisation || owner || due || status || overdueOnly);

  return (
    <>
      <PageHeader
        title="Actions"
        actions={
          <a className="button button--secondary" href={`/export/actions.csv${csvQuery(filter)}`} download>
            Download as CSV
          </a>
        }
      >
        <p className="lead">What was agreed at forums and workshops, who owns it and when it is due. Overdue actions are marked.</p>
      </PageHeader>
      <FilterBar label="Filter actions">
        <SelectFilter name="status" label="Status" value={overdueOnly ? 'OVERDUE' : (status ?? '')} onChange={setStatus} options={STATUS_OPTIONS} allLabel="All actions" />
        <EntityPicker kind="organisation" variant="filter" name="organisation" label="Organisation" placeholder="Any organisation" value={organisation} onChange={(id) => setOrganisation(id)} />
        <EntityPicker kind="person" variant="filter" name="owner" label="Owner" placeholder="Anyone" value={owner} onChange={(id) => setOwner(id)} />
        <SelectFilter name="due" label="Due" value={due} onChange={setDue} options={Object.entries(DUE_WINDOWS).map(([value, w]) => ({ value, label: w.label }))} allLabel="Any time" />
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
        rowClassName={(a) => (a.overdue ? 'row--overdue' : undefined)}
        empty={{
          title: overdueOnly ? 'Nothing is overdue.' : filtered ? 'No actions match these filters.' : 'No actions recorded yet.',
          body: filtered ? <p>Change or clear the filters above.</p> : undefined,
        }}
        columns={[
          {
            header: 'Action',
            cell: (a) => (
              <>
                <Link to={`/actions/${encodeURIComponent(a.id)}`} className="strong-link">
                  {a.title}
                </Link>
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
                  {a.overdue && (
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

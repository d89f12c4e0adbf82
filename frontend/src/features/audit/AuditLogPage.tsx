// The audit log (/audit): who changed what, when, newest first, with
// filters in the address bar (entity type, programme, who, date range).
// Each entry names its record (AuditEntry.subject, read in one batch by
// the server) and links to its page.
// The server's privacy rules decide which entries each viewer sees: admins
// everything, organisers their programmes' changes, consultants the
// ledger (actions and commitments) of theirs.
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import { nodesOf, usePaginated } from '../../graphql/usePaginated';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { FilterBar, SelectFilter } from '../../ui/filters';
import { EntityPicker } from '../../ui/EntityPicker';
import { StaffOnly } from '../../ui/StaffOnly';
import { formatDateTime, isoDateTimeAttr, viewerTimeZone } from '../../lib/time';
import { ENTITY_TYPES, OPERATIONS, auditWhere, changeLines, rangeBackwards, subjectLink } from './auditFilter';

const AuditLogQuery = graphql(`
  query AuditLog($first: Int, $after: Cursor, $where: AuditEntryWhereInput) {
    auditLog(first: $first, after: $after, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          createdAt
          actorID
          operation
          entityType
          entityID
          programmeID
          changes
          requestID
          subject {
            __typename
            id
            ... on Event {
              title
            }
            ... on Programme {
              name
            }
            ... on Person {
              name
            }
            ... on Organisation {
              name
            }
            ... on Action {
              title
            }
            ... on Commitment {
              title
            }
            ... on ActionUpdate {
              action {
                id
                title
              }
            }
            ... on Invitation {
              event {
                id
                title
              }
              person {
                id
                name
              }
            }
            ... on Attendance {
              event {
                id
                title
              }
              person {
                id
                name
              }
            }
            ... on Minutes {
              occurrenceStart
              event {
                id
                title
              }
            }
            ... on OccurrenceOverride {
              event {
                id
                title
              }
            }
            ... on Membership {
              person {
                id
                name
              }
              organisation {
                id
                name
              }
            }
            ... on ProgrammeRole {
              person {
                id
                name
              }
              programme {
                id
                name
              }
            }
            ... on APIToken {
              name
            }
            ... on FeedToken {
              name
            }
          }
        }
      }
    }
  }
`);

const AuditProgrammesQuery = graphql(`
  query AuditProgrammes {
    programmes(first: 100, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** Names of the people who made the changes on screen, in one request. */
const AuditActorsQuery = graphql(`
  query AuditActors($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Person {
        id
        name
      }
    }
  }
`);

/** Changed fields listed before "N more fields". */
const SHOWN_CHANGES = 3;

export function AuditLogPage() {
  return (
    <StaffOnly title="Audit log" what="The audit log is for admins and organisers.">
      <AuditLog />
    </StaffOnly>
  );
}

function AuditLog() {
  const [type, setType] = useSearchParam('type');
  const [programme, setProgramme] = useSearchParam('programme');
  const [who, setWho] = useSearchParam('who');
  const [from, setFrom] = useSearchParam('from');
  const [to, setTo] = useSearchParam('to');
  const zone = viewerTimeZone();
  const backwards = rangeBackwards({ from, to });
  const where = auditWhere({ type, programme, who, from, to }, zone);
  const page = usePaginated(AuditLogQuery, { where }, (d) => d.auditLog, { pause: backwards });
  const filtered = Boolean(type || programme || who || from || to);

  const [programmes] = useQuery({ query: AuditProgrammesQuery });
  const programmeList = nodesOf(programmes.data?.programmes);
  const programmeName = useMemo(() => new Map(programmeList.map((p) => [p.id, p.name])), [programmeList]);

  // Who made each change: the people on the loaded pages, looked up together.
  const actorIds = useMemo(() => [...new Set(page.nodes.map((e) => e.actorID).filter((id): id is number => id != null))].map(String).sort(), [page.nodes]);
  const [actors] = useQuery({ query: AuditActorsQuery, variables: { ids: actorIds }, pause: actorIds.length === 0 });
  const actorName = useMemo(() => {
    const m = new Map<string, string>();
    for (const n of actors.data?.nodes ?? []) if (n?.__typename === 'Person') m.set(n.id, n.name);
    return m;
  }, [actors.data]);

  return (
    <>
      <PageHeader title="Audit log">
        <p className="lead">Every change to the partnership’s records: who made it, when, and what changed. Newest first.</p>
      </PageHeader>
      <FilterBar label="Filter the audit log">
        <SelectFilter
          name="type"
          label="Record type"
          value={ENTITY_TYPES[type] ? type : ''}
          onChange={setType}
          options={Object.entries(ENTITY_TYPES)
            .map(([value, label]) => ({ value, label }))
            .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'))}
          allLabel="All records"
        />
        <SelectFilter
          name="programme"
          label="Programme"
          value={programme}
          onChange={setProgramme}
          options={programmeList.map((p) => ({ value: p.id, label: p.name }))}
          allLabel="Any programme"
        />
        <EntityPicker kind="person" variant="filter" name="who" label="Changed by" placeholder="Anyone" value={who} onChange={(id) => setWho(id)} />
        <DateFilter name="from" label="From" value={from} onChange={setFrom} />
        <DateFilter name="to" label="To" value={to} onChange={setTo} />
      </FilterBar>
      {backwards ? (
        <p className="notice notice--danger" role="alert">
          The “To” date is before the “From” date. Change one of them.
        </p>
      ) : (
        <PaginatedTable
          page={page}
          caption="Audit log"
          noun="entries"
          rowKey={(e) => e.id}
          empty={{
            title: filtered ? 'No changes match these filters.' : 'No changes recorded that you can see.',
            body: filtered ? <p>Change or clear the filters above.</p> : undefined,
          }}
          columns={[
            {
              header: 'When',
              className: 'nowrap-md',
              cell: (e) => <time dateTime={isoDateTimeAttr(e.createdAt)}>{formatDateTime(e.createdAt, zone)}</time>,
            },
            {
              header: 'Who',
              cell: (e) =>
                e.actorID == null ? (
                  <span className="muted">The system</span>
                ) : (
                  actorName.get(String(e.actorID)) ?? <span className="muted">Person {e.actorID}</span>
                ),
            },
            {
              header: 'What',
              cell: (e) => {
                const type = ENTITY_TYPES[e.entityType] ?? e.entityType;
                const subject = e.subject ? subjectLink(e.subject) : null;
                return (
                  <>
                    <span className="strong">{OPERATIONS[e.operation] ?? e.operation}</span>{' '}
                    {subject ? (
                      <>
                        {type}: {subject.path ? <Link to={subject.path}>{subject.name}</Link> : subject.name}
                      </>
                    ) : (
                      // Deleted, erased, or outside what this viewer may see: the server does not say which.
                      <>
                        {type} {e.entityID}{' '}
                        <span className="muted">{e.operation === 'DELETE' ? '(removed)' : '(removed, or not visible to you)'}</span>
                      </>
                    )}
                    {e.programmeID != null && (
                      <span className="cell-note">{programmeName.get(String(e.programmeID)) ?? `Programme ${e.programmeID}`}</span>
                    )}
                  </>
                );
              },
            },
            {
              header: 'Changes',
              cell: (e) => {
                const lines = changeLines(e.changes);
                if (lines.length === 0) return <span className="muted">—</span>;
                const list = (ls: typeof lines) => (
                  <ul className="plain-list small">
                    {ls.map((l) => (
                      <li key={l.field}>{l.text}</li>
                    ))}
                  </ul>
                );
                if (lines.length <= SHOWN_CHANGES + 1) return list(lines);
                // Creates record every field: the first few, the rest on request.
                return (
                  <>
                    {list(lines.slice(0, SHOWN_CHANGES))}
                    <details className="small">
                      <summary>{lines.length - SHOWN_CHANGES} more fields</summary>
                      {list(lines.slice(SHOWN_CHANGES))}
                    </details>
                  </>
                );
              },
            },
          ]}
        />
      )}
    </>
  );
}

function DateFilter({ name, label, value, onChange }: { name: string; label: string; value: string; onChange: (v: string) => void }) {
  const id = `filter-${name}`;
  return (
    <div className="filter">
      <label htmlFor={id} className="filter__label">
        {label}
      </label>
      <input id={id} name={name} type="date" className="input" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

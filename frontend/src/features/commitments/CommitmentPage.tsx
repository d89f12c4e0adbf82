// One commitment: what was pledged, by whom to whom, for when; its status
// with only the legal next moves offered (the server enforces the same
// lifecycle and its refusal is shown next to the field); its change history
// from the audit log; and the actions that serve it, which can be linked
// and unlinked here.
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { CommitmentDetailFieldsFragment, CommitmentStatus } from '../../graphql/gen/graphql';
import { describeError, type ProblemDescription } from '../../graphql/errors';
import { usePaginated } from '../../graphql/usePaginated';
import { Link } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { Badge } from '../../ui/Badge';
import { Combobox, type ComboOption } from '../../ui/Combobox';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { ErrorSummary, RadioGroup, collectErrors, useSummaryFocus } from '../../ui/form';
import { PICKER_DEBOUNCE_MS, PICKER_PAGE_SIZE } from '../../ui/EntityPicker';
import { flash } from '../../ui/Flash';
import { useDebounced } from '../../lib/useDebounced';
import { ACTION_STATUS, ACTION_STATUS_TONE, COMMITMENT_KIND, COMMITMENT_STATUS, COMMITMENT_STATUS_TONE, HOURS_PERIOD } from '../../lib/labels';
import { formatMoney, formatQuantity } from '../../lib/money';
import { formatDate, formatDateTime, isoDateTimeAttr } from '../../lib/time';
import { useCanMinute } from '../minutes/useCanMinute';
import { describeChange, nextStatuses } from './commitmentForm';

graphql(`
  fragment CommitmentDetailFields on Commitment {
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
    conditions
    evidence
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
    predecessor {
      id
      title
    }
    successors {
      id
      title
    }
    history {
      id
      createdAt
      actorID
      operation
      changes
    }
    actions(first: 50, orderBy: { field: DUE_DATE, direction: ASC }) {
      totalCount
      edges {
        node {
          id
          title
          status
          dueDate
          overdue
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

const CommitmentDetailQuery = graphql(`
  query CommitmentDetail($id: ID!) {
    node(id: $id) {
      __typename
      ... on Commitment {
        ...CommitmentDetailFields
      }
    }
  }
`);

const HistoryActorsQuery = graphql(`
  query HistoryActors($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Person {
        id
        name
      }
    }
  }
`);

const UpdateCommitmentMutation = graphql(`
  mutation UpdateCommitmentDetail($id: ID!, $input: UpdateCommitmentInput!) {
    updateCommitment(id: $id, input: $input) {
      ...CommitmentDetailFields
    }
  }
`);

const PickActionsQuery = graphql(`
  query PickActions($first: Int, $after: Cursor, $where: ActionWhereInput) {
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
        }
      }
    }
  }
`);

type Detail = CommitmentDetailFieldsFragment;

export function CommitmentPage({ id }: { id: string }) {
  const [result, refetch] = useQuery({ query: CommitmentDetailQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const node = result.data?.node;
  if (!node || node.__typename !== 'Commitment') {
    if (result.fetching || (!result.error && !result.data)) return <Loading label="Loading the commitment…" />;
    return (
      <>
        <PageHeader title="Commitment not found" eyebrow={<Link to="/commitments">Commitments</Link>} />
        <ProblemMessage error={result.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        <p>
          <Link to="/commitments">Back to the commitments</Link>
        </p>
      </>
    );
  }
  return <CommitmentDetail commitment={node as Detail} />;
}

function CommitmentDetail({ commitment: c }: { commitment: Detail }) {
  const zone = c.programme.timeZone;
  const canEdit = useCanMinute(c.programme.id);
  const actions = (c.actions.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const [unlinking, update] = useMutation(UpdateCommitmentMutation);
  const [unlinkError, setUnlinkError] = useState<unknown>(null);

  async function unlink(actionId: string, title: string) {
    setUnlinkError(null);
    const r = await update({ id: c.id, input: { removeActionIDs: [actionId] } });
    if (r.error) setUnlinkError(r.error);
    else flash(`“${title}” is no longer linked.`);
  }

  return (
    <>
      <PageHeader title={c.title} eyebrow={<Link to="/commitments">Commitments</Link>}>
        <p className="badges">
          <Badge tone={COMMITMENT_STATUS_TONE[c.status]}>{COMMITMENT_STATUS[c.status]}</Badge> <Badge>{COMMITMENT_KIND[c.kind]}</Badge>
        </p>
      </PageHeader>
      <dl className="facts">
        <div>
          <dt>From</dt>
          <dd>{c.organisation.name}</dd>
        </div>
        <div>
          <dt>For</dt>
          <dd>{c.beneficiary?.name ?? <span className="muted">The partnership</span>}</dd>
        </div>
        <div>
          <dt>Amount</dt>
          <dd>
            {c.amount ? formatMoney(c.amount, c.currency) : c.hours ? `${formatQuantity(c.hours)} hours${c.hoursPeriod ? ` ${HOURS_PERIOD[c.hoursPeriod]}` : ''}` : <span className="muted">—</span>}
          </dd>
        </div>
        <div>
          <dt>Period</dt>
          <dd>
            {formatDate(c.startsOn, zone)} – {c.endsOn ? formatDate(c.endsOn, zone) : 'open-ended'}
          </dd>
        </div>
        <div>
          <dt>Review</dt>
          <dd>{c.reviewOn ? formatDate(c.reviewOn, zone) : <span className="muted">Not set</span>}</dd>
        </div>
        <div>
          <dt>Programme</dt>
          <dd>
            <Link to={`/programmes/${encodeURIComponent(c.programme.id)}`}>{c.programme.name}</Link>
          </dd>
        </div>
        {c.predecessor && (
          <div>
            <dt>Renews</dt>
            <dd>
              <Link to={`/commitments/${encodeURIComponent(c.predecessor.id)}`}>{c.predecessor.title}</Link>
            </dd>
          </div>
        )}
        {(c.successors ?? []).length > 0 && (
          <div>
            <dt>Renewed by</dt>
            <dd>
              {(c.successors ?? []).map((s, i) => (
                <span key={s.id}>
                  {i > 0 && ', '}
                  <Link to={`/commitments/${encodeURIComponent(s.id)}`}>{s.title}</Link>
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      {c.conditions && (
        <>
          <h2>Conditions</h2>
          <p className="pre-line">{c.conditions}</p>
        </>
      )}
      {c.evidence && (
        <>
          <h2>Evidence</h2>
          <p className="pre-line">{c.evidence}</p>
        </>
      )}

      <div className="event-layout">
        <div>
          <section aria-labelledby="linked-heading" className="section">
            <h2 id="linked-heading">Actions serving it</h2>
            {unlinkError != null && <ProblemMessage context="Could not unlink the action." error={unlinkError as never} />}
            {actions.length === 0 ? (
              <EmptyState title="No actions linked yet." />
            ) : (
              <ul className="plain-list" aria-labelledby="linked-heading">
                {actions.map((a) => (
                  <li key={a.id} className={`history-list__item${a.overdue ? ' history-list__item--overdue' : ''}`}>
                    <Link to={`/actions/${encodeURIComponent(a.id)}`} className="strong-link">
                      {a.title}
                    </Link>{' '}
                    <Badge tone={ACTION_STATUS_TONE[a.status]}>{ACTION_STATUS[a.status]}</Badge>
                    {a.overdue && (
                      <>
                        {' '}
                        <Badge tone="danger">Overdue</Badge>
                      </>
                    )}
                    <span className="block muted">
                      {[a.ownerPerson?.name, a.ownerOrganisation?.name].filter(Boolean).join(', ') || 'Nobody yet'}
                      {a.dueDate && (
                        <>
                          {' '}
                          · due <time dateTime={isoDateTimeAttr(a.dueDate)}>{formatDate(a.dueDate, zone)}</time>
                        </>
                      )}
                    </span>
                    {canEdit && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Unlink ${a.title}`}
                        disabled={unlinking.fetching}
                        onClick={() => void unlink(a.id, a.title)}
                      >
                        Unlink
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canEdit && <LinkActionForm commitment={c} />}
          </section>
          <CommitmentHistory commitment={c} />
        </div>
        {canEdit && <StatusForm key={c.status} commitment={c} />}
      </div>
    </>
  );
}

function StatusForm({ commitment: c }: { commitment: Detail }) {
  const next = nextStatuses(c.status);
  const [to, setTo] = useState<string>('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [state, update] = useMutation(UpdateCommitmentMutation);
  const [focusToken, focusSummary] = useSummaryFocus();
  const { byField, items } = collectErrors(['status'], clientErrors, problem);

  if (next.length === 0) {
    return (
      <section aria-labelledby="status-heading" className="section card">
        <h2 id="status-heading">Status</h2>
        <p>
          {COMMITMENT_STATUS[c.status]} is final. A renewed or revived pledge is recorded as a new commitment.
        </p>
      </section>
    );
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (state.fetching) return;
    setProblem(null);
    if (!to) {
      setClientErrors({ status: 'Choose the new status.' });
      focusSummary();
      return;
    }
    setClientErrors({});
    const r = await update({ id: c.id, input: { status: to as CommitmentStatus } });
    const failure = describeError(r.error);
    if (failure || !r.data) {
      setProblem(failure);
      focusSummary();
      return;
    }
    flash(`The commitment is now ${COMMITMENT_STATUS[to as CommitmentStatus].toLowerCase()}.`);
  }

  return (
    <section aria-labelledby="status-heading" className="section card">
      <h2 id="status-heading">Change status</h2>
      <form className="form" noValidate onSubmit={onSubmit} aria-busy={state.fetching}>
        <ErrorSummary focusToken={focusToken} items={items} problem={problem} />
        <RadioGroup
          name="status"
          label={`It is ${COMMITMENT_STATUS[c.status].toLowerCase()}. Move it to`}
          hint="Only the moves its current status allows are offered."
          options={next.map((s) => ({ value: s, label: COMMITMENT_STATUS[s] }))}
          value={to}
          onChange={setTo}
          error={byField.status}
        />
        <div className="form__actions">
          <button type="submit" className="button">
            {state.fetching ? 'Saving…' : 'Change status'}
          </button>
        </div>
      </form>
    </section>
  );
}

function LinkActionForm({ commitment: c }: { commitment: Detail }) {
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<ComboOption | null>(null);
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [state, update] = useMutation(UpdateCommitmentMutation);
  const [focusToken, focusSummary] = useSummaryFocus();
  const settled = useDebounced(search.trim(), PICKER_DEBOUNCE_MS);
  const typing = search.trim() !== settled;
  // Actions of the same programme not yet linked to this commitment.
  const where = useMemo(() => {
    const w: Record<string, unknown> = { programmeID: c.programme.id, not: { hasCommitmentsWith: [{ id: c.id }] } };
    if (settled) w.titleContainsFold = settled;
    return w;
  }, [c.programme.id, c.id, settled]);
  const page = usePaginated(PickActionsQuery, { where }, (d) => d.actions, { pageSize: PICKER_PAGE_SIZE, pause: !open || typing });
  const { byField, items } = collectErrors(['linkAction'], clientErrors, problem);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (state.fetching) return;
    setProblem(null);
    if (!chosen) {
      setClientErrors({ linkAction: 'Choose an action to link.' });
      focusSummary();
      return;
    }
    setClientErrors({});
    const r = await update({ id: c.id, input: { addActionIDs: [chosen.id] } });
    const failure = describeError(r.error);
    if (failure || !r.data) {
      setProblem(failure);
      focusSummary();
      return;
    }
    flash(`“${chosen.label}” is now linked.`);
    setChosen(null);
    setSearch('');
    page.retry();
  }

  return (
    <form className="form section" noValidate onSubmit={onSubmit} aria-busy={state.fetching} aria-labelledby="link-action-heading">
      <h3 id="link-action-heading">Link an action</h3>
      <ErrorSummary focusToken={focusToken} items={items} problem={problem} />
      <Combobox
        name="linkAction"
        label="Action"
        hint={`Actions of ${c.programme.name} not linked yet. Type part of the title.`}
        placeholder="Type a title"
        selected={chosen}
        onSelect={setChosen}
        onSearch={(text) => {
          setOpen(true);
          setSearch(text);
        }}
        options={page.nodes.map((n) => ({ id: n.id, label: n.title }))}
        searching={typing || page.loading || page.fetchingMore}
        failed={Boolean(page.error) && !page.loading}
        totalCount={page.totalCount}
        hasMore={page.hasNextPage}
        onLoadMore={page.loadMore}
        error={byField.linkAction}
      />
      <div className="form__actions">
        <button type="submit" className="button button--secondary">
          {state.fetching ? 'Linking…' : 'Link action'}
        </button>
      </div>
    </form>
  );
}

function CommitmentHistory({ commitment: c }: { commitment: Detail }) {
  const zone = c.programme.timeZone;
  const entries = [...c.history].reverse(); // newest first
  const actorIds = useMemo(() => [...new Set(c.history.flatMap((h) => (h.actorID != null ? [String(h.actorID)] : [])))], [c.history]);
  const [actors] = useQuery({ query: HistoryActorsQuery, variables: { ids: actorIds }, pause: actorIds.length === 0 });
  const names = new Map<string, string>();
  for (const n of actors.data?.nodes ?? []) if (n?.__typename === 'Person') names.set(n.id, n.name);
  const day = (iso: string) => formatDate(iso, zone);
  return (
    <section aria-labelledby="changes-heading" className="section">
      <h2 id="changes-heading">History</h2>
      {entries.length === 0 ? (
        <EmptyState title="No changes recorded." />
      ) : (
        <ol className="plain-list history-list" aria-labelledby="changes-heading">
          {entries.map((h) => {
            const changes = Object.entries((h.changes ?? {}) as Record<string, unknown>);
            const created = h.operation === 'CREATE';
            const status = changes.find(([f]) => f === 'status');
            const shown = created ? [] : changes;
            return (
              <li key={h.id} className="history-list__item">
                <p className="history-list__meta">
                  <time dateTime={isoDateTimeAttr(h.createdAt)}>{formatDateTime(h.createdAt, zone)}</time>
                  {h.actorID != null && names.get(String(h.actorID)) && <> · {names.get(String(h.actorID))}</>}
                </p>
                {created ? (
                  <p>Recorded{status ? ` as ${describeChange('status', status[1], day).replace(/^Status: /, '').toLowerCase()}` : ''}</p>
                ) : shown.length === 0 ? (
                  <p>{h.operation === 'DELETE' ? 'Deleted' : 'Linked actions changed'}</p>
                ) : (
                  <ul className="plain-list">
                    {shown.map(([field, change]) => (
                      <li key={field}>{describeChange(field, change, day)}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

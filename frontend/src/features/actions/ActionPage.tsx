// One action: what was agreed, who owns it, when it is due, where it came
// from, the commitments it serves, and its progress history. Organisers,
// consultants and the owner report progress here (the server decides who
// may: the form only hides itself from people who plainly cannot).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { ActionDetailFieldsFragment, ActionStatus } from '../../graphql/gen/graphql';
import { describeError, type ProblemDescription } from '../../graphql/errors';
import { Link } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { Badge } from '../../ui/Badge';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { ErrorSummary, SelectField, TextArea, TextField, collectErrors, useSummaryFocus } from '../../ui/form';
import { flash } from '../../ui/Flash';
import { ACTION_STATUS, ACTION_STATUS_TONE, COMMITMENT_KIND, COMMITMENT_STATUS, COMMITMENT_STATUS_TONE, optionsOf } from '../../lib/labels';
import { formatDate, formatDateTime, isoDateTimeAttr } from '../../lib/time';
import { useViewer } from '../account/viewer';
import { useCanMinute } from '../minutes/useCanMinute';
import { progressInput, type ProgressValues } from './progress';

graphql(`
  fragment ActionDetailFields on Action {
    id
    title
    description
    status
    progress
    dueDate
    overdue
    completedAt
    occurrenceStart
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
    commitments(first: 50, orderBy: { field: STARTS_ON, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          title
          kind
          status
          organisation {
            id
            name
          }
        }
      }
    }
    updates(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          createdAt
          note
          oldStatus
          newStatus
          oldProgress
          newProgress
          author {
            id
            name
          }
        }
      }
    }
  }
`);

const ActionDetailQuery = graphql(`
  query ActionDetail($id: ID!) {
    node(id: $id) {
      __typename
      ... on Action {
        ...ActionDetailFields
      }
    }
  }
`);

const ReportProgressMutation = graphql(`
  mutation ReportActionProgress($id: ID!, $input: ActionProgressInput!) {
    reportActionProgress(id: $id, input: $input) {
      ...ActionDetailFields
    }
  }
`);

export function ActionPage({ id }: { id: string }) {
  const [result, refetch] = useQuery({ query: ActionDetailQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const node = result.data?.node;
  if (!node || node.__typename !== 'Action') {
    if (result.fetching || (!result.error && !result.data)) return <Loading label="Loading the action…" />;
    return (
      <>
        <PageHeader title="Action not found" eyebrow={<Link to="/actions">Actions</Link>} />
        <ProblemMessage error={result.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        <p>
          <Link to="/actions">Back to the actions</Link>
        </p>
      </>
    );
  }
  return <ActionDetail action={node as ActionDetailFieldsFragment} />;
}

type Detail = ActionDetailFieldsFragment;

function ActionDetail({ action: a }: { action: Detail }) {
  const zone = a.programme.timeZone;
  const viewer = useViewer();
  const organises = useCanMinute(a.programme.id);
  const isOwner = viewer.status === 'signed-in' && a.ownerPerson?.id === viewer.viewer.person?.id;
  const commitments = (a.commitments.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const updates = (a.updates.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <>
      <PageHeader title={a.title} eyebrow={<Link to="/actions">Actions</Link>}>
        <p className="badges">
          <Badge tone={ACTION_STATUS_TONE[a.status]}>{ACTION_STATUS[a.status]}</Badge>
          {a.overdue && <Badge tone="danger">Overdue</Badge>}
        </p>
      </PageHeader>
      <dl className={`facts${a.overdue ? ' facts--overdue' : ''}`}>
        <div>
          <dt>Owner</dt>
          <dd>{[a.ownerPerson?.name, a.ownerOrganisation?.name].filter(Boolean).join(', ') || <span className="muted">Nobody yet</span>}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {a.dueDate ? <time dateTime={isoDateTimeAttr(a.dueDate)}>{formatDate(a.dueDate, zone)}</time> : <span className="muted">No date</span>}
            {a.overdue && <span className="block strong overdue-text">Overdue</span>}
          </dd>
        </div>
        <div>
          <dt>Progress</dt>
          <dd>
            <progress className="progress" max={100} value={a.progress} aria-label="Progress" /> {a.progress}%
            {a.completedAt && (
              <span className="block muted">
                Done <time dateTime={isoDateTimeAttr(a.completedAt)}>{formatDate(a.completedAt, zone)}</time>
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Agreed at</dt>
          <dd>
            {a.event ? (
              <>
                <Link to={`/events/${encodeURIComponent(a.event.id)}`}>{a.event.title}</Link>
                {a.occurrenceStart && <span className="block muted">{formatDate(a.occurrenceStart, zone)}</span>}
              </>
            ) : (
              <span className="muted">Not recorded at a meeting</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Programme</dt>
          <dd>
            <Link to={`/programmes/${encodeURIComponent(a.programme.id)}`}>{a.programme.name}</Link>
          </dd>
        </div>
      </dl>
      {a.description && <p className="pre-line">{a.description}</p>}

      <div className="event-layout">
        <div>
          <section aria-labelledby="history-heading" className="section">
            <h2 id="history-heading">History</h2>
            {updates.length === 0 ? (
              <EmptyState title="No progress reported yet." />
            ) : (
              <ol className="plain-list history-list" aria-labelledby="history-heading">
                {updates.map((u) => (
                  <li key={u.id} className="history-list__item">
                    <p className="history-list__meta">
                      <time dateTime={isoDateTimeAttr(u.createdAt)}>{formatDateTime(u.createdAt, zone)}</time>
                      {u.author && <> · {u.author.name}</>}
                    </p>
                    <p>{describeUpdate(u)}</p>
                    {u.note && <p className="pre-line history-list__note">{u.note}</p>}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="commitments-heading" className="section">
            <h2 id="commitments-heading">Commitments it serves</h2>
            {commitments.length === 0 ? (
              <EmptyState title="Not linked to any commitment.">
                <p>Link it from a commitment’s page.</p>
              </EmptyState>
            ) : (
              <ul className="plain-list" aria-labelledby="commitments-heading">
                {commitments.map((c) => (
                  <li key={c.id} className="history-list__item">
                    <Link to={`/commitments/${encodeURIComponent(c.id)}`}>{c.title}</Link>{' '}
                    <span className="muted">
                      {COMMITMENT_KIND[c.kind]} from {c.organisation.name}
                    </span>{' '}
                    <Badge tone={COMMITMENT_STATUS_TONE[c.status]}>{COMMITMENT_STATUS[c.status]}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        {(organises || isOwner) && <ProgressForm action={a} />}
      </div>
    </>
  );
}

type Update = NonNullable<NonNullable<NonNullable<Detail['updates']['edges']>[number]>['node']>;

/** "Open → In progress, 0% → 50%", or "Note" when only a note was added. */
export function describeUpdate(u: Pick<Update, 'oldStatus' | 'newStatus' | 'oldProgress' | 'newProgress'>): string {
  const parts: string[] = [];
  if (u.newStatus) {
    const to = ACTION_STATUS[u.newStatus as ActionStatus];
    parts.push(u.oldStatus ? `Status ${ACTION_STATUS[u.oldStatus as ActionStatus]} → ${to}` : `Status ${to}`);
  }
  if (u.newProgress != null) parts.push(u.oldProgress != null ? `Progress ${u.oldProgress}% → ${u.newProgress}%` : `Progress ${u.newProgress}%`);
  return parts.length ? parts.join(', ') : 'Note';
}

const FIELDS = ['status', 'progress', 'note'] as const;

function ProgressForm({ action: a }: { action: Detail }) {
  const initial: ProgressValues = { status: a.status, progress: String(a.progress), note: '' };
  const [values, setValues] = useState<ProgressValues>(initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [state, report] = useMutation(ReportProgressMutation);
  const [focusToken, focusSummary] = useSummaryFocus();
  const { byField, items } = collectErrors(FIELDS, clientErrors, problem);
  const set = (f: keyof ProgressValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (state.fetching) return;
    const { input, errors } = progressInput(values, { status: a.status, progress: a.progress });
    setClientErrors(errors);
    setProblem(null);
    if (!input) {
      focusSummary();
      return;
    }
    const r = await report({ id: a.id, input });
    const failure = describeError(r.error);
    if (failure || !r.data) {
      setProblem(failure);
      focusSummary();
      return;
    }
    const saved = r.data.reportActionProgress;
    setValues({ status: saved.status, progress: String(saved.progress), note: '' });
    flash('Progress reported.');
  }

  return (
    <section aria-labelledby="progress-heading" className="section card">
      <h2 id="progress-heading">Report progress</h2>
      <form className="form" noValidate onSubmit={onSubmit} aria-busy={state.fetching}>
        <ErrorSummary focusToken={focusToken} items={items} problem={problem} />
        <SelectField name="status" label="Status" value={values.status} onChange={set('status')} options={optionsOf(ACTION_STATUS)} error={byField.status} />
        <TextField
          name="progress"
          label="Progress (%)"
          hint="A percentage from 0 to 100. Marking it done sets 100%."
          inputMode="numeric"
          className="input--short"
          value={values.progress}
          onChange={set('progress')}
          error={byField.progress}
        />
        <TextArea name="note" label="Note" optional hint="What happened, what is next. Kept in the history." value={values.note} onChange={set('note')} error={byField.note} />
        <div className="form__actions">
          <button type="submit" className="button">
            {state.fetching ? 'Saving…' : 'Report progress'}
          </button>
        </div>
      </form>
    </section>
  );
}

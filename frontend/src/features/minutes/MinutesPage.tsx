import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { MinutesActionFieldsFragment, OccurrenceMinutesQuery } from '../../graphql/gen/graphql';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { ErrorSummary, SelectField, TextArea, TextField, collectErrors, fieldId, useSummaryFocus, type FieldErrors } from '../../ui/form';
import { EntityPicker } from '../../ui/EntityPicker';
import { describeError } from '../../graphql/errors';
import { ACTION_STATUS, ACTION_STATUS_TONE } from '../../lib/labels';
import { formatDate, formatDateTime, isoDateTimeAttr } from '../../lib/time';
import { actionInputs, blankRow, defaultOccurrence, type ActionRow } from './minutes';
import { useCanMinute } from './useCanMinute';

const DAY = 86_400_000;

const MinutesEventQuery = graphql(`
  query MinutesEvent($id: ID!, $from: Time!, $to: Time!) {
    node(id: $id) {
      __typename
      ... on Event {
        id
        title
        programme {
          id
          timeZone
        }
        occurrences(from: $from, to: $to) {
          recurrenceId
          startsAt
          cancelled
        }
      }
    }
  }
`);

graphql(`
  fragment MinutesActionFields on Action {
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
`);

const OccurrenceMinutesQuery = graphql(`
  query OccurrenceMinutes($eventID: ID!, $start: Time!) {
    occurrenceMinutes(eventID: $eventID, occurrenceStart: $start) {
      eventID
      occurrenceStart
      current {
        id
        revision
        body
        createdAt
      }
      revisions {
        id
        revision
        createdAt
      }
      actions {
        ...MinutesActionFields
      }
      mattersArising {
        ...MinutesActionFields
      }
    }
  }
`);

const SaveMinutesMutation = graphql(`
  mutation SaveMinutes($input: SaveMinutesInput!) {
    saveMinutes(input: $input) {
      minutes {
        id
        revision
      }
      actions {
        id
      }
    }
  }
`);

export function MinutesPage({ id }: { id: string }) {
  const [now] = useState(() => Date.now());
  const [startParam, setStart] = useSearchParam('start');
  const [result, refetch] = useQuery({
    query: MinutesEventQuery,
    variables: { id, from: new Date(now - 400 * DAY).toISOString(), to: new Date(now + 90 * DAY).toISOString() },
  });
  const node = result.data?.node;
  const event = node?.__typename === 'Event' ? node : null;
  // Members read the minutes of meetings they were invited to; organisers
  // and consultants of the programme write them (the server decides).
  const canWrite = useCanMinute(event?.programme.id ?? '');
  const eyebrow = event ? <Link to={`/events/${encodeURIComponent(event.id)}`}>{event.title}</Link> : <Link to="/events">Events</Link>;

  if (!event) {
    if (result.fetching || (!result.data && !result.error)) return <Loading label="Loading the meeting…" />;
    return (
      <>
        <PageHeader title="Minutes and actions" eyebrow={eyebrow} />
        <ProblemMessage
          context="Could not load the event."
          error={result.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
        />
      </>
    );
  }

  const zone = event.programme.timeZone;
  const meetings = event.occurrences.filter((o) => !o.cancelled);
  const chosen = meetings.find((o) => o.recurrenceId === startParam) ?? defaultOccurrence(meetings, now);

  return (
    <>
      <PageHeader title={canWrite ? 'Minutes and actions' : 'Minutes'} eyebrow={eyebrow}>
        <p className="lead">
          {canWrite
            ? 'Write up what was discussed and agreed; each save keeps a revision. Actions recorded here appear on the Actions board.'
            : 'What was discussed and agreed at each meeting, and the actions that came out of it. The organisers and consultants write these up.'}
        </p>
      </PageHeader>
      {!chosen ? (
        <EmptyState title="This event has no meetings in the last year or the next three months.">
          {canWrite && (
            <p>
              <Link to={`/events/${encodeURIComponent(event.id)}/edit`}>Check the event’s dates</Link>.
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <SelectField
            name="meeting"
            label="Meeting"
            value={chosen.recurrenceId}
            onChange={(e) => setStart(e.target.value)}
            options={meetings.map((o) => ({ value: o.recurrenceId, label: formatDateTime(o.startsAt, zone) }))}
          />
          <OccurrenceMinutes
            key={chosen.recurrenceId}
            eventId={event.id}
            start={chosen.recurrenceId}
            zone={zone}
            canWrite={canWrite}
          />
        </>
      )}
    </>
  );
}

const FIELDS_PER_ROW = ['title', 'ownerPersonID', 'ownerOrganisationID', 'dueDate'] as const;

export function OccurrenceMinutes({ eventId, start, zone, canWrite = true }: { eventId: string; start: string; zone: string; canWrite?: boolean }) {
  const [result, refetch] = useQuery({ query: OccurrenceMinutesQuery, variables: { eventID: eventId, start } });
  const m = result.data?.occurrenceMinutes;
  if (!m) {
    if (result.fetching || !result.error) return <Loading label="Loading the minutes…" />;
    return <ProblemMessage context="Could not load the minutes." error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  return canWrite ? (
    <MinutesForm eventId={eventId} start={start} zone={zone} m={m} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
  ) : (
    <MinutesReadOnly m={m} zone={zone} />
  );
}

type LoadedMinutes = NonNullable<OccurrenceMinutesQuery['occurrenceMinutes']>;

/** What a member sees: the current minutes and the actions, nothing to edit. */
function MinutesReadOnly({ m, zone }: { m: LoadedMinutes; zone: string }) {
  return (
    <>
      <section aria-labelledby="minutes-heading" className="section">
        <h2 id="minutes-heading">Minutes</h2>
        {m.current ? (
          <>
            <p className="muted">
              Revision {m.current.revision}, saved {formatDateTime(m.current.createdAt, zone)}.
            </p>
            <div className="pre-line" data-testid="minutes-body">
              {m.current.body}
            </div>
          </>
        ) : (
          <p className="muted">No minutes have been written up for this meeting yet.</p>
        )}
      </section>
      <section aria-labelledby="actions-heading" className="section">
        <h2 id="actions-heading">Actions from this meeting</h2>
        {m.actions.length ? <ActionList actions={m.actions} zone={zone} label="Actions from this meeting" /> : <p className="muted">None recorded.</p>}
      </section>
      <section aria-labelledby="arising-heading" className="section">
        <h2 id="arising-heading">Matters arising</h2>
        {m.mattersArising.length ? <ActionList actions={m.mattersArising} zone={zone} label="Matters arising" /> : <p className="muted">No open actions from earlier meetings of this series.</p>}
      </section>
    </>
  );
}

function MinutesForm({ eventId, start, zone, m, onSaved }: { eventId: string; start: string; zone: string; m: LoadedMinutes; onSaved: () => void }) {
  const [saving, save] = useMutation(SaveMinutesMutation);
  const [body, setBody] = useState<string | null>(null);
  const [rows, setRows] = useState<ActionRow[]>([blankRow(1)]);
  const [nextKey, setNextKey] = useState(2);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [focusToken, focusSummary] = useSummaryFocus();
  // After a save, focus moves to what happened; after "Add another action",
  // to the new row's first field.
  const [saved, setSaved] = useState<{ text: string; n: number } | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  useEffect(() => {
    if (focusRow === null) return;
    document.getElementById(fieldId(`actions.${focusRow}.title`))?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const problem = useMemo(() => (serverError ? describeError(serverError as never) : null), [serverError]);
  const order = ['body', ...rows.flatMap((_, i) => FIELDS_PER_ROW.map((f) => `actions.${i}.${f}`))];
  const { byField, items } = collectErrors(order, clientErrors, problem);

  const text = body ?? m.current?.body ?? '';
  const update = (i: number, patch: Partial<ActionRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { inputs, errors } = actionInputs(rows, zone);
    if (!text.trim()) errors.body = 'Enter the minutes';
    setClientErrors(errors);
    setServerError(null);
    if (Object.keys(errors).length) {
      focusSummary();
      return;
    }
    const r = await save({ input: { eventID: eventId, occurrenceStart: start, body: text, baseRevision: m.current?.revision ?? 0, actions: inputs } });
    if (r.error) {
      setServerError(r.error);
      focusSummary();
      return;
    }
    const n = r.data?.saveMinutes.actions.length ?? 0;
    setSaved((s) => ({ text: `Minutes saved as revision ${r.data?.saveMinutes.minutes.revision}${n ? ` with ${n} new action${n === 1 ? '' : 's'}` : ''}.`, n: (s?.n ?? 0) + 1 }));
    setRows([blankRow(nextKey)]);
    setNextKey((k) => k + 1);
    setBody(null);
    onSaved();
  };

  return (
    <>
      <section aria-labelledby="arising-heading" className="section">
        <h2 id="arising-heading">Matters arising</h2>
        {m.mattersArising.length ? <ActionList actions={m.mattersArising} zone={zone} label="Matters arising" /> : <p className="muted">No open actions from earlier meetings of this series.</p>}
      </section>

      <form className="section form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="minutes-heading">
        <h2 id="minutes-heading">Minutes</h2>
        <ErrorSummary items={items} problem={problem} focusToken={focusToken} />
        <div role="status">
          {saved && !items.length && !problem && (
            <p key={saved.n} ref={savedRef} tabIndex={-1} className="notice" data-testid="minutes-saved">
              {saved.text}
            </p>
          )}
        </div>
        <p className="muted">
          {m.current ? `Revision ${m.current.revision}, saved ${formatDateTime(m.current.createdAt, zone)}. ${m.revisions.length} revision${m.revisions.length === 1 ? '' : 's'} in all.` : 'No minutes saved yet.'}
        </p>
        <TextArea name="body" label="Minutes of this meeting" hint="Markdown is fine." rows={10} value={text} error={byField.body} onChange={(e) => setBody(e.target.value)} />

        <fieldset className="fieldset-group">
          <legend>New actions agreed</legend>
          {rows.map((r, i) => (
            <div key={r.key} className="minutes-action" role="group" aria-label={`Action ${i + 1}`}>
              <TextField name={`actions.${i}.title`} label={`Action ${i + 1}`} optional value={r.title} error={byField[`actions.${i}.title`]} onChange={(e) => update(i, { title: e.target.value })} />
              <EntityPicker
                kind="person"
                name={`actions.${i}.ownerPersonID`}
                label="Owner (person)"
                optional
                placeholder="Type a name"
                value={r.ownerPersonID}
                error={byField[`actions.${i}.ownerPersonID`]}
                onChange={(id) => update(i, { ownerPersonID: id })}
              />
              <EntityPicker
                kind="organisation"
                name={`actions.${i}.ownerOrganisationID`}
                label="Owner (organisation)"
                optional
                placeholder="Type a name"
                value={r.ownerOrganisationID}
                error={byField[`actions.${i}.ownerOrganisationID`]}
                onChange={(id) => update(i, { ownerOrganisationID: id })}
              />
              <TextField name={`actions.${i}.dueDate`} label="Due" type="date" optional value={r.dueDate} error={byField[`actions.${i}.dueDate`]} onChange={(e) => update(i, { dueDate: e.target.value })} />
              {rows.length > 1 && (
                <button type="button" className="button button--secondary" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                  Remove action {i + 1}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setRows((rs) => [...rs, blankRow(nextKey)]);
              setNextKey((k) => k + 1);
              setFocusRow(rows.length);
            }}
          >
            Add another action
          </button>
        </fieldset>
        <p>
          <button type="submit" className="button" disabled={saving.fetching}>
            {saving.fetching ? 'Saving…' : 'Save minutes'}
          </button>
        </p>
      </form>

      <section aria-labelledby="actions-heading" className="section">
        <h2 id="actions-heading">Actions from this meeting</h2>
        {m.actions.length ? <ActionList actions={m.actions} zone={zone} label="Actions from this meeting" /> : <p className="muted">None recorded yet.</p>}
      </section>
    </>
  );
}

function ActionList({ actions, zone, label }: { actions: readonly MinutesActionFieldsFragment[]; zone: string; label: string }) {
  return (
    <ul className="minutes-actions" aria-label={label}>
      {actions.map((a) => (
        <li key={a.id}>
          <span className="strong">{a.title}</span> — {[a.ownerPerson?.name, a.ownerOrganisation?.name].filter(Boolean).join(', ') || 'no owner yet'}
          {a.dueDate && (
            <>
              , due <time dateTime={isoDateTimeAttr(a.dueDate)}>{formatDate(a.dueDate, zone)}</time>
            </>
          )}{' '}
          <Badge tone={ACTION_STATUS_TONE[a.status]}>{ACTION_STATUS[a.status]}</Badge>
          {a.overdue && (
            <>
              {' '}
              <Badge tone="danger">Overdue</Badge>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

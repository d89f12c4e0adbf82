import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { MinutesActionFieldsFragment } from '../../graphql/gen/graphql';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { ErrorSummary, SelectField, TextArea, TextField, collectErrors, useSummaryFocus, type FieldErrors } from '../../ui/form';
import { flash } from '../../ui/Flash';
import { EntityPicker } from '../../ui/EntityPicker';
import { describeError } from '../../graphql/errors';
import { ACTION_STATUS, ACTION_STATUS_TONE } from '../../lib/labels';
import { formatDate, formatDateTime, isoDateTimeAttr } from '../../lib/time';
import { actionInputs, blankRow, defaultOccurrence, type ActionRow } from './minutes';

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
      <PageHeader title="Minutes and actions" eyebrow={eyebrow}>
        <p className="lead">Write up what was discussed and agreed; each save keeps a revision. Actions recorded here appear on the Actions board.</p>
      </PageHeader>
      {!chosen ? (
        <EmptyState title="This event has no meetings in the last year or the next three months.">
          <p>
            <Link to={`/events/${encodeURIComponent(event.id)}/edit`}>Check the event’s dates</Link>.
          </p>
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
          />
        </>
      )}
    </>
  );
}

const FIELDS_PER_ROW = ['title', 'ownerPersonID', 'ownerOrganisationID', 'dueDate'] as const;

export function OccurrenceMinutes({ eventId, start, zone }: { eventId: string; start: string; zone: string }) {
  const [result, refetch] = useQuery({ query: OccurrenceMinutesQuery, variables: { eventID: eventId, start } });
  const [saving, save] = useMutation(SaveMinutesMutation);
  const m = result.data?.occurrenceMinutes;
  const [body, setBody] = useState<string | null>(null);
  const [rows, setRows] = useState<ActionRow[]>([blankRow(1)]);
  const [nextKey, setNextKey] = useState(2);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [focusToken, focusSummary] = useSummaryFocus();

  const problem = useMemo(() => (serverError ? describeError(serverError as never) : null), [serverError]);
  const order = ['body', ...rows.flatMap((_, i) => FIELDS_PER_ROW.map((f) => `actions.${i}.${f}`))];
  const { byField, items } = collectErrors(order, clientErrors, problem);

  if (!m) {
    if (result.fetching || !result.error) return <Loading label="Loading the minutes…" />;
    return <ProblemMessage context="Could not load the minutes." error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
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
    flash(`Minutes saved as revision ${r.data?.saveMinutes.minutes.revision}${n ? ` with ${n} new action${n === 1 ? '' : 's'}` : ''}.`);
    setRows([blankRow(nextKey)]);
    setNextKey((k) => k + 1);
    setBody(null);
    refetch({ requestPolicy: 'network-only' });
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

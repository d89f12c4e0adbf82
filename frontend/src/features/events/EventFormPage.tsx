import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import { describeError, mapProblemText, type ProblemDescription } from '../../graphql/errors';
import { nodesOf } from '../../graphql/usePaginated';
import { Link, useNavigate, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { ErrorSummary, RadioGroup, SelectField, TextArea, TextField, collectErrors, fieldId, useSummaryFocus, type FieldErrors } from '../../ui/form';
import { flash } from '../../ui/Flash';
import { EVENT_KIND, optionsOf } from '../../lib/labels';
import { humaniseTimestamps, knownTimeZones, viewerTimeZone } from '../../lib/time';
import {
  EVENT_FIELDS,
  describeLocalTime,
  emptyEventValues,
  toCreateInput,
  toUpdateInput,
  valuesFromEvent,
  type EventFormValues,
  type SavedEvent,
} from './eventForm';
import { RecurrenceEditor } from './RecurrenceEditor';
import { useCanOrganise } from '../account/viewer';

graphql(`
  fragment EventFormFields on Event {
    id
    programmeID
    title
    kind
    timeZone
    startsAt
    endsAt
    allDay
    rrule
    description
    venueName
    venueAddress
    venueAccess
    onlineURL
    capacity
    sequence
  }
`);

const EventForEditQuery = graphql(`
  query EventForEdit($id: ID!) {
    node(id: $id) {
      __typename
      ... on Event {
        ...EventFormFields
        programme {
          id
          name
          timeZone
        }
      }
    }
  }
`);

const ProgrammeChoicesQuery = graphql(`
  query ProgrammeChoices {
    programmes(first: 100, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          timeZone
        }
      }
    }
  }
`);

const CreateEventMutation = graphql(`
  mutation CreateEvent($input: CreateEventInput!) {
    createEvent(input: $input) {
      ...EventFormFields
    }
  }
`);

const UpdateEventMutation = graphql(`
  mutation UpdateEvent($id: ID!, $input: UpdateEventInput!) {
    updateEvent(id: $id, input: $input) {
      ...EventFormFields
    }
  }
`);

interface ProgrammeChoice {
  id: string;
  name: string;
  timeZone: string;
}

/**
 * Shown instead of the event form to people who are not organisers: the
 * server would refuse whatever they typed (its privacy rules decide; this
 * only saves them the trouble).
 */
export function OrganisersOnly({ title, eventId }: { title: string; eventId?: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div className="empty-state" data-testid="organisers-only">
        <p className="empty-state__title">{eventId ? 'Only organisers can change events.' : 'Only organisers can create events.'}</p>
        <div className="empty-state__body">
          <p>Events are scheduled and changed by the programme’s organisers. If something about an event needs changing, ask one of them.</p>
          <p>{eventId ? <Link to={`/events/${encodeURIComponent(eventId)}`}>Back to the event</Link> : <Link to="/events">Back to events</Link>}</p>
        </div>
      </div>
    </>
  );
}

/** /events/new?programme=ID */
export function NewEventPage() {
  return useCanOrganise() ? <NewEvent /> : <OrganisersOnly title="New event" />;
}

function NewEvent() {
  const [programmeParam] = useSearchParam('programme');
  const [result, refetch] = useQuery({ query: ProgrammeChoicesQuery });
  if (result.fetching && !result.data) return <Loading label="Loading programmes…" />;
  if (!result.data) {
    return (
      <>
        <PageHeader title="New event" />
        <ProblemMessage error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} context="Could not load the programmes." />
      </>
    );
  }
  const programmes = nodesOf(result.data.programmes);
  if (programmes.length === 0) {
    return (
      <>
        <PageHeader title="New event" />
        <EmptyState title="There is no programme to add an event to.">
          <p>Events belong to a programme. Ask an administrator to create one.</p>
        </EmptyState>
      </>
    );
  }
  const chosen = programmes.find((p) => p.id === programmeParam) ?? (programmes.length === 1 ? programmes[0] : undefined);
  return <EventForm programmes={programmes} initial={emptyEventValues(chosen?.id ?? '', chosen?.timeZone ?? viewerTimeZone())} />;
}

/** /events/:id/edit */
export function EditEventPage({ id }: { id: string }) {
  return useCanOrganise() ? <EditEvent id={id} /> : <OrganisersOnly title="Edit event" eventId={id} />;
}

function EditEvent({ id }: { id: string }) {
  const [result, refetch] = useQuery({ query: EventForEditQuery, variables: { id }, requestPolicy: 'network-only' });
  const node = result.data?.node;
  const canOrganiseThis = useCanOrganise(node?.__typename === 'Event' ? node.programme.id : undefined);
  if (result.fetching && !result.data) return <Loading label="Loading the event…" />;
  if (node?.__typename === 'Event' && !canOrganiseThis) return <OrganisersOnly title="Edit event" eventId={id} />;
  if (!node || node.__typename !== 'Event') {
    return (
      <>
        <PageHeader title="Event not found" />
        <ProblemMessage error={result.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }} onRetry={() => refetch()} />
        <p>
          <Link to="/events">Back to events</Link>
        </p>
      </>
    );
  }
  const programme = { id: node.programme.id, name: node.programme.name, timeZone: node.programme.timeZone };
  return <EventForm programmes={[programme]} saved={node} initial={valuesFromEvent(node, programme.timeZone)} />;
}

function EventForm({ programmes, initial, saved }: { programmes: ProgrammeChoice[]; initial: EventFormValues; saved?: SavedEvent }) {
  const navigate = useNavigate();
  const [values, setValues] = useState<EventFormValues>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [recurrenceProblem, setRecurrenceProblem] = useState<string | null>(null);
  const [createState, create] = useMutation(CreateEventMutation);
  const [updateState, update] = useMutation(UpdateEventMutation);
  const submitting = createState.fetching || updateState.fetching;
  const zones = useMemo(knownTimeZones, []);
  const here = useMemo(viewerTimeZone, []);
  const programme = programmes.find((p) => p.id === values.programmeID);
  const { byField, items } = collectErrors(EVENT_FIELDS, clientErrors, problem);
  const [summaryFocus, requestSummaryFocus] = useSummaryFocus();

  const set = (field: keyof EventFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (submitting) return;
    setProblem(null);
    if (recurrenceProblem) {
      setClientErrors({ rrule: recurrenceProblem });
      return requestSummaryFocus();
    }
    let savedId: string | undefined;
    let failure: ProblemDescription | null;
    if (!saved) {
      const { errors, input } = toCreateInput(values);
      setClientErrors(errors);
      if (!input) return requestSummaryFocus();
      const r = await create({ input });
      savedId = r.data?.createEvent.id;
      failure = describeError(r.error);
    } else {
      const { errors, input } = toUpdateInput(values, saved);
      setClientErrors(errors);
      if (!input) return requestSummaryFocus();
      if (Object.keys(input).length === 0) {
        navigate(`/events/${encodeURIComponent(saved.id)}`);
        flash('No changes to save.');
        return;
      }
      const r = await update({ id: saved.id, input });
      savedId = r.data?.updateEvent.id;
      failure = describeError(r.error);
    }
    if (failure || !savedId) {
      // Server messages may quote instants in UTC; show them in the event's zone.
      setProblem(mapProblemText(failure, (t) => humaniseTimestamps(t, values.timeZone)));
      requestSummaryFocus();
      return;
    }
    navigate(`/events/${encodeURIComponent(savedId)}`);
    flash(saved ? 'The event has been updated.' : 'The event has been created.');
  }

  const startNote = describeLocalTime(values.startsAt, values.timeZone, here);
  const endNote = describeLocalTime(values.endsAt, values.timeZone, here);
  const cancelTo = saved ? `/events/${encodeURIComponent(saved.id)}` : programme ? `/programmes/${encodeURIComponent(programme.id)}` : '/events';

  return (
    <>
      <PageHeader
        title={saved ? `Edit ${initial.title}` : 'New event'}
        eyebrow={programme ? <Link to={`/programmes/${encodeURIComponent(programme.id)}`}>{programme.name}</Link> : <Link to="/events">Events</Link>}
      />
      <form className="form" noValidate onSubmit={onSubmit} aria-busy={submitting}>
        <ErrorSummary focusToken={summaryFocus} items={items} problem={problem} />
        {!saved && programmes.length > 1 && (
          <SelectField
            name="programmeID"
            label="Programme"
            value={values.programmeID}
            onChange={(e) => {
              const p = programmes.find((x) => x.id === e.target.value);
              setValues((v) => ({ ...v, programmeID: e.target.value, timeZone: p?.timeZone ?? v.timeZone }));
            }}
            options={programmes.map((p) => ({ value: p.id, label: p.name }))}
            placeholder="Choose a programme"
            error={byField.programmeID}
          />
        )}
        <TextField name="title" label="Title" value={values.title} onChange={set('title')} error={byField.title} autoComplete="off" />
        <RadioGroup
          name="kind"
          label="Kind of event"
          hint="Forums are standing meetings, often recurring; workshops are one-off or a short series."
          inline
          options={optionsOf(EVENT_KIND)}
          value={values.kind}
          onChange={(kind) => setValues((v) => ({ ...v, kind: kind as EventFormValues['kind'] }))}
          error={byField.kind}
        />
        <fieldset className="fieldset-group">
          <legend>When</legend>
          <TextField
            name="timeZone"
            label="Time zone"
            hint={`Start and end are times in this zone${programme ? ` (the programme uses ${programme.timeZone})` : ''}.`}
            list="time-zones"
            autoComplete="off"
            spellCheck={false}
            value={values.timeZone}
            onChange={set('timeZone')}
            error={byField.timeZone}
          />
          <datalist id="time-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <div className="field-row">
            <TimeField name="startsAt" label="Starts" value={values.startsAt} onChange={set('startsAt')} error={byField.startsAt} note={startNote} />
            <TimeField name="endsAt" label="Ends" value={values.endsAt} onChange={set('endsAt')} error={byField.endsAt} note={endNote} />
          </div>
          <RecurrenceEditor
            rrule={values.rrule}
            onChange={(rrule, problem) => {
              setValues((v) => ({ ...v, rrule }));
              setRecurrenceProblem(problem);
            }}
            timeZone={values.timeZone}
            startsAt={values.startsAt}
            endsAt={values.endsAt}
            error={byField.rrule}
          />
        </fieldset>
        <TextArea name="description" label="Description" optional rows={4} value={values.description} onChange={set('description')} error={byField.description} />
        <fieldset className="fieldset-group">
          <legend>Where</legend>
          <TextField name="venueName" label="Venue" optional value={values.venueName} onChange={set('venueName')} error={byField.venueName} />
          <TextArea name="venueAddress" label="Venue address" optional rows={2} value={values.venueAddress} onChange={set('venueAddress')} error={byField.venueAddress} />
          <TextArea
            name="venueAccess"
            label="Getting there and access"
            optional
            rows={2}
            hint="Step-free access, hearing loop, quiet room, nearest bus stop."
            value={values.venueAccess}
            onChange={set('venueAccess')}
            error={byField.venueAccess}
          />
          <TextField
            name="onlineURL"
            label="Online link"
            type="url"
            optional
            hint="For hybrid or online events: the full meeting link, starting https://"
            spellCheck={false}
            value={values.onlineURL}
            onChange={set('onlineURL')}
            error={byField.onlineURL}
          />
        </fieldset>
        <TextField
          name="capacity"
          label="Places"
          optional
          inputMode="numeric"
          hint="The most people who can accept. Further replies join a waiting list. Leave blank for no limit."
          className="input--short"
          value={values.capacity}
          onChange={set('capacity')}
          error={byField.capacity}
        />
        <div className="form__actions">
          <button type="submit" className="button">
            {submitting ? 'Saving…' : saved ? 'Save changes' : 'Create event'}
          </button>
          <Link to={cancelTo} className="button button--secondary">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

interface TimeFieldProps {
  name: 'startsAt' | 'endsAt';
  label: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  error?: string | undefined;
  note: { text: string; warning?: string } | null;
}

/** A datetime-local input with what it will be saved as, read out politely. */
function TimeField({ name, label, value, onChange, error, note }: TimeFieldProps) {
  return (
    <div className="field-row__item">
      <TextField name={name} label={label} type="datetime-local" value={value} onChange={onChange} error={error} {...describedByNote(name, error)} />
      <div id={`${fieldId(name)}-note`} className="field__note" aria-live="polite">
        {note && <p>{note.text}</p>}
        {note?.warning && <p className="field__warning">{note.warning}</p>}
      </div>
    </div>
  );
}

function describedByNote(name: string, error: string | undefined) {
  const id = fieldId(name);
  return { 'aria-describedby': [error ? `${id}-error` : null, `${id}-note`].filter(Boolean).join(' ') };
}

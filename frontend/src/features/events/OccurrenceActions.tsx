// Organisers' per-occurrence actions on the event page: move one occurrence
// (new start and end as wall-clock times in the event's zone) or cancel it,
// each confirmed first, using moveOccurrence / cancelOccurrence.
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import { describeError, problemText, type ProblemDescription } from '../../graphql/errors';
import { Loading, ProblemMessage } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { formatDateTime, humaniseTimestamps, parseLocalDateTime, utcToZonedLocal, zonedToUtc } from '../../lib/time';

export const EventOccurrencesQuery = graphql(`
  query EventOccurrences($id: ID!, $from: Time!, $to: Time!) {
    node(id: $id) {
      __typename
      ... on Event {
        id
        occurrences(from: $from, to: $to) {
          recurrenceId
          startsAt
          endsAt
          cancelled
          moved
        }
      }
    }
  }
`);

const MoveOccurrenceMutation = graphql(`
  mutation MoveOccurrence($eventID: ID!, $recurrenceId: Time!, $startsAt: Time!, $endsAt: Time) {
    moveOccurrence(eventID: $eventID, recurrenceId: $recurrenceId, startsAt: $startsAt, endsAt: $endsAt) {
      recurrenceId
      startsAt
      endsAt
      cancelled
      moved
    }
  }
`);

const CancelOccurrenceMutation = graphql(`
  mutation CancelOccurrence($eventID: ID!, $recurrenceId: Time!) {
    cancelOccurrence(eventID: $eventID, recurrenceId: $recurrenceId) {
      recurrenceId
      startsAt
      endsAt
      cancelled
      moved
    }
  }
`);

interface Occ {
  recurrenceId: string;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  moved: boolean;
}

const SHOWN = 12;

function ErrorText({ problem }: { problem: ProblemDescription | string }) {
  return (
    <p className="field__error" role="alert">
      <span className="visually-hidden">Error: </span>
      {problemText(problem)}
    </p>
  );
}

export function OccurrenceActions({ eventId, zone, now: nowProp }: { eventId: string; zone: string; now?: number }) {
  // Fixed at first render, so the query's variables stay the same.
  const [now] = useState(() => nowProp ?? Date.now());
  const variables = useMemo(
    () => ({ id: eventId, from: new Date(now).toISOString(), to: new Date(now + 365 * 86_400_000).toISOString() }),
    [eventId, now],
  );
  const [result, refetch] = useQuery({ query: EventOccurrencesQuery, variables });
  const node = result.data?.node;
  const occurrences: Occ[] = node?.__typename === 'Event' ? node.occurrences.slice(0, SHOWN) : [];

  return (
    <section aria-labelledby="occurrences-heading" className="card">
      <h2 id="occurrences-heading">Upcoming occurrences</h2>
      {result.fetching && !result.data ? (
        <Loading label="Loading occurrences…" />
      ) : !result.data ? (
        <ProblemMessage error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} context="Could not load the occurrences." />
      ) : occurrences.length === 0 ? (
        <p className="muted">No occurrences in the next year.</p>
      ) : (
        <ul className="occurrence-list">
          {occurrences.map((o) => (
            <OccurrenceRow key={o.recurrenceId} eventId={eventId} zone={zone} occ={o} onChanged={() => refetch({ requestPolicy: 'network-only' })} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OccurrenceRow({ eventId, zone, occ, onChanged }: { eventId: string; zone: string; occ: Occ; onChanged: () => void }) {
  const [mode, setMode] = useState<'idle' | 'move' | 'confirmMove' | 'cancel'>('idle');
  const [start, setStart] = useState(() => utcToZonedLocal(occ.startsAt, zone));
  const [end, setEnd] = useState(() => utcToZonedLocal(occ.endsAt, zone));
  // Moving the start keeps the length, as calendar apps do; editing the
  // end changes the length.
  const [length, setLength] = useState(() => Date.parse(occ.endsAt) - Date.parse(occ.startsAt));
  const [problem, setProblem] = useState<ProblemDescription | string | null>(null);
  const [moveState, move] = useMutation(MoveOccurrenceMutation);
  const [cancelState, cancel] = useMutation(CancelOccurrenceMutation);
  const busy = moveState.fetching || cancelState.fetching;
  const when = formatDateTime(occ.startsAt, zone);
  const base = `occ-${occ.recurrenceId.replace(/[^0-9A-Za-z]/g, '')}`;

  function instants(): { startsAt: string; endsAt: string } | null {
    const s = parseLocalDateTime(start);
    const e = parseLocalDateTime(end);
    if (!s || !e) return null;
    try {
      return { startsAt: zonedToUtc(s, zone).instant.toISOString(), endsAt: zonedToUtc(e, zone).instant.toISOString() };
    } catch {
      return null;
    }
  }

  function toInstant(local: string): number | null {
    const t = parseLocalDateTime(local);
    if (!t) return null;
    try {
      return zonedToUtc(t, zone).instant.getTime();
    } catch {
      return null;
    }
  }

  function onStartChange(value: string) {
    setStart(value);
    const s = toInstant(value);
    if (s !== null && length > 0) setEnd(utcToZonedLocal(new Date(s + length).toISOString(), zone));
  }

  function onEndChange(value: string) {
    setEnd(value);
    const s = toInstant(start);
    const e = toInstant(value);
    if (s !== null && e !== null && e > s) setLength(e - s);
  }

  function onMoveSubmit(ev: FormEvent) {
    ev.preventDefault();
    const t = instants();
    if (!t) return setProblem('Enter a start and an end, each as a date and time.');
    if (Date.parse(t.endsAt) <= Date.parse(t.startsAt)) return setProblem('The new end must be after the new start.');
    setProblem(null);
    setMode('confirmMove');
  }

  async function doMove() {
    const t = instants();
    if (!t || busy) return;
    const r = await move({ eventID: eventId, recurrenceId: occ.recurrenceId, ...t });
    const failure = describeError(r.error);
    if (failure || !r.data) {
      setProblem(failure ? humaniseTimestamps(problemText(failure), zone) : 'The occurrence could not be moved.');
      setMode('move');
      return;
    }
    setProblem(null);
    setMode('idle');
    onChanged();
  }

  async function doCancel() {
    if (busy) return;
    const r = await cancel({ eventID: eventId, recurrenceId: occ.recurrenceId });
    const failure = describeError(r.error);
    if (failure || !r.data) {
      setProblem(failure ?? 'The occurrence could not be cancelled.');
      return;
    }
    setProblem(null);
    setMode('idle');
    onChanged();
  }

  return (
    <li className="occurrence" aria-busy={busy}>
      <p>
        {occ.cancelled ? (
          <s>
            {when} – {formatDateTime(occ.endsAt, zone)}
          </s>
        ) : (
          <span>
            {when} – {formatDateTime(occ.endsAt, zone)}
          </span>
        )}{' '}
        {occ.cancelled && <Badge tone="danger">Cancelled</Badge>} {occ.moved && <Badge tone="info">Moved</Badge>}
      </p>
      {!occ.cancelled && mode === 'idle' && (
        <p className="button-row">
          <button type="button" className="button button--secondary" onClick={() => setMode('move')}>
            Move<span className="visually-hidden"> the occurrence on {when}</span>
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setMode('cancel')}>
            Cancel this occurrence<span className="visually-hidden"> on {when}</span>
          </button>
        </p>
      )}
      {(mode === 'move' || mode === 'confirmMove') && (
        <form noValidate onSubmit={onMoveSubmit} aria-label={`Move the occurrence on ${when}`}>
          <div className="field-row">
            <div className="field">
              <label className="field__label" htmlFor={`${base}-start`}>
                New start ({zone})
              </label>
              <input id={`${base}-start`} className="input" type="datetime-local" value={start} onChange={(e) => onStartChange(e.target.value)} disabled={mode === 'confirmMove'} />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${base}-end`}>
                New end ({zone})
              </label>
              <input id={`${base}-end`} className="input" type="datetime-local" value={end} onChange={(e) => onEndChange(e.target.value)} disabled={mode === 'confirmMove'} />
            </div>
          </div>
          {mode === 'move' ? (
            <p className="button-row">
              <button type="submit" className="button">
                Move
              </button>{' '}
              <button type="button" className="button button--secondary" onClick={() => { setMode('idle'); setProblem(null); }}>
                Back
              </button>
            </p>
          ) : (
            <div className="notice" role="alertdialog" aria-label="Confirm the move">
              <p>
                Move the occurrence on {when} to {formatDateTime(instants()!.startsAt, zone)} – {formatDateTime(instants()!.endsAt, zone)}? Invitees’ calendars will be updated.
              </p>
              <p className="button-row">
                <button type="button" className="button" onClick={doMove} disabled={busy}>
                  Yes, move it
                </button>{' '}
                <button type="button" className="button button--secondary" onClick={() => setMode('move')}>
                  Change the times
                </button>
              </p>
            </div>
          )}
        </form>
      )}
      {mode === 'cancel' && (
        <div className="notice notice--danger" role="alertdialog" aria-label="Confirm the cancellation">
          <p>Cancel the occurrence on {when}? Invitees get a cancellation; the rest of the series is unchanged.</p>
          <p className="button-row">
            <button type="button" className="button" onClick={doCancel} disabled={busy}>
              Yes, cancel this occurrence
            </button>{' '}
            <button type="button" className="button button--secondary" onClick={() => { setMode('idle'); setProblem(null); }}>
              Keep it
            </button>
          </p>
        </div>
      )}
      {problem && <ErrorText problem={problem} />}
    </li>
  );
}

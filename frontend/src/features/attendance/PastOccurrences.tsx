// Past occurrences of an event on its page, for organisers: each links to
// its attendance record (the door screen in corrections mode), so a
// forgotten or mistaken check-in can be put right after the event, and
// late arrivals, early leavers and apologies recorded for the minutes.
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import { Link } from '../../app/router';
import { Loading, ProblemMessage } from '../../ui/Status';
import { formatDateTime, isoDateTimeAttr } from '../../lib/time';

const PastOccurrencesQuery = graphql(`
  query PastOccurrences($id: ID!, $from: Time!, $to: Time!) {
    node(id: $id) {
      __typename
      ... on Event {
        id
        occurrences(from: $from, to: $to) {
          recurrenceId
          startsAt
          endsAt
          cancelled
        }
      }
    }
  }
`);

const YEAR = 365 * 24 * 60 * 60 * 1000;
/** How many are listed before "Show all". */
export const PAST_SHOWN = 6;

/** Ended, not cancelled occurrences, newest first. */
export function pastOccurrences<T extends { endsAt: string; startsAt: string; cancelled: boolean }>(list: readonly T[], now: number): T[] {
  return list.filter((o) => !o.cancelled && Date.parse(o.endsAt) <= now).sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
}

export function PastOccurrences({ eventId, zone, now: nowProp }: { eventId: string; zone: string; now?: number }) {
  const [now] = useState(() => nowProp ?? Date.now());
  const [all, setAll] = useState(false);
  const variables = useMemo(() => ({ id: eventId, from: new Date(now - YEAR).toISOString(), to: new Date(now).toISOString() }), [eventId, now]);
  const [result, refetch] = useQuery({ query: PastOccurrencesQuery, variables });
  const node = result.data?.node;
  const past = node?.__typename === 'Event' ? pastOccurrences(node.occurrences, now) : [];
  const shown = all ? past : past.slice(0, PAST_SHOWN);

  if (result.data && past.length === 0) return null;
  return (
    <section aria-labelledby="past-occurrences-heading" className="card section">
      <h2 id="past-occurrences-heading">Past occurrences</h2>
      <p className="muted">Correct the record: who came, who was late or left early, who sent apologies.</p>
      {!result.data ? (
        result.error ? (
          <ProblemMessage error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} context="Could not load the past occurrences." />
        ) : (
          <Loading label="Loading past occurrences…" />
        )
      ) : (
        <>
          <ul className="occurrence-list">
            {shown.map((o) => {
              const when = formatDateTime(o.startsAt, zone);
              return (
                <li key={o.recurrenceId} className="occurrence-list__item">
                  <time dateTime={isoDateTimeAttr(o.startsAt)}>{when}</time>{' '}
                  <Link to={`/events/${encodeURIComponent(eventId)}/check-in?start=${encodeURIComponent(o.recurrenceId)}`}>
                    Attendance <span className="visually-hidden">on {when}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
          {past.length > PAST_SHOWN && (
            <button type="button" className="button button--secondary" aria-expanded={all} onClick={() => setAll((a) => !a)}>
              {all ? 'Show fewer' : `Show all ${past.length} from the last year`}
            </button>
          )}
        </>
      )}
    </section>
  );
}

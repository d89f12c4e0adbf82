// Door check-in for one occurrence (/events/:id/check-in?start=…): search
// the invitees, tap a person to check them in, record walk-ins and
// deputies, live counts over the occurrenceLive subscription, and the self
// check-in code and QR code to show at the venue. Built for a phone held
// at the door.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '../../graphql/gen';
import type { CheckInSheetQuery, OccurrenceLiveFieldsFragment } from '../../graphql/gen/graphql';
import { Link, useNavigate, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { SearchList } from '../../ui/SearchList';
import { WalkInForm } from './WalkInForm';
import { RESPONSE } from '../../lib/labels';
import { formatDateTime, formatEventWhen, isoDateTimeAttr } from '../../lib/time';
import { IN_ROOM, doorCounts, doorOrder, sameOriginPath, searchRows } from './checkin';

const DAY = 24 * 60 * 60 * 1000;

const CheckInEventDocument = graphql(`
  query CheckInEvent($id: ID!, $from: Time!, $to: Time!) {
    node(id: $id) {
      __typename
      ... on Event {
        id
        title
        timeZone
        programme {
          id
          timeZone
        }
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

graphql(`
  fragment OccurrenceLiveFields on OccurrenceLive {
    eventId
    occurrenceStart
    replies {
      response
      count
    }
    checkedIn
    reason
  }
`);

const CheckInSheetDocument = graphql(`
  query CheckInSheet($eventId: ID!, $start: Time!) {
    attendanceSheet(eventId: $eventId, occurrenceStart: $start) {
      eventId
      occurrenceStart
      title
      begins
      ends
      rows {
        person {
          id
          name
          email
        }
        organisations
        invitation {
          id
          response
        }
        status
        deputy {
          id
          name
        }
      }
    }
    occurrenceCheckIn(eventId: $eventId, occurrenceStart: $start) {
      code
      url
      qrCodeUrl
      opensAt
      closesAt
    }
    occurrenceCounts(eventId: $eventId, occurrenceStart: $start) {
      ...OccurrenceLiveFields
    }
  }
`);

const OccurrenceLiveDocument = graphql(`
  subscription OccurrenceLive($eventId: ID!, $start: Time!) {
    occurrenceLive(eventId: $eventId, occurrenceStart: $start) {
      ...OccurrenceLiveFields
    }
  }
`);

const CheckInDocument = graphql(`
  mutation CheckIn($input: CheckInInput!) {
    checkIn(input: $input) {
      id
      personID
      status
      checkedInAt
    }
  }
`);

type Row = CheckInSheetQuery['attendanceSheet']['rows'][number];

/** The open walk-in or deputy panel (one at a time). */
type Panel = { kind: 'walk-in' } | { kind: 'deputy'; person: { id: string; name: string } };

export function CheckInPage({ id }: { id: string }) {
  const [start] = useSearchParam('start');
  // The occurrences around today, to choose from (and to default to the next one).
  const [now] = useState(() => Date.now());
  const [eventResult, refetchEvent] = useQuery({
    query: CheckInEventDocument,
    variables: { id, from: new Date(now - 7 * DAY).toISOString(), to: new Date(now + 90 * DAY).toISOString() },
  });
  const node = eventResult.data?.node;
  const event = node?.__typename === 'Event' ? node : null;
  const navigate = useNavigate();

  const live = event ? event.occurrences.filter((o) => !o.cancelled) : [];
  const chosen = start ? live.find((o) => new Date(o.recurrenceId).getTime() === new Date(start).getTime()) : undefined;
  const fallback = live.find((o) => new Date(o.endsAt).getTime() > now) ?? live[live.length - 1];
  const occurrenceStart = start || fallback?.recurrenceId || '';

  if (!event) {
    return (
      <>
        <PageHeader title="Door check-in" eyebrow={<Link to={`/events/${encodeURIComponent(id)}`}>Event</Link>} />
        {eventResult.error || (eventResult.data && !event) ? (
          <ProblemMessage
            error={eventResult.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }}
            context="Could not load the event."
            onRetry={() => refetchEvent({ requestPolicy: 'network-only' })}
          />
        ) : (
          <Loading label="Loading the event…" />
        )}
      </>
    );
  }
  const zone = event.timeZone || event.programme.timeZone;
  const occurrence = chosen ?? (start ? null : fallback);

  return (
    <>
      <PageHeader title={`Check-in: ${event.title}`} eyebrow={<Link to={`/events/${encodeURIComponent(event.id)}`}>{event.title}</Link>}>
        {occurrence && (
          <p className="lead">
            <time dateTime={isoDateTimeAttr(occurrence.startsAt)}>{formatEventWhen(occurrence.startsAt, occurrence.endsAt, zone)}</time>
          </p>
        )}
      </PageHeader>
      {live.length > 1 && (
        <div className="field field--inline">
          <label className="field__label" htmlFor="occurrence-choice">
            Occurrence
          </label>
          <select
            id="occurrence-choice"
            className="input select"
            value={occurrenceStart}
            onChange={(e) => navigate(`/events/${encodeURIComponent(event.id)}/check-in?start=${encodeURIComponent(e.target.value)}`, { replace: true })}
          >
            {start && !chosen && <option value={start}>{formatDateTime(start, zone)}</option>}
            {live.map((o) => (
              <option key={o.recurrenceId} value={o.recurrenceId}>
                {formatDateTime(o.startsAt, zone)}
              </option>
            ))}
          </select>
        </div>
      )}
      {occurrenceStart ? (
        <Door key={occurrenceStart} eventId={event.id} start={occurrenceStart} zone={zone} />
      ) : (
        <EmptyState title="This event has no occurrences around now.">
          <p>Check-in opens for occurrences from a week ago to three months ahead.</p>
        </EmptyState>
      )}
    </>
  );
}

export function Door({ eventId, start, zone }: { eventId: string; start: string; zone: string }) {
  const [result, refetch] = useQuery({ query: CheckInSheetDocument, variables: { eventId, start } });
  const [sub] = useSubscription({ query: OccurrenceLiveDocument, variables: { eventId, start } });
  const [checkState, checkIn] = useMutation(CheckInDocument);
  const [query, setQuery] = useState('');
  const [justIn, setJustIn] = useState<Record<string, true>>({});
  const [announce, setAnnounce] = useState('');
  const [panel, setPanel] = useState<Panel | null>(null);
  // The button that opened the panel, to return focus to when it closes.
  const opener = useRef<HTMLElement | null>(null);

  const liveData: OccurrenceLiveFieldsFragment | undefined = (sub.data?.occurrenceLive ?? result.data?.occurrenceCounts) as OccurrenceLiveFieldsFragment | undefined;
  const counts = doorCounts(liveData);

  // Someone else checked a person in (another phone, self check-in): refresh the list.
  const liveCheckedIn = sub.data?.occurrenceLive.checkedIn;
  useEffect(() => {
    if (liveCheckedIn !== undefined) refetch({ requestPolicy: 'network-only' });
  }, [liveCheckedIn, refetch]);

  const rows = useMemo(() => doorOrder(result.data?.attendanceSheet.rows ?? []), [result.data]);
  const shown = useMemo(() => searchRows(rows, query), [rows, query]);

  if (!result.data) {
    if (result.error) return <ProblemMessage error={result.error} context="Could not load the attendance list." onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
    return <Loading label="Loading the attendance list…" />;
  }
  const sheet = result.data.attendanceSheet;
  const code = result.data.occurrenceCheckIn;

  const tap = async (row: Row) => {
    const r = await checkIn({ input: { eventId, occurrenceStart: start, personId: row.person.id } });
    if (!r.error) {
      setJustIn((m) => ({ ...m, [row.person.id]: true }));
      setAnnounce(`${row.person.name} is checked in.`);
    }
  };

  const open = (next: Panel, button: HTMLElement) => {
    opener.current = button;
    setAnnounce('');
    setPanel(next);
  };
  const close = (focus: 'opener' | 'search') => {
    setPanel(null);
    const back = opener.current;
    window.setTimeout(() => {
      if (focus === 'opener' && back?.isConnected) back.focus();
      else document.getElementById('door-search')?.focus();
    }, 0);
  };
  const recorded = (message: string) => {
    setAnnounce(message);
    refetch({ requestPolicy: 'network-only' });
    close('search');
  };

  return (
    <div className="door">
      <section aria-labelledby="door-counts-heading" className="card door__counts">
        <h2 id="door-counts-heading" className="visually-hidden">
          Counts
        </h2>
        {counts ? (
          <ul className="counts" aria-live="polite">
            <li className="counts__item">
              <span className="counts__number">{counts.invited}</span>
              <span className="counts__label">Invited</span>
            </li>
            <li className="counts__item counts__item--accepted">
              <span className="counts__number">{counts.accepted}</span>
              <span className="counts__label">Accepted</span>
            </li>
            <li className="counts__item counts__item--checked-in">
              <span className="counts__number">{counts.checkedIn}</span>
              <span className="counts__label">Checked in</span>
            </li>
          </ul>
        ) : (
          <p className="muted">Counts are not available.</p>
        )}
        <p className="muted small">{sub.error ? 'Live updates are paused; counts refresh when you check someone in.' : sub.data ? 'Live: updates as people arrive.' : 'Connecting for live updates…'}</p>
      </section>

      <section aria-labelledby="door-list-heading" className="section door__list">
        <h2 id="door-list-heading">Who is coming</h2>
        <SearchList
          id="door-search"
          label="Search by name or organisation"
          query={query}
          onQueryChange={setQuery}
          items={shown}
          itemKey={(row) => row.person.id}
          listClassName="door__people"
          listLabel={`${shown.length} of ${sheet.rows.length} people`}
          empty={<EmptyState title="Nobody is invited to this occurrence yet." />}
          noMatch={
            <EmptyState title={`Nobody matches “${query}”.`}>
              <p>Check the spelling, or search by organisation. Not invited? Record them as a walk-in.</p>
            </EmptyState>
          }
          itemClassName={(row) => `door__person${justIn[row.person.id] || (row.status != null && IN_ROOM.has(row.status)) ? ' door__person--in' : ''}`}
          renderItem={(row) => {
            const inRoom = justIn[row.person.id] || (row.status != null && IN_ROOM.has(row.status));
            const deputyOpen = panel?.kind === 'deputy' && panel.person.id === row.person.id;
            return (
              <>
                <div className="door__who">
                  <span className="strong">{row.person.name}</span>
                  {row.organisations.length > 0 && <span className="cell-note">{row.organisations.join(', ')}</span>}
                  {row.invitation ? <span className="cell-note">Replied: {RESPONSE[row.invitation.response]}</span> : <span className="cell-note">Walk-in</span>}
                  {row.status === 'DEPUTY' && row.deputy && <span className="cell-note">Deputy: {row.deputy.name}</span>}
                </div>
                {inRoom ? (
                  <Badge tone="success">{row.status === 'DEPUTY' ? 'Deputy came' : 'Checked in'}</Badge>
                ) : (
                  <div className="door__actions">
                    <button type="button" className="button door__button" disabled={checkState.fetching} onClick={() => void tap(row)}>
                      Check in <span className="visually-hidden">{row.person.name}</span>
                    </button>
                    {row.invitation && (
                      <button
                        type="button"
                        className="button button--secondary door__button"
                        aria-expanded={deputyOpen}
                        onClick={(e) => (deputyOpen ? close('opener') : open({ kind: 'deputy', person: row.person }, e.currentTarget))}
                      >
                        Came instead: deputy <span className="visually-hidden">for {row.person.name}</span>
                      </button>
                    )}
                  </div>
                )}
                {deputyOpen && (
                  <div className="door__panel">
                    <WalkInForm eventId={eventId} start={start} deputyFor={panel.person} onRecorded={recorded} onCancel={() => close('opener')} />
                  </div>
                )}
              </>
            );
          }}
        >
          <p className="door__walk-in">
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={panel?.kind === 'walk-in'}
              onClick={(e) => (panel?.kind === 'walk-in' ? close('opener') : open({ kind: 'walk-in' }, e.currentTarget))}
            >
              Someone not on the list?
            </button>
          </p>
          {panel?.kind === 'walk-in' && (
            <div className="door__panel card">
              <WalkInForm eventId={eventId} start={start} initialQuery={query} onRecorded={recorded} onCancel={() => close('opener')} />
            </div>
          )}
          {checkState.error && <ProblemMessage error={checkState.error} context="That check-in was not saved." />}
          <p role="status" className="door__announce">
            {announce}
          </p>
        </SearchList>
      </section>

      <section aria-labelledby="self-heading" className="card door__self">
        <h2 id="self-heading">Self check-in</h2>
        <p>Show this at the venue: invitees scan the QR code or enter the code on their phone.</p>
        <p className="door__code">
          <span className="visually-hidden">Code: </span>
          <code>{code.code}</code>
        </p>
        <img className="door__qr" src={sameOriginPath(code.qrCodeUrl)} width={200} height={200} alt={`QR code that opens the self check-in page (${code.url})`} />
        <p className="muted small">
          Open from {formatDateTime(code.opensAt, zone)} to {formatDateTime(code.closesAt, zone)}.
        </p>
      </section>
    </div>
  );
}

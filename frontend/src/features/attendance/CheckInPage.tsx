// Door check-in for one occurrence (/events/:id/check-in?start=…): search
// the invitees, tap a person to check them in (or undo a mistaken
// check-in), record walk-ins and deputies, live counts over the
// occurrenceLive subscription, and the self check-in code and QR code to
// show at the venue. Built for a phone held at the door. Once an
// occurrence has ended the same screen corrects its record ("corrections"
// mode: no self check-in code; each person's status is chosen from Present,
// Late, Left early and Apologies instead of one tap), reached from the
// event page's past occurrences.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
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
import {
  attendanceIdOf,
  doorCounts,
  doorOrder,
  isCorrection,
  isInRoom,
  isOutcome,
  latestWins,
  liveRecordKey,
  occurrenceWindow,
  outcomeAnnouncement,
  outcomeChoices,
  outcomeCounts,
  recordOf,
  sameOriginPath,
  searchRows,
  statusOf,
  undoneAlready,
  type LocalMarks,
  type Outcome,
} from './checkin';

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
    statuses {
      status
      count
    }
    noShows
    reason
  }
`);

const CheckInSheetDocument = graphql(`
  query CheckInSheet($eventId: ID!, $start: Time!, $door: Boolean!) {
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
        attendance {
          id
          status
        }
        status
        deputy {
          id
          name
        }
      }
      csvUrl
      printUrl
    }
    occurrenceCheckIn(eventId: $eventId, occurrenceStart: $start) @include(if: $door) {
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

// Undo a mistaken check-in (or, when correcting, any record): the record
// goes, and the live counts drop.
const UndoCheckInDocument = graphql(`
  mutation UndoCheckIn($id: ID!) {
    deleteAttendance(id: $id)
  }
`);

type Row = CheckInSheetQuery['attendanceSheet']['rows'][number];

/** The open walk-in or deputy panel (one at a time). */
type Panel = { kind: 'walk-in' } | { kind: 'deputy'; person: { id: string; name: string } };

export function CheckInPage({ id }: { id: string }) {
  const [start] = useSearchParam('start');
  // The occurrences around today, to choose from (and to default to the next one).
  const [now] = useState(() => Date.now());
  const [eventResult, refetchEvent] = useQuery({ query: CheckInEventDocument, variables: occurrenceWindow(id, start, now) });
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
  const corrections = isCorrection(occurrence, now);

  return (
    <>
      <PageHeader title={`${corrections ? 'Attendance' : 'Check-in'}: ${event.title}`} eyebrow={<Link to={`/events/${encodeURIComponent(event.id)}`}>{event.title}</Link>}>
        {occurrence && (
          <p className="lead">
            <time dateTime={isoDateTimeAttr(occurrence.startsAt)}>{formatEventWhen(occurrence.startsAt, occurrence.endsAt, zone)}</time>
          </p>
        )}
      </PageHeader>
      {corrections && (
        <p className="notice">
          This occurrence has ended: you are correcting its attendance record. Record who came, who was late or left early and who sent apologies, or undo a mistaken record.
        </p>
      )}
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
        <Door key={occurrenceStart} eventId={event.id} start={occurrenceStart} zone={zone} corrections={corrections} />
      ) : (
        <EmptyState title="This event has no occurrences around now.">
          <p>The door list covers occurrences from a week ago to three months ahead. For earlier ones, use “Attendance” under Past occurrences on the event page.</p>
        </EmptyState>
      )}
    </>
  );
}

export function Door({ eventId, start, zone, corrections = false }: { eventId: string; start: string; zone: string; corrections?: boolean }) {
  const [result, refetch] = useQuery({ query: CheckInSheetDocument, variables: { eventId, start, door: !corrections } });
  const [sub] = useSubscription({ query: OccurrenceLiveDocument, variables: { eventId, start } });
  const [checkState, checkIn] = useMutation(CheckInDocument);
  // Status changes when correcting: their own state, so a save in flight
  // never disables (and so unfocuses) the control being used.
  const [, saveStatus] = useMutation(CheckInDocument);
  const [undoState, undoCheckIn] = useMutation(UndoCheckInDocument);
  const [undoError, setUndoError] = useState<CombinedError | undefined>();
  const [statusError, setStatusError] = useState<{ name: string; error: CombinedError } | undefined>();
  const [query, setQuery] = useState('');
  // Records written or undone (null) on this screen, until the list reloads.
  const [local, setLocal] = useState<LocalMarks>({});
  // Statuses chosen when correcting whose save has not come back yet, by person id.
  const [chosen, setChosen] = useState<Record<string, Outcome>>({});
  const [announce, setAnnounce] = useState('');
  const [panel, setPanel] = useState<Panel | null>(null);
  // The button that opened the panel, to return focus to when it closes.
  const opener = useRef<HTMLElement | null>(null);
  // The saver below is made once; it reads the current props and hooks here.
  const latest = useRef({ eventId, start, saveStatus, refetch });
  useEffect(() => {
    latest.current = { eventId, start, saveStatus, refetch };
  });
  const [saveOutcome] = useState(() =>
    latestWins<{ row: Row; status: Outcome }, Awaited<ReturnType<typeof saveStatus>>>(
      (personId, { status }) => {
        const { eventId, start, saveStatus } = latest.current;
        return saveStatus({ input: { eventId, occurrenceStart: start, personId, status } });
      },
      (personId, { row, status }, r) => {
        setChosen((m) => {
          if (m[personId] !== status) return m;
          const { [personId]: _saved, ...rest } = m;
          return rest;
        });
        if (!r.data) {
          if (r.error) setStatusError({ name: row.person.name, error: r.error });
          return;
        }
        setStatusError(undefined);
        const { id, status: saved } = r.data.checkIn;
        setLocal((m) => ({ ...m, [personId]: { id, status: saved } }));
        setAnnounce(outcomeAnnouncement(row.person.name, status));
        // The counts, the no-shows and the sheet follow the new status.
        latest.current.refetch({ requestPolicy: 'network-only' });
      },
    ),
  );

  const liveData: OccurrenceLiveFieldsFragment | undefined = (sub.data?.occurrenceLive ?? result.data?.occurrenceCounts) as OccurrenceLiveFieldsFragment | undefined;
  const counts = doorCounts(liveData);
  const outcomes = corrections ? outcomeCounts(liveData) : null;

  // Someone else changed the record (another phone, self check-in, another
  // organiser correcting it): refresh the list.
  const liveKey = liveRecordKey(sub.data?.occurrenceLive);
  useEffect(() => {
    if (liveKey !== undefined) refetch({ requestPolicy: 'network-only' });
  }, [liveKey, refetch]);

  // A reloaded list is the truth again.
  useEffect(() => setLocal({}), [result.data]);

  // Corrections keep the sheet's name order: a row does not jump away when
  // its status changes, and the control in use keeps its focus.
  const rows = useMemo(() => {
    const all = result.data?.attendanceSheet.rows ?? [];
    return corrections ? all : doorOrder(all);
  }, [result.data, corrections]);
  const shown = useMemo(() => searchRows(rows, query), [rows, query]);

  if (!result.data) {
    if (result.error) return <ProblemMessage error={result.error} context="Could not load the attendance list." onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
    return <Loading label="Loading the attendance list…" />;
  }
  const sheet = result.data.attendanceSheet;
  const code = result.data.occurrenceCheckIn;

  const tap = async (row: Row) => {
    const r = await checkIn({ input: { eventId, occurrenceStart: start, personId: row.person.id } });
    if (r.data) {
      const { id, status } = r.data.checkIn;
      setLocal((m) => ({ ...m, [row.person.id]: { id, status } }));
      setAnnounce(`${row.person.name} is checked in.`);
    }
  };
  const undo = async (row: Row) => {
    // At the door only a check-in is undone; when correcting, any record.
    const record = recordOf(row, local);
    const id = corrections ? record?.id : attendanceIdOf(row, local);
    if (!id || undoState.fetching) return;
    const r = await undoCheckIn({ id });
    // Already gone (undone on another phone, or a double tap): the same outcome.
    if (r.error && !undoneAlready(r.error)) {
      setUndoError(r.error);
      return;
    }
    setUndoError(undefined);
    setLocal((m) => ({ ...m, [row.person.id]: null }));
    setAnnounce(record?.status === 'APOLOGIES' ? `${row.person.name}’s apologies are removed.` : `${row.person.name}’s check-in is undone.`);
    refetch({ requestPolicy: 'network-only' });
    // The Undo button is gone: when correcting, the person's status control takes focus.
    if (corrections) {
      window.setTimeout(() => document.getElementById(statusControlId(row.person.id))?.focus(), 0);
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
  const choose = (row: Row, value: string) => {
    // Only the outcomes are chosen; the current "nothing recorded" or
    // "deputy came" is shown, not chosen.
    if (!isOutcome(value) || value === (chosen[row.person.id] ?? statusOf(row, local))) return;
    setChosen((m) => ({ ...m, [row.person.id]: value }));
    setAnnounce('');
    void saveOutcome(row.person.id, { row, status: value });
  };

  return (
    <div className="door">
      <section aria-labelledby="door-counts-heading" className="card door__counts">
        <h2 id="door-counts-heading" className="visually-hidden">
          Counts
        </h2>
        {counts ? (
          <ul className="counts" aria-live="polite">
            <Count n={counts.invited} label="Invited" />
            <Count n={counts.accepted} label="Accepted" modifier="accepted" />
            <Count n={counts.checkedIn} label="Checked in" modifier="checked-in" />
          </ul>
        ) : (
          <p className="muted">Counts are not available.</p>
        )}
        {outcomes && (
          <ul className="counts counts--small" aria-label="Recorded outcomes">
            <Count n={outcomes.late} label="Late" />
            <Count n={outcomes.leftEarly} label="Left early" />
            <Count n={outcomes.apologies} label="Apologies" />
            <Count n={outcomes.noShows} label="No-shows" />
          </ul>
        )}
        <p className="muted small">
          {sub.error
            ? 'Live updates are paused; counts refresh when you check someone in.'
            : sub.data
              ? corrections
                ? 'Live: updates as the record changes.'
                : 'Live: updates as people arrive.'
              : 'Connecting for live updates…'}
        </p>
      </section>

      <section aria-labelledby="door-list-heading" className="section door__list">
        <h2 id="door-list-heading">{corrections ? 'Who was invited or came' : 'Who is coming'}</h2>
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
          itemClassName={(row) => `door__person${isInRoom(row, local) ? ' door__person--in' : ''}`}
          renderItem={(row) => {
            const inRoom = isInRoom(row, local);
            const deputyOpen = panel?.kind === 'deputy' && panel.person.id === row.person.id;
            const deputy = row.invitation && !inRoom && (
              <button
                type="button"
                className="button button--secondary door__button"
                aria-expanded={deputyOpen}
                onClick={(e) => (deputyOpen ? close('opener') : open({ kind: 'deputy', person: row.person }, e.currentTarget))}
              >
                Came instead: deputy <span className="visually-hidden">for {row.person.name}</span>
              </button>
            );
            const undoButton = (what: string) => (
              <button type="button" className="button button--secondary door__button" aria-disabled={undoState.fetching} onClick={() => void undo(row)}>
                Undo{' '}
                <span className="visually-hidden">
                  {what} {row.person.name}
                </span>
              </button>
            );
            let actions;
            if (corrections) {
              // One control with the recorded status in words; choosing another saves it.
              const record = recordOf(row, local);
              const current = chosen[row.person.id] ?? statusOf(row, local);
              actions = (
                <div className="door__actions">
                  <div className="door__status">
                    <label className="door__status-label" htmlFor={statusControlId(row.person.id)}>
                      Attendance <span className="visually-hidden">of {row.person.name}</span>
                    </label>
                    <select
                      id={statusControlId(row.person.id)}
                      className="input select door__select"
                      value={current == null || current === 'ABSENT' ? '' : current}
                      onChange={(e) => choose(row, e.target.value)}
                    >
                      {outcomeChoices(row, local).map((c) => (
                        <option key={c.value} value={c.value} disabled={c.disabled}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  {record && undoButton(record.status === 'APOLOGIES' ? 'apologies from' : 'check-in of')}
                  {deputy}
                </div>
              );
            } else {
              actions = inRoom ? (
                <div className="door__actions">
                  <Badge tone="success">{row.status === 'DEPUTY' && local[row.person.id] === undefined ? 'Deputy came' : 'Checked in'}</Badge>
                  {attendanceIdOf(row, local) && undoButton('check-in of')}
                </div>
              ) : (
                <div className="door__actions">
                  <button type="button" className="button door__button" disabled={checkState.fetching} onClick={() => void tap(row)}>
                    Check in <span className="visually-hidden">{row.person.name}</span>
                  </button>
                  {deputy}
                </div>
              );
            }
            return (
              <>
                <div className="door__who">
                  <span className="strong">{row.person.name}</span>
                  {row.organisations.length > 0 && <span className="cell-note">{row.organisations.join(', ')}</span>}
                  {row.invitation ? <span className="cell-note">Replied: {RESPONSE[row.invitation.response]}</span> : <span className="cell-note">Walk-in</span>}
                  {row.status === 'DEPUTY' && row.deputy && <span className="cell-note">Deputy: {row.deputy.name}</span>}
                </div>
                {actions}
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
          {undoError && <ProblemMessage error={undoError} context="That check-in was not undone." />}
          {statusError && <ProblemMessage error={statusError.error} context={`The change to ${statusError.name}’s attendance was not saved.`} />}
          <p role="status" className="door__announce">
            {announce}
          </p>
        </SearchList>
      </section>

      {code && (
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
      )}

      <section aria-labelledby="sheet-heading" className="card door__sheet">
        <h2 id="sheet-heading">Sign-in sheet</h2>
        <p>For a paper record, or to keep: the list with everyone’s status.</p>
        <ul className="plain-list">
          <li>
            <a href={sameOriginPath(sheet.printUrl)} target="_blank" rel="noopener">
              Printable sign-in sheet <span className="visually-hidden">(opens in a new tab)</span>
            </a>
          </li>
          <li>
            <a href={sameOriginPath(sheet.csvUrl)} download>
              Download the sheet (CSV)
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}

/** The id of a person's status control when correcting, to return focus to. */
function statusControlId(personId: string): string {
  return `door-status-${personId}`;
}

/** One figure of the door's counts. */
function Count({ n, label, modifier }: { n: number; label: string; modifier?: string }) {
  return (
    <li className={modifier ? `counts__item counts__item--${modifier}` : 'counts__item'}>
      <span className="counts__number">{n}</span>
      <span className="counts__label">{label}</span>
    </li>
  );
}

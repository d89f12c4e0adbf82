// "My upcoming events": the next occurrences of everything the signed-in
// person is invited to and has not declined (Viewer.upcomingOccurrences,
// series expanded on the server), each at its time in the event's own
// zone, with the venue or online link, their reply and a quick change, and
// the event as an .ics download.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../graphql/gen';
import type { MyUpcomingQuery, RsvpResponse } from '../../graphql/gen/graphql';
import { usePaginated } from '../../graphql/usePaginated';
import { Link } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { RadioGroup } from '../../ui/form';
import { RESPONSE, RESPONSE_TONE } from '../../lib/labels';
import { formatDateTime, formatEventWhen, isoDateTimeAttr } from '../../lib/time';

export const PAGE_SIZE = 10;

const MyUpcomingDocument = graphql(`
  query MyUpcoming($first: Int, $after: Cursor) {
    viewer {
      upcomingOccurrences(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            occurrence {
              recurrenceId
              startsAt
              endsAt
              cancelled
              moved
              title
              venueName
              venueAddress
              onlineURL
              event {
                id
                kind
                rrule
                allDay
                timeZone
                icsURL
                programme {
                  id
                  name
                  timeZone
                }
              }
            }
            invitation {
              id
              response
              occurrenceStart
              waitlistPosition
            }
          }
        }
      }
    }
  }
`);

const RespondFromAgendaDocument = graphql(`
  mutation RespondFromAgenda($id: ID!, $response: RSVPResponse!) {
    respondToInvitation(id: $id, response: $response) {
      id
      response
      respondedAt
      waitlistPosition
    }
  }
`);

type Item = NonNullable<NonNullable<MyUpcomingQuery['viewer']>['upcomingOccurrences']['edges'][number]>['node'];

const CHOICES: Array<{ value: RsvpResponse; label: string }> = [
  { value: 'ACCEPTED', label: 'Accept' },
  { value: 'TENTATIVE', label: 'Maybe' },
  { value: 'DECLINED', label: 'Decline' },
];

const SAVED: Record<string, string> = {
  ACCEPTED: 'you are coming',
  TENTATIVE: 'maybe',
  DECLINED: 'you are not coming, so it is no longer listed here',
  WAITLISTED: 'the event is full, so you are on the waiting list',
};

/** The event's zone, else its programme's. */
function zoneOf(i: Item): string {
  return i.occurrence.event.timeZone || i.occurrence.event.programme.timeZone;
}

export function MyUpcomingPage() {
  const page = usePaginated(MyUpcomingDocument, {}, (d) => d.viewer?.upcomingOccurrences, { pageSize: PAGE_SIZE });
  const [saved, setSaved] = useState('');
  // A declined occurrence leaves the agenda at once (the server leaves it
  // out from the next load on).
  const items = page.nodes.filter((i) => i.invitation.response !== 'DECLINED');

  return (
    <>
      <PageHeader title="My upcoming events">
        <p className="lead">Forums and workshops you are invited to over the next year, soonest first. Times are in each event’s own time zone.</p>
      </PageHeader>
      <p role="status" className="agenda__saved">
        {saved}
      </p>
      {page.loading ? (
        <Loading label="Loading your upcoming events…" />
      ) : page.error && page.nodes.length === 0 ? (
        <ProblemMessage error={page.error} context="Could not load your upcoming events." onRetry={page.retry} />
      ) : items.length === 0 && !page.hasNextPage ? (
        <EmptyState title="Nothing coming up.">
          <p>
            When an organiser invites you to a forum or workshop, its dates appear here until you decline. To have them in your own calendar app
            as well, and kept up to date, use <Link to="/account">Subscribe to my calendar</Link> on your account page.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="paginated__count" aria-live="polite">
            Showing {items.length} of {page.totalCount - (page.nodes.length - items.length)} upcoming dates
          </p>
          <ul className="invitation-list" aria-label="Upcoming events">
            {items.map((i) => (
              <li key={`${i.occurrence.event.id}-${i.occurrence.recurrenceId}`}>
                <AgendaCard item={i} onSaved={setSaved} />
              </li>
            ))}
          </ul>
          {page.error && <ProblemMessage error={page.error} onRetry={page.retry} context="Could not load more of your upcoming events." />}
          {page.hasNextPage && (
            <div className="paginated__more">
              <button
                type="button"
                className="button button--secondary"
                aria-disabled={page.fetchingMore}
                onClick={() => {
                  if (!page.fetchingMore) page.loadMore();
                }}
              >
                {page.fetchingMore ? 'Loading…' : 'Show more'}
              </button>
            </div>
          )}
          <p className="muted">
            See these in your own calendar app: <Link to="/account">Subscribe to my calendar</Link>.
          </p>
        </>
      )}
    </>
  );
}

export function AgendaCard({ item: i, onSaved }: { item: Item; onSaved: (message: string) => void }) {
  const o = i.occurrence;
  const zone = zoneOf(i);
  const key = `${o.event.id}-${Date.parse(o.recurrenceId)}`;
  const headingId = `agenda-${key}-title`;
  const when = formatEventWhen(o.startsAt, o.endsAt, zone, o.event.allDay);
  // A reply to a series invitation answers for every date of it.
  const forSeries = !!o.event.rrule && !i.invitation.occurrenceStart;

  return (
    <article className="card agenda-item" aria-labelledby={headingId}>
      <h2 id={headingId} className="invitation__title">
        {o.title}
      </h2>
      <p className="muted">
        {o.event.programme.name} · {o.event.kind === 'FORUM' ? 'Forum' : 'Workshop'}
      </p>
      <p>
        <time dateTime={isoDateTimeAttr(o.startsAt)}>{when}</time>
        {o.moved && <span className="block muted">Moved from {formatDateTime(o.recurrenceId, zone)}</span>}
      </p>
      {(o.venueName || o.venueAddress) && (
        <p>
          {o.venueName && <span className="block">{o.venueName}</span>}
          {o.venueAddress && <span className="block muted">{o.venueAddress}</span>}
        </p>
      )}
      {o.onlineURL && (
        <p>
          <a href={o.onlineURL} rel="noopener noreferrer">
            Join online<span className="visually-hidden">: {o.title}, {when}</span>
          </a>{' '}
          <span className="muted agenda-item__url">{hostOf(o.onlineURL)}</span>
        </p>
      )}
      <p className="badges badges--header">
        {o.cancelled ? <Badge tone="danger">Cancelled</Badge> : <Badge tone={RESPONSE_TONE[i.invitation.response]}>{RESPONSE[i.invitation.response]}</Badge>}
        {o.moved && !o.cancelled && <Badge tone="info">Moved</Badge>}
        {i.invitation.response === 'WAITLISTED' && i.invitation.waitlistPosition != null && (
          <span className="muted"> number {i.invitation.waitlistPosition} on the waiting list</span>
        )}
      </p>
      {o.cancelled ? (
        <p>This date has been cancelled.</p>
      ) : (
        <QuickReply item={i} fieldKey={key} forSeries={forSeries} when={when} onSaved={onSaved} />
      )}
      <p className="agenda-item__links">
        <Link to={`/events/${encodeURIComponent(o.event.id)}`}>
          Event details<span className="visually-hidden">: {o.title}, {when}</span>
        </Link>
        <a href={o.event.icsURL} download>
          Download .ics{' '}<span className="visually-hidden">for {o.title}</span>
        </a>
      </p>
    </article>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

function QuickReply({
  item: i,
  fieldKey,
  forSeries,
  when,
  onSaved,
}: {
  item: Item;
  fieldKey: string;
  forSeries: boolean;
  when: string;
  onSaved: (message: string) => void;
}) {
  const [state, respond] = useMutation(RespondFromAgendaDocument);
  const current = i.invitation.response;
  const [choice, setChoice] = useState<RsvpResponse | ''>(current === 'ACCEPTED' || current === 'TENTATIVE' || current === 'DECLINED' ? current : '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    onSaved('');
    const r = await respond({ id: i.invitation.id, response: choice });
    if (!r.error && r.data) {
      const res = r.data.respondToInvitation.response;
      onSaved(`Reply saved for ${i.occurrence.title}${forSeries ? ' (every date)' : ''}: ${SAVED[res] ?? RESPONSE[res].toLowerCase()}.`);
    }
  };
  return (
    <form onSubmit={submit} className="agenda-item__reply">
      <RadioGroup
        name={`reply-${fieldKey}`}
        label="Your reply"
        hint={forSeries ? 'Your reply counts for every date of this series.' : undefined}
        inline
        options={CHOICES}
        value={choice}
        onChange={(v) => setChoice(v as RsvpResponse)}
      />
      {state.error && <ProblemMessage error={state.error} context="Your reply was not saved." />}
      <button type="submit" className="button button--secondary" disabled={!choice || choice === current || state.fetching}>
        {state.fetching ? 'Saving…' : 'Change reply'}{' '}
        <span className="visually-hidden">
          for {i.occurrence.title}, {when}
        </span>
      </button>
    </form>
  );
}

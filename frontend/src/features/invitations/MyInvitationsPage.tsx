// "My invitations": the signed-in person's invitations, with Accept / Maybe
// / Decline and their access needs, sent with respondToInvitation.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../graphql/gen';
import type { MyInvitationFieldsFragment, RsvpResponse } from '../../graphql/gen/graphql';
import { usePaginated, type Paginated } from '../../graphql/usePaginated';
import { Link } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { RadioGroup, TextArea } from '../../ui/form';
import { RESPONSE, RESPONSE_TONE } from '../../lib/labels';
import { formatEventWhen, isoDateTimeAttr } from '../../lib/time';
import { nextTime } from './invitations';

graphql(`
  fragment MyInvitationFields on Invitation {
    id
    response
    accessNeeds
    occurrenceStart
    waitlistPosition
    event {
      id
      title
      startsAt
      endsAt
      allDay
      timeZone
      status
      venueName
      recurrenceDescription
      rrule
      occurrences(from: $from, to: $to) {
        startsAt
        endsAt
        cancelled
      }
      programme {
        id
        name
        timeZone
      }
    }
  }
`);

// Upcoming invitations, as the server orders them (unanswered first, then
// soonest), and how many are past.
const MyInvitationsDocument = graphql(`
  query MyInvitations($from: Time!, $to: Time!, $first: Int, $after: Cursor) {
    viewer {
      invitations(where: { upcoming: true }, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...MyInvitationFields
          }
        }
      }
      past: invitations(where: { upcoming: false }) {
        totalCount
      }
    }
  }
`);

// Past invitations, most recent first; loaded when the list is opened.
const MyPastInvitationsDocument = graphql(`
  query MyPastInvitations($from: Time!, $to: Time!, $first: Int, $after: Cursor) {
    viewer {
      invitations(where: { upcoming: false }, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...MyInvitationFields
          }
        }
      }
    }
  }
`);

const RespondDocument = graphql(`
  mutation RespondToInvitation($id: ID!, $response: RSVPResponse!, $accessNeeds: String) {
    respondToInvitation(id: $id, response: $response, accessNeeds: $accessNeeds) {
      id
      response
      respondedAt
      accessNeeds
      waitlistPosition
    }
  }
`);

type Inv = MyInvitationFieldsFragment;

const CHOICES: Array<{ value: RsvpResponse; label: string }> = [
  { value: 'ACCEPTED', label: 'Accept' },
  { value: 'TENTATIVE', label: 'Maybe' },
  { value: 'DECLINED', label: 'Decline' },
];

const SAVED: Partial<Record<string, string>> = { ACCEPTED: 'you are coming', TENTATIVE: 'maybe', DECLINED: 'you are not coming', WAITLISTED: 'you are on the waiting list' };

const PAGE = 25;

export function MyInvitationsPage() {
  const [span] = useState(() => {
    const now = Date.now();
    return { now, from: new Date(now).toISOString(), to: new Date(now + 400 * 24 * 3600 * 1000).toISOString() };
  });
  const range = { from: span.from, to: span.to };
  const upcoming = usePaginated(MyInvitationsDocument, range, (d) => d.viewer?.invitations, { pageSize: PAGE });
  const pastCount = upcoming.data?.viewer?.past.totalCount ?? 0;
  const [pastOpen, setPastOpen] = useState(false);

  return (
    <>
      <PageHeader title="My invitations">
        <p className="lead">Say whether you are coming and tell the organisers what you need to take part.</p>
      </PageHeader>
      {upcoming.loading ? (
        <Loading label="Loading your invitations…" />
      ) : upcoming.error && upcoming.nodes.length === 0 ? (
        <ProblemMessage error={upcoming.error} context="Could not load your invitations." onRetry={upcoming.retry} />
      ) : upcoming.totalCount + pastCount === 0 ? (
        <EmptyState title="You have no invitations.">
          <p>When an organiser invites you to an event it appears here, and in your calendar feed.</p>
        </EmptyState>
      ) : (
        <>
          {upcoming.nodes.length === 0 ? (
            <EmptyState title="You have no upcoming invitations." />
          ) : (
            <>
              <ul className="invitation-list" aria-label="Upcoming invitations">
                {upcoming.nodes.map((i) => (
                  <li key={i.id}>
                    <InvitationCard invitation={i} now={span.now} />
                  </li>
                ))}
              </ul>
              {upcoming.error && <ProblemMessage error={upcoming.error} onRetry={upcoming.retry} context="Could not load more invitations." />}
              <MoreButton page={upcoming} noun="invitations" />
            </>
          )}
          {pastCount > 0 && (
            <details className="section" onToggle={(e) => setPastOpen((e.target as HTMLDetailsElement).open)}>
              <summary>Past events ({pastCount})</summary>
              {pastOpen && <PastInvitations range={range} now={span.now} />}
            </details>
          )}
        </>
      )}
    </>
  );
}

function PastInvitations({ range, now }: { range: { from: string; to: string }; now: number }) {
  const past = usePaginated(MyPastInvitationsDocument, range, (d) => d.viewer?.invitations, { pageSize: PAGE });
  if (past.loading) return <Loading label="Loading your past invitations…" />;
  if (past.error && past.nodes.length === 0) return <ProblemMessage error={past.error} context="Could not load your past invitations." onRetry={past.retry} />;
  return (
    <>
      <ul className="invitation-list" aria-label="Past invitations">
        {past.nodes.map((i) => (
          <li key={i.id}>
            <InvitationCard invitation={i} now={now} past />
          </li>
        ))}
      </ul>
      {past.error && <ProblemMessage error={past.error} onRetry={past.retry} context="Could not load more invitations." />}
      <MoreButton page={past} noun="past invitations" />
    </>
  );
}

function MoreButton({ page, noun }: { page: Paginated<unknown, unknown>; noun: string }) {
  if (!page.hasNextPage) return null;
  return (
    <div className="paginated__more">
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={page.fetchingMore}
        onClick={() => {
          if (!page.fetchingMore) page.loadMore();
        }}
      >
        {page.fetchingMore ? 'Loading…' : `Show more ${noun}`}
      </button>
    </div>
  );
}

export function InvitationCard({ invitation: i, now, past = false }: { invitation: Inv; now: number; past?: boolean }) {
  const [state, respond] = useMutation(RespondDocument);
  const [choice, setChoice] = useState<RsvpResponse | ''>(i.response === 'ACCEPTED' || i.response === 'TENTATIVE' || i.response === 'DECLINED' ? i.response : '');
  const [needs, setNeeds] = useState(i.accessNeeds ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  // After "Send reply", focus moves to what happened: the confirmation, or the problem.
  const [outcome, setOutcome] = useState<{ n: number; ok: boolean } | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) (outcome.ok ? statusRef : problemRef).current?.focus();
  }, [outcome]);
  const zone = i.event.timeZone || i.event.programme.timeZone;
  const { startsAt: start, endsAt: end } = nextTime(i, now);
  const headingId = `inv-${i.id}-title`;
  const cancelled = i.event.status === 'CANCELLED';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    setSaved(null);
    const r = await respond({ id: i.id, response: choice, accessNeeds: needs.trim() });
    const ok = !r.error && !!r.data;
    if (ok) setSaved(`Reply saved: ${SAVED[r.data!.respondToInvitation.response] ?? RESPONSE[r.data!.respondToInvitation.response].toLowerCase()}.`);
    setOutcome((o) => ({ n: (o?.n ?? 0) + 1, ok }));
  };

  return (
    <article className="card invitation" aria-labelledby={headingId}>
      <h2 id={headingId} className="invitation__title">
        {i.event.title}
      </h2>
      <p className="muted">
        {i.event.programme.name}
        {i.event.rrule && !i.occurrenceStart ? ` · ${i.event.recurrenceDescription}` : ''}
      </p>
      <p>
        {i.event.rrule && !i.occurrenceStart && !past && <span className="muted">Next: </span>}
        <time dateTime={isoDateTimeAttr(start)}>{formatEventWhen(start, end, zone, i.event.allDay)}</time>
        {i.event.venueName && <span className="block">{i.event.venueName}</span>}
      </p>
      <p className="badges">
        <Badge tone={RESPONSE_TONE[i.response]}>{RESPONSE[i.response]}</Badge>
        {i.response === 'WAITLISTED' && i.waitlistPosition != null && <span className="muted"> number {i.waitlistPosition} on the waiting list</span>}
        {cancelled && <Badge tone="danger">Cancelled</Badge>}
      </p>
      {!cancelled && !past && (
        <form onSubmit={submit} className="invitation__form">
          <RadioGroup
            name={`reply-${i.id}`}
            label="Your reply"
            inline
            options={CHOICES}
            value={choice}
            onChange={(v) => setChoice(v as RsvpResponse)}
          />
          <TextArea
            name={`needs-${i.id}`}
            label="Access needs"
            optional
            rows={2}
            hint="For example step-free access, a hearing loop, dietary needs or an interpreter."
            value={needs}
            onChange={(e) => setNeeds(e.target.value)}
          />
          {state.error && (
            <div ref={problemRef} tabIndex={-1}>
              <ProblemMessage error={state.error} context="Your reply was not saved." />
            </div>
          )}
          <div className="form__actions">
            <button type="submit" className="button" disabled={!choice || state.fetching}>
              {state.fetching ? 'Sending…' : 'Send reply'}
            </button>
            <Link to={`/events/${encodeURIComponent(i.event.id)}`}>Event details</Link>
          </div>
          <p role="status" className="muted" ref={statusRef} tabIndex={-1}>
            {saved}
          </p>
        </form>
      )}
    </article>
  );
}

// "My invitations": the signed-in person's invitations, with Accept / Maybe
// / Decline and their access needs, sent with respondToInvitation.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { MyInvitationsQuery, RsvpResponse } from '../../graphql/gen/graphql';
import { nodesOf } from '../../graphql/usePaginated';
import { Link } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { RadioGroup, TextArea } from '../../ui/form';
import { RESPONSE, RESPONSE_TONE } from '../../lib/labels';
import { formatEventWhen, isoDateTimeAttr } from '../../lib/time';
import { nextTime, splitInvitations } from './invitations';

const MyInvitationsDocument = graphql(`
  query MyInvitations($from: Time!, $to: Time!) {
    viewer {
      person {
        id
        invitations(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) {
          totalCount
          edges {
            node {
              id
              response
              accessNeeds
              occurrenceStart
              withdrawnAt
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

type Inv = ReturnType<typeof nodesOf<NonNullable<NonNullable<NonNullable<NonNullable<MyInvitationsQuery['viewer']>['person']['invitations']['edges']>[number]>['node']>>>[number];

const CHOICES: Array<{ value: RsvpResponse; label: string }> = [
  { value: 'ACCEPTED', label: 'Accept' },
  { value: 'TENTATIVE', label: 'Maybe' },
  { value: 'DECLINED', label: 'Decline' },
];

const SAVED: Partial<Record<string, string>> = { ACCEPTED: 'you are coming', TENTATIVE: 'maybe', DECLINED: 'you are not coming', WAITLISTED: 'you are on the waiting list' };

export function MyInvitationsPage() {
  const [span] = useState(() => {
    const now = Date.now();
    return { now, from: new Date(now).toISOString(), to: new Date(now + 400 * 24 * 3600 * 1000).toISOString() };
  });
  const [result, refetch] = useQuery({ query: MyInvitationsDocument, variables: { from: span.from, to: span.to } });
  const person = result.data?.viewer?.person;
  const { upcoming, past } = person ? splitInvitations(nodesOf(person.invitations).filter((i) => !i.withdrawnAt), span.now) : { upcoming: [], past: [] };

  return (
    <>
      <PageHeader title="My invitations">
        <p className="lead">Say whether you are coming and tell the organisers what you need to take part.</p>
      </PageHeader>
      {result.error && !person ? (
        <ProblemMessage error={result.error} context="Could not load your invitations." onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !result.data ? (
        <Loading label="Loading your invitations…" />
      ) : upcoming.length + past.length === 0 ? (
        <EmptyState title="You have no invitations.">
          <p>When an organiser invites you to an event it appears here, and in your calendar feed.</p>
        </EmptyState>
      ) : (
        <>
          {upcoming.length === 0 ? (
            <EmptyState title="You have no upcoming invitations." />
          ) : (
            <ul className="invitation-list" aria-label="Upcoming invitations">
              {upcoming.map((i) => (
                <li key={i.id}>
                  <InvitationCard invitation={i} now={span.now} />
                </li>
              ))}
            </ul>
          )}
          {past.length > 0 && (
            <details className="section">
              <summary>Past events ({past.length})</summary>
              <ul className="invitation-list">
                {past.map((i) => (
                  <li key={i.id}>
                    <InvitationCard invitation={i} now={span.now} past />
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </>
  );
}

export function InvitationCard({ invitation: i, now, past = false }: { invitation: Inv; now: number; past?: boolean }) {
  const [state, respond] = useMutation(RespondDocument);
  const [choice, setChoice] = useState<RsvpResponse | ''>(i.response === 'ACCEPTED' || i.response === 'TENTATIVE' || i.response === 'DECLINED' ? i.response : '');
  const [needs, setNeeds] = useState(i.accessNeeds ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const zone = i.event.timeZone || i.event.programme.timeZone;
  const { startsAt: start, endsAt: end } = nextTime(i, now);
  const headingId = `inv-${i.id}-title`;
  const cancelled = i.event.status === 'CANCELLED';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    setSaved(null);
    const r = await respond({ id: i.id, response: choice, accessNeeds: needs.trim() });
    if (!r.error && r.data) setSaved(`Reply saved: ${SAVED[r.data.respondToInvitation.response] ?? RESPONSE[r.data.respondToInvitation.response].toLowerCase()}.`);
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
          {state.error && <ProblemMessage error={state.error} context="Your reply was not saved." />}
          <div className="form__actions">
            <button type="submit" className="button" disabled={!choice || state.fetching}>
              {state.fetching ? 'Sending…' : 'Send reply'}
            </button>
            <Link to={`/events/${encodeURIComponent(i.event.id)}`}>Event details</Link>
          </div>
          <p role="status" className="muted">
            {saved}
          </p>
        </form>
      )}
    </article>
  );
}

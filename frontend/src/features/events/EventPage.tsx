import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { InvitationResponse, InvitationWhereInput } from '../../graphql/gen/graphql';
import { nodesOf, usePaginated } from '../../graphql/usePaginated';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { Loading, ProblemMessage } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { FilterBar, SelectFilter } from '../../ui/filters';
import { EVENT_KIND, RESPONSE, RESPONSE_TONE, ROLE, STAKEHOLDER_GROUP, enumValue, optionsOf } from '../../lib/labels';
import { formatDateTime, isoDateTimeAttr, viewerTimeZone } from '../../lib/time';
import { EventWhen } from './eventColumns';
import { describeRrule } from './rrule';
import { useCanOrganise } from '../account/viewer';
import { useCanMinute } from '../minutes/useCanMinute';
import { InviteButton } from './InviteDialog';
import { LiveNote, ReplyCountsList, useEventReplies } from './replies';
import { InvitationManage } from './InvitationManage';
import { OccurrenceActions } from './OccurrenceActions';
import { PastOccurrences } from '../attendance/PastOccurrences';
import { SeriesFeedLink } from '../programmes/PublicFeeds';

const EventQuery = graphql(`
  query Event($id: ID!) {
    accepted: invitations(where: { eventID: $id, response: ACCEPTED }) {
      totalCount
    }
    tentative: invitations(where: { eventID: $id, response: TENTATIVE }) {
      totalCount
    }
    declined: invitations(where: { eventID: $id, response: DECLINED }) {
      totalCount
    }
    pending: invitations(where: { eventID: $id, response: PENDING }) {
      totalCount
    }
    waitlisted: invitations(where: { eventID: $id, response: WAITLISTED }) {
      totalCount
    }
    node(id: $id) {
      __typename
      ... on Event {
        id
        title
        kind
        status
        description
        timeZone
        startsAt
        endsAt
        allDay
        rrule
        exdates
        venueName
        venueAddress
        venueAccess
        onlineURL
        capacity
        sequence
        cancelledAt
        programme {
          id
          name
          timeZone
        }
        invited: invitations {
          totalCount
        }
      }
    }
  }
`);

const InvitationsQuery = graphql(`
  query EventInvitations($first: Int, $after: Cursor, $where: InvitationWhereInput) {
    invitations(first: $first, after: $after, where: $where, orderBy: { field: RESPONSE, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          role
          response
          respondedAt
          waitlistPosition
          accessNeeds
          occurrenceStart
          person {
            id
            name
            stakeholderGroup
            memberships(first: 1) {
              edges {
                node {
                  id
                  organisation {
                    id
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

export function EventPage({ id }: { id: string }) {
  const [result, refetch] = useQuery({ query: EventQuery, variables: { id } });
  const node = result.data?.node;
  const event = node?.__typename === 'Event' ? node : null;
  const canOrganise = useCanOrganise(event?.programme.id ?? '');
  const canMinute = useCanMinute(event?.programme.id ?? '');
  // The person form is the directory's, which organisers edit.
  const canEditPeople = useCanOrganise();
  // Organisers and consultants (the same people who minute) see every
  // reply, live; others see the counts their privacy rules allow.
  const canReadReplies = !!event && canMinute;
  const replies = useEventReplies(id, { pause: !canReadReplies });

  if (!event) {
    if (result.fetching || (!result.data && !result.error)) return <Loading label="Loading the event…" />;
    return (
      <>
        <PageHeader title="Event not found" eyebrow={<Link to="/events">Events</Link>} />
        <ProblemMessage error={result.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </>
    );
  }

  const zone = event.timeZone || event.programme.timeZone;
  const here = viewerTimeZone();
  // Counts per reply come from filtered root queries: Event.invitations
  // takes no filter (people-related edges are not filterable).
  const data = result.data!;
  const live = canReadReplies ? replies.counts : null;
  const counts: Record<InvitationResponse, number> = live
    ? { ACCEPTED: live.accepted, TENTATIVE: live.tentative, PENDING: live.pending, WAITLISTED: live.waitlisted, DECLINED: live.declined }
    : {
        ACCEPTED: data.accepted.totalCount,
        TENTATIVE: data.tentative.totalCount,
        PENDING: data.pending.totalCount,
        WAITLISTED: data.waitlisted.totalCount,
        DECLINED: data.declined.totalCount,
      };
  const invited = live ? live.total : event.invited.totalCount;
  const repeats = event.rrule ? describeRrule(event.rrule, zone) : null;

  return (
    <>
      <PageHeader
        title={event.title}
        eyebrow={<Link to={`/programmes/${encodeURIComponent(event.programme.id)}`}>{event.programme.name}</Link>}
        actions={
          <>
            {canMinute && (
              <Link to={`/events/${encodeURIComponent(event.id)}/representation`} className="button button--secondary">
                Representation report
              </Link>
            )}
            {/* Members read the minutes of meetings they were invited to; organisers and consultants write them. */}
            <Link to={`/events/${encodeURIComponent(event.id)}/minutes`} className="button button--secondary">
              {canMinute ? 'Minutes and actions' : 'Minutes'}
            </Link>
            {canOrganise && (
            <>
              <InviteButton
                eventId={event.id}
                eventTitle={event.title}
                zone={zone}
                replies={canReadReplies ? replies : undefined}
                onInvited={() => refetch({ requestPolicy: 'network-only' })}
              />
              <Link to={`/events/${encodeURIComponent(event.id)}/check-in`} className="button button--secondary">
                Door check-in
              </Link>
              <Link to={`/events/${encodeURIComponent(event.id)}/edit`} className="button button--secondary">
                Edit event
              </Link>
            </>
            )}
          </>
        }
      >
        <p className="badges badges--header">
          <Badge tone={event.kind === 'FORUM' ? 'info' : 'neutral'}>{EVENT_KIND[event.kind]}</Badge>
          {event.status === 'CANCELLED' && <Badge tone="danger">Cancelled</Badge>}
          {event.rrule && <Badge>Repeats</Badge>}
        </p>
      </PageHeader>

      {event.status === 'CANCELLED' && (
        <div className="notice notice--danger">
          <p>
            This event was cancelled{event.cancelledAt ? ` on ${formatDateTime(event.cancelledAt, zone)}` : ''}. Invitees’ calendars show it as cancelled.
          </p>
        </div>
      )}

      <div className="event-layout">
        <section aria-labelledby="details-heading" className="card">
          <h2 id="details-heading">Details</h2>
          <dl className="details">
            <dt>{event.rrule ? 'First time' : 'When'}</dt>
            <dd>
              <EventWhen e={{ ...event, timeZone: zone }} />
              {here !== zone && (
                <span className="muted">
                  {' '}
                  ({formatDateTime(event.startsAt, here)} where you are)
                </span>
              )}
            </dd>
            {event.rrule && (
              <>
                <dt>Repeats</dt>
                <dd>
                  {repeats ?? 'On a custom schedule'}
                  <br />
                  <code className="muted small">{event.rrule}</code>
                </dd>
              </>
            )}
            <dt>Time zone</dt>
            <dd>{zone}</dd>
            <dt>Venue</dt>
            <dd>
              {event.venueName || event.venueAddress ? (
                <>
                  {event.venueName && <span className="block">{event.venueName}</span>}
                  {event.venueAddress && <span className="block pre-line">{event.venueAddress}</span>}
                </>
              ) : (
                'No venue (online only)'
              )}
            </dd>
            {event.venueAccess && (
              <>
                <dt>Access</dt>
                <dd className="pre-line">{event.venueAccess}</dd>
              </>
            )}
            <dt>Online</dt>
            <dd>
              {event.onlineURL ? (
                <a href={event.onlineURL} rel="noopener noreferrer" target="_blank">
                  Join online<span className="visually-hidden"> (opens in a new tab)</span>
                </a>
              ) : (
                'In person only'
              )}
            </dd>
            <dt>Places</dt>
            <dd>{event.capacity ? `${counts.ACCEPTED} of ${event.capacity} taken` : 'No limit'}</dd>
          </dl>
          {event.description && (
            <>
              <h3>About</h3>
              <p className="pre-line">{event.description}</p>
            </>
          )}
        </section>

        <section aria-labelledby="replies-heading" className="card">
          <h2 id="replies-heading">Replies</h2>
          <ReplyCountsList
            counts={{ total: invited, accepted: counts.ACCEPTED, tentative: counts.TENTATIVE, declined: counts.DECLINED, waitlisted: counts.WAITLISTED, pending: counts.PENDING }}
            label={`Replies from ${invited} invited`}
            live={!!live}
          />
          <p className="muted">{invited} invited in total.</p>
          {canReadReplies && <LiveNote replies={replies} />}
        </section>
      </div>

      {canOrganise && event.rrule && event.status !== 'CANCELLED' && <OccurrenceActions eventId={event.id} zone={zone} />}
      {canOrganise && <PastOccurrences eventId={event.id} zone={zone} />}

      <Invitations eventId={event.id} zone={zone} liveKey={live ? JSON.stringify(live) : ''} canEditPeople={canEditPeople} canManage={canOrganise} />

      <SeriesFeedLink eventId={event.id} />
    </>
  );
}

function Invitations({ eventId, zone, liveKey, canEditPeople, canManage }: { eventId: string; zone: string; liveKey: string; canEditPeople: boolean; canManage: boolean }) {
  const [responseParam, setResponse] = useSearchParam('response');
  const response = enumValue(RESPONSE, responseParam);
  const where: InvitationWhereInput = { eventID: eventId };
  if (response) where.response = response;
  const page = usePaginated(InvitationsQuery, { where }, (d) => d.invitations);
  // A live change to the reply counts (someone replied, was invited or
  // withdrawn): reload the list too. The first live counts change nothing.
  const seen = useRef('');
  const retry = page.retry;
  useEffect(() => {
    if (seen.current && liveKey && liveKey !== seen.current) retry();
    if (liveKey) seen.current = liveKey;
  }, [liveKey, retry]);

  return (
    <section aria-labelledby="invitations-heading" className="section">
      <h2 id="invitations-heading">Invitations</h2>
      <FilterBar label="Filter invitations">
        <SelectFilter name="response" label="Reply" value={response ?? ''} onChange={setResponse} options={optionsOf(RESPONSE)} allLabel="All replies" />
      </FilterBar>
      <PaginatedTable
        page={page}
        caption="Invitations"
        noun="invitations"
        rowKey={(i) => i.id}
        empty={{
          title: response ? `No invitations with the reply “${RESPONSE[response]}”.` : 'Nobody has been invited yet.',
        }}
        columns={[
          {
            header: 'Name',
            cell: (i) => (
              <>
                {canEditPeople ? <Link to={`/people/${encodeURIComponent(i.person.id)}/edit`}>{i.person.name}</Link> : <span className="strong">{i.person.name}</span>}
                {nodesOf(i.person.memberships)[0] && <span className="cell-note">{nodesOf(i.person.memberships)[0]!.organisation.name}</span>}
              </>
            ),
          },
          { header: 'Group', cell: (i) => (i.person.stakeholderGroup ? STAKEHOLDER_GROUP[i.person.stakeholderGroup] : <span className="muted">Not shown</span>) },
          { header: 'Role', cell: (i) => ROLE[i.role] },
          {
            header: 'Reply',
            cell: (i) => (
              <>
                <Badge tone={RESPONSE_TONE[i.response]}>{RESPONSE[i.response]}</Badge>
                {i.response === 'WAITLISTED' && i.waitlistPosition != null && <span className="muted"> (number {i.waitlistPosition})</span>}
              </>
            ),
          },
          {
            header: 'Replied',
            cell: (i) => (i.respondedAt ? <time dateTime={isoDateTimeAttr(i.respondedAt)}>{formatDateTime(i.respondedAt, zone)}</time> : '—'),
          },
          { header: 'Access needs', cell: (i) => i.accessNeeds || '—' },
          ...(canManage
            ? [{ header: 'Manage', cell: (i: (typeof page.nodes)[number]) => <InvitationManage invitationId={i.id} personName={i.person.name} onChanged={retry} /> }]
            : []),
        ]}
      />
    </section>
  );
}

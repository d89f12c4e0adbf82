// An event's reply counts, kept current: the eventReplies subscription
// (counts at once, then after every reply, invitation or withdrawal) over
// the replySummary query, which stands in until the first live message and
// whenever the live connection is down. Organisers and consultants only.
import { useSubscription, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { ReplyCountsFieldsFragment } from '../../graphql/gen/graphql';
import type { CombinedError } from 'urql';

graphql(`
  fragment ReplyCountsFields on ReplyCounts {
    total
    pending
    accepted
    tentative
    declined
    waitlisted
  }
`);

const ReplySummaryDocument = graphql(`
  query EventReplySummary($id: ID!) {
    node(id: $id) {
      __typename
      ... on Event {
        id
        replySummary {
          totals {
            ...ReplyCountsFields
          }
        }
      }
    }
  }
`);

const EventRepliesDocument = graphql(`
  subscription EventReplies($eventId: ID!) {
    eventReplies(eventId: $eventId) {
      ...ReplyCountsFields
    }
  }
`);

export type ReplyTotals = ReplyCountsFieldsFragment;

export interface EventReplies {
  counts: ReplyTotals | null;
  /** Counts arrive live (the subscription has answered and not failed). */
  live: boolean;
  /** Set when there are no counts to show because loading them failed. */
  error: CombinedError | undefined;
  fetching: boolean;
}

export function useEventReplies(eventId: string, { pause = false }: { pause?: boolean } = {}): EventReplies {
  const [sub] = useSubscription({ query: EventRepliesDocument, variables: { eventId }, pause });
  const [query] = useQuery({ query: ReplySummaryDocument, variables: { id: eventId }, pause, requestPolicy: 'cache-and-network' });
  const node = query.data?.node;
  const fromQuery = node?.__typename === 'Event' ? (node.replySummary.totals) : null;
  const fromLive = sub.data?.eventReplies ?? null;
  const counts = fromLive ?? fromQuery;
  return {
    counts,
    live: !!fromLive && !sub.error,
    error: counts ? undefined : (query.error ?? sub.error),
    fetching: !counts && (query.fetching || (!query.error && !sub.error)),
  };
}

/** The order and words screens use for replies. */
export const REPLY_ITEMS: ReadonlyArray<{ key: 'accepted' | 'tentative' | 'declined' | 'waitlisted' | 'pending'; label: string; modifier: string }> = [
  { key: 'accepted', label: 'Accepted', modifier: 'accepted' },
  { key: 'tentative', label: 'Maybe', modifier: 'tentative' },
  { key: 'declined', label: 'Declined', modifier: 'declined' },
  { key: 'waitlisted', label: 'Waiting list', modifier: 'waitlisted' },
  { key: 'pending', label: 'No reply', modifier: 'pending' },
];

/** Invited, then each reply, as a row of numbers; announced politely when they change. */
export function ReplyCountsList({ counts, label, small, live }: { counts: ReplyTotals; label: string; small?: boolean; live?: boolean }) {
  return (
    <ul className={`counts${small ? ' counts--small' : ''}`} aria-label={label} aria-live={live ? 'polite' : undefined}>
      <li className="counts__item">
        <span className="counts__number">{counts.total}</span>
        <span className="counts__label">Invited</span>
      </li>
      {REPLY_ITEMS.map((item) => (
        <li key={item.key} className={`counts__item counts__item--${item.modifier}`}>
          <span className="counts__number">{counts[item.key]}</span>
          <span className="counts__label">{item.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** Says whether the numbers above are live. */
export function LiveNote({ replies }: { replies: EventReplies }) {
  return <p className="muted small">{replies.live ? 'Live: updates as replies come in.' : 'Counts as of opening; live updates are not connected.'}</p>;
}

import { graphql } from '../../graphql/gen';

graphql(`
  fragment EventRow on Event {
    id
    title
    kind
    status
    timeZone
    startsAt
    endsAt
    allDay
    rrule
    venueName
    onlineURL
    capacity
    invitations {
      totalCount
    }
  }
`);

/**
 * Events across programmes (the Events screen), or one programme's, with
 * each series' next date after $nextAfter (the server reads the overrides
 * once for the page).
 */
export const EventListQuery = graphql(`
  query EventList($first: Int, $after: Cursor, $where: EventWhereInput, $orderBy: EventOrder, $nextAfter: Time) {
    events(first: $first, after: $after, where: $where, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...EventRow
          programme {
            id
            name
          }
          nextOccurrence(after: $nextAfter) {
            startsAt
            endsAt
          }
        }
      }
    }
  }
`);

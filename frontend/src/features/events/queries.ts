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

/** Events across programmes (the Events screen), or one programme's. */
export const EventListQuery = graphql(`
  query EventList($first: Int, $after: Cursor, $where: EventWhereInput, $orderBy: EventOrder) {
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
        }
      }
    }
  }
`);

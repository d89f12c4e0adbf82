// Public calendar feeds: a public programme's feed on its page, and one
// series' feed on an event page. The server gives the addresses only when
// the programme is public (feedURLs / seriesFeedURLs are null otherwise).
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import { CopyField } from '../account/AccountPage';

interface FeedURLs {
  url: string;
  webcal: string;
}

/** "Subscribe to this programme's calendar": webcal:// button and the https:// address to copy. */
export function ProgrammeFeed({ name, urls }: { name: string; urls: FeedURLs }) {
  return (
    <section aria-labelledby="programme-feed-heading" className="section card">
      <h2 id="programme-feed-heading">Subscribe to this programme’s calendar</h2>
      <p>
        This programme’s calendar is public: anyone can add its forums and workshops to their own calendar, and changes reach them on their next refresh.
      </p>
      <p>
        <a className="button" href={urls.webcal}>
          Open in my calendar app<span className="visually-hidden"> ({name})</span>
        </a>
      </p>
      <CopyField id="programme-feed-url" label="Calendar address (https), for Google Calendar “From URL”" value={urls.url} />
      <CopyField id="programme-feed-webcal" label="Calendar address (webcal)" value={urls.webcal} />
    </section>
  );
}

const SeriesFeedQuery = graphql(`
  query SeriesFeed($id: ID!) {
    node(id: $id) {
      __typename
      ... on Event {
        id
        rrule
        seriesFeedURLs {
          url
          webcal
        }
      }
    }
  }
`);

/** On an event page: this series' public feed, when its programme is public. Renders nothing otherwise. */
export function SeriesFeedLink({ eventId }: { eventId: string }) {
  const [result] = useQuery({ query: SeriesFeedQuery, variables: { id: eventId } });
  const node = result.data?.node;
  if (!node || node.__typename !== 'Event' || !node.seriesFeedURLs) return null;
  const urls = node.seriesFeedURLs;
  const what = node.rrule ? 'this series' : 'this event';
  return (
    <section aria-labelledby="series-feed-heading" className="section card">
      <h2 id="series-feed-heading">Subscribe to {what}</h2>
      <p>
        Public calendar: add {what} to your calendar and keep it up to date.{' '}
        <a href={urls.webcal}>
          Open in my calendar app<span className="visually-hidden"> ({what})</span>
        </a>
      </p>
      <CopyField id="series-feed-url" label={`Calendar address for ${what} (https)`} value={urls.url} />
    </section>
  );
}

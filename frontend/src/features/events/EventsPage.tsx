import { usePaginated } from '../../graphql/usePaginated';
import type { EventWhereInput } from '../../graphql/gen/graphql';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { FilterBar, SelectFilter } from '../../ui/filters';
import { EVENT_KIND, enumValue, optionsOf } from '../../lib/labels';
import { EventListQuery } from './queries';
import { eventColumns } from './eventColumns';
import { pastWhere, upcomingWhere, useNow } from './time-windows';
import { useCanOrganise } from '../account/viewer';

const WHEN_OPTIONS = [{ value: 'past', label: 'Past events' }];

/** Every programme's events, upcoming first: the partnership's calendar. */
export function EventsPage() {
  const now = useNow();
  const canOrganise = useCanOrganise();
  const [kindParam, setKind] = useSearchParam('kind');
  const [when, setWhen] = useSearchParam('when');
  const kind = enumValue(EVENT_KIND, kindParam);
  const past = when === 'past';
  const extra: EventWhereInput = kind ? { kind } : {};
  const page = usePaginated(
    EventListQuery,
    {
      where: past ? pastWhere(now, extra) : upcomingWhere(now, extra),
      orderBy: { field: 'STARTS_AT', direction: past ? 'DESC' : 'ASC' },
      nextAfter: now,
    },
    (d) => d.events,
  );

  return (
    <>
      <PageHeader
        title="Events"
        actions={
          canOrganise && (
            <Link to="/events/new" className="button">
              New event
            </Link>
          )
        }
      >
        <p className="lead">Forums and workshops across every programme. Times are shown in each event’s own time zone.</p>
      </PageHeader>
      <FilterBar label="Filter events">
        <SelectFilter name="when" label="Show" value={past ? 'past' : ''} onChange={setWhen} options={WHEN_OPTIONS} allLabel="Upcoming events" />
        <SelectFilter name="kind" label="Kind" value={kind ?? ''} onChange={setKind} options={optionsOf(EVENT_KIND)} allLabel="Forums and workshops" />
      </FilterBar>
      <PaginatedTable
        page={page}
        caption={past ? 'Past events' : 'Upcoming events'}
        noun="events"
        rowKey={(e) => e.id}
        columns={eventColumns({ showProgramme: true })}
        rowClassName={(e) => (e.status === 'CANCELLED' ? 'row--muted' : undefined)}
        empty={{
          title: past ? 'No past events.' : 'No upcoming events.',
          body: past ? undefined : (
            <p>
              <Link to="/events/new">Schedule a forum or workshop</Link>.
            </p>
          ),
        }}
      />
    </>
  );
}

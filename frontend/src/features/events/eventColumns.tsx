import { Link } from '../../app/router';
import type { Column } from '../../ui/DataTable';
import { Badge } from '../../ui/Badge';
import { EVENT_KIND } from '../../lib/labels';
import { formatEventWhen, isoDateTimeAttr } from '../../lib/time';
import type { EventKind, EventStatus } from '../../graphql/gen/graphql';
import { describeRrule } from './rrule';

/** The event fields every event list shows (see the EventRow fragment). */
export interface EventRowData {
  id: string;
  title: string;
  kind: EventKind;
  status: EventStatus;
  timeZone?: string | null;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  rrule?: string | null;
  venueName?: string | null;
  onlineURL?: string | null;
  capacity?: number | null;
  invitations: { totalCount: number };
  programme?: { id: string; name: string };
  /** A series' next date that is not cancelled (moves applied), when the list asked for it. */
  nextOccurrence?: { startsAt: string; endsAt: string } | null;
}

export function EventWhen({ e }: { e: Pick<EventRowData, 'startsAt' | 'endsAt' | 'timeZone' | 'allDay'> }) {
  return <time dateTime={isoDateTimeAttr(e.startsAt)}>{formatEventWhen(e.startsAt, e.endsAt, e.timeZone, e.allDay)}</time>;
}

/** For a repeating series: the rule in words, then its next date when known, else when it began. */
export function SeriesWhen({ e, next }: { e: Pick<EventRowData, 'startsAt' | 'endsAt' | 'timeZone' | 'allDay' | 'rrule'>; next?: { startsAt: string; endsAt: string } }) {
  return (
    <>
      <span className="block">{(e.rrule && describeRrule(e.rrule, e.timeZone)) ?? 'Repeats'}</span>
      <span className="block muted">
        {next ? (
          <>
            next <EventWhen e={{ ...e, ...next }} />
          </>
        ) : (
          <>
            from <EventWhen e={e} />
          </>
        )}
      </span>
    </>
  );
}

export function eventColumns(options: { showProgramme?: boolean } = {}): Column<EventRowData>[] {
  const cols: Column<EventRowData>[] = [
    { header: 'When', className: 'nowrap-md', cell: (e) => (e.rrule ? <SeriesWhen e={e} next={e.nextOccurrence ?? undefined} /> : <EventWhen e={e} />) },
    {
      header: 'Event',
      cell: (e) => (
        <>
          <Link to={`/events/${encodeURIComponent(e.id)}`}>{e.title}</Link>
          <span className="badges">
            <Badge tone={e.kind === 'FORUM' ? 'info' : 'neutral'}>{EVENT_KIND[e.kind]}</Badge>
            {e.rrule && <Badge>Repeats</Badge>}
            {e.status === 'CANCELLED' && <Badge tone="danger">Cancelled</Badge>}
          </span>
        </>
      ),
    },
  ];
  if (options.showProgramme) {
    cols.push({
      header: 'Programme',
      cell: (e) => (e.programme ? <Link to={`/programmes/${encodeURIComponent(e.programme.id)}`}>{e.programme.name}</Link> : '—'),
    });
  }
  cols.push(
    { header: 'Where', cell: (e) => [e.venueName, e.onlineURL ? 'Online' : null].filter(Boolean).join(' and ') || '—' },
    {
      header: 'Invited',
      className: 'num',
      cell: (e) => (
        <>
          {e.invitations.totalCount}
          {e.capacity ? <span className="muted"> for {e.capacity} places</span> : null}
        </>
      ),
    },
  );
  return cols;
}

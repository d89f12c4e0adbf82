import { useMemo, useRef } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { ProgrammeCalendarQuery } from '../../graphql/gen/graphql';
import { Link, useSearchParam } from '../../app/router';
import { PageHeader, useDocumentTitle } from '../../ui/PageHeader';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { formatDateTime, isoDateTimeAttr, LOCALE, viewerTimeZone } from '../../lib/time';
import { addMonths, byDay, formatMonth, gridRange, monthGrid, parseMonth, zonedDateKey, type MonthGrid } from './monthGrid';
import { addWeeks, clockChange, mondayOf, monthOfWeek, parseWeek, weekColumns, weekForMonth, weekRange, weekTitle, type WeekColumn } from './weekGrid';

const ProgrammeCalendarQuery = graphql(`
  query ProgrammeCalendar($id: ID!, $from: Time!, $to: Time!) {
    node(id: $id) {
      __typename
      ... on Programme {
        id
        name
        timeZone
        occurrences(from: $from, to: $to) {
          recurrenceId
          startsAt
          endsAt
          cancelled
          moved
          title
          venueName
          event {
            id
          }
        }
      }
    }
  }
`);

type Programme = Extract<NonNullable<ProgrammeCalendarQuery['node']>, { __typename: 'Programme' }>;
type Occurrence = Programme['occurrences'][number];

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function thisMonth(timeZone: string): { year: number; month: number } {
  const key = zonedDateKey(new Date().toISOString(), timeZone);
  return { year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)) };
}

function monthTitle(year: number, month: number): string {
  return new Intl.DateTimeFormat(LOCALE, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
}

function dayTitle(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(LOCALE, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

function timeRange(o: Occurrence, timeZone: string): string {
  const f = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', timeZone });
  return `${f.format(new Date(o.startsAt))}–${f.format(new Date(o.endsAt))}`;
}

type View = 'month' | 'week' | 'agenda';

export function CalendarPage({ id }: { id: string }) {
  const [monthParam, setMonth] = useSearchParam('month');
  const [weekParam, setWeek] = useSearchParam('week');
  const [viewParam, setView] = useSearchParam('view');
  const view: View = viewParam === 'agenda' || viewParam === 'week' ? viewParam : 'month';
  const today = zonedDateKey(new Date().toISOString(), viewerTimeZone());
  const ym = parseMonth(monthParam) ?? thisMonth(viewerTimeZone());
  // The week shown: the one in the address, else this week (or the first week of the month in the address).
  const monday = parseWeek(weekParam) ?? (parseMonth(monthParam) ? weekForMonth(ym.year, ym.month, today) : mondayOf(today));
  const grid = useMemo(() => monthGrid(ym.year, ym.month), [ym.year, ym.month]);
  const range = view === 'week' ? weekRange(monday, 'UTC') : gridRange(grid, 'UTC');
  const [result, refetch] = useQuery({
    query: ProgrammeCalendarQuery,
    // Widened by a day either side so any programme zone's days are covered; filtered below.
    variables: { id, ...widen(range) },
  });
  const node = result.data?.node;
  const loaded = node?.__typename === 'Programme' ? node : null;
  // Keep the toolbar (and the focused button) while the next month loads.
  const last = useRef<Programme | null>(null);
  if (loaded) last.current = loaded;
  const programme = loaded ?? (result.fetching ? last.current : null);
  const title = programme ? `Calendar: ${programme.name}` : 'Calendar';
  const period = view === 'week' ? `week of ${weekTitle(monday)}` : monthTitle(ym.year, ym.month);
  useDocumentTitle(`${title}, ${period}`);

  const go = (delta: number) => {
    if (view === 'week') return setWeek(addWeeks(monday, delta));
    const next = addMonths(ym.year, ym.month, delta);
    setMonth(formatMonth(next.year, next.month));
  };
  const goToday = () => {
    if (view === 'week') setWeek('');
    setMonth('');
  };
  // Switching views keeps the period: the week view opens on a week of the month shown, and back.
  const choose = (next: View) => {
    if (next === view) return;
    if (next === 'week') {
      setWeek(monday);
    } else if (view === 'week') {
      const m = monthOfWeek(monday);
      setMonth(formatMonth(m.year, m.month));
      setWeek('');
    }
    setView(next === 'month' ? '' : next);
  };

  const eyebrow = <Link to={`/programmes/${encodeURIComponent(id)}`}>{programme?.name ?? 'Programme'}</Link>;

  if (!programme && (result.fetching || (!result.data && !result.error))) return <Loading label="Loading the calendar…" />;
  if (!programme) {
    return (
      <>
        <PageHeader title="Calendar" eyebrow={eyebrow} />
        <ProblemMessage
          context="Could not load the calendar."
          error={result.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
        />
      </>
    );
  }

  const timeZone = programme.timeZone;
  const occurrences = loaded?.occurrences ?? [];
  const inMonth = new Set(grid.weeks.flat().filter((d) => d.inMonth).map((d) => d.date));
  const days = byDay(occurrences, timeZone);
  const columns = weekColumns(occurrences, monday, timeZone);
  const count =
    view === 'week'
      ? columns.reduce((n, c) => n + c.items.length, 0)
      : [...days].filter(([d]) => inMonth.has(d)).reduce((n, [, list]) => n + list.length, 0);
  const unit = view === 'week' ? 'week' : 'month';
  const neighbour = (delta: number) => (view === 'week' ? weekTitle(addWeeks(monday, delta)) : monthTitle(...ym2(addMonths(ym.year, ym.month, delta))));

  return (
    <>
      <PageHeader title={title} eyebrow={eyebrow}>
        <p className="lead">Times are shown in the programme’s time zone, {timeZone}.</p>
      </PageHeader>

      <div className="calendar-toolbar">
        <div className="calendar-toolbar__nav" role="group" aria-label={view === 'week' ? 'Week' : 'Month'}>
          <button type="button" className="button button--secondary" onClick={() => go(-1)} aria-label={`Previous ${unit}, ${neighbour(-1)}`}>
            ‹ Previous
          </button>
          <h2 className="calendar-toolbar__month" aria-live="polite">
            {view === 'week' ? weekTitle(monday) : monthTitle(ym.year, ym.month)}
          </h2>
          <button type="button" className="button button--secondary" onClick={() => go(1)} aria-label={`Next ${unit}, ${neighbour(1)}`}>
            Next ›
          </button>
          <button type="button" className="button button--secondary" onClick={goToday}>
            {view === 'week' ? 'This week' : 'This month'}
          </button>
        </div>
        <div className="calendar-toolbar__views" role="group" aria-label="View">
          <button type="button" className="button button--secondary" aria-pressed={view === 'month'} onClick={() => choose('month')}>
            Month
          </button>
          <button type="button" className="button button--secondary" aria-pressed={view === 'week'} onClick={() => choose('week')}>
            Week
          </button>
          <button type="button" className="button button--secondary" aria-pressed={view === 'agenda'} onClick={() => choose('agenda')}>
            Agenda
          </button>
        </div>
      </div>

      {result.error && <ProblemMessage context={`Could not load this ${unit}.`} error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {result.fetching && <Loading label={`Loading the ${unit}…`} />}
      {!result.fetching && !result.error && count === 0 && (
        <EmptyState title={`Nothing scheduled in ${view === 'week' ? `the week of ${weekTitle(monday)}` : monthTitle(ym.year, ym.month)}.`}>
          <p>
            Try another {unit}, or <Link to={`/events/new?programme=${encodeURIComponent(programme.id)}`}>schedule an event</Link>.
          </p>
        </EmptyState>
      )}

      {view === 'month' ? (
        <MonthTable grid={grid} days={days} timeZone={timeZone} />
      ) : view === 'week' ? (
        <WeekColumns monday={monday} columns={columns} timeZone={timeZone} today={zonedDateKey(new Date().toISOString(), timeZone)} />
      ) : (
        <Agenda days={[...days].filter(([d]) => inMonth.has(d))} timeZone={timeZone} />
      )}
    </>
  );
}

const ym2 = (m: { year: number; month: number }): [number, number] => [m.year, m.month];

function widen(r: { from: string; to: string }): { from: string; to: string } {
  const DAY = 86_400_000;
  return { from: new Date(Date.parse(r.from) - DAY).toISOString(), to: new Date(Date.parse(r.to) + DAY).toISOString() };
}

function MonthTable({ grid, days, timeZone }: { grid: MonthGrid; days: Map<string, Occurrence[]>; timeZone: string }) {
  return (
    <table className="calendar-month">
      <caption className="visually-hidden">{monthTitle(grid.year, grid.month)}, weeks from Monday</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((d) => (
            <th key={d} scope="col">
              <abbr title={d}>{d.slice(0, 3)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.weeks.map((week) => (
          <tr key={week[0]!.date}>
            {week.map((d) => {
              const list = days.get(d.date) ?? [];
              return (
                <td key={d.date} className={`calendar-day${d.inMonth ? '' : ' calendar-day--outside'}${list.length ? '' : ' calendar-day--empty'}`}>
                  <span className="calendar-day__number">
                    <span className="visually-hidden">{dayTitle(d.date)}</span>
                    <span aria-hidden="true">{d.day}</span>
                  </span>
                  {list.length > 0 && <OccurrenceList items={list} timeZone={timeZone} />}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeekColumns({ monday, columns, timeZone, today }: { monday: string; columns: WeekColumn<Occurrence>[]; timeZone: string; today: string }) {
  return (
    <ol className="calendar-week" aria-label={`Week of ${weekTitle(monday)}, Monday to Sunday`}>
      {columns.map(({ date, items }) => {
        const change = clockChange(date, timeZone);
        const isToday = date === today;
        return (
          <li key={date} className={`calendar-week__day${isToday ? ' calendar-week__day--today' : ''}`} aria-labelledby={`week-day-${date}`}>
            <h3 id={`week-day-${date}`} className="calendar-week__heading" aria-current={isToday ? 'date' : undefined}>
              {dayTitle(date)}
              {isToday && (
                <>
                  {' '}
                  <Badge tone="info">Today</Badge>
                </>
              )}
            </h3>
            {change && <p className="calendar-week__clocks">Clocks go {change} an hour</p>}
            {items.length > 0 ? <OccurrenceList items={items} timeZone={timeZone} /> : <p className="calendar-week__none">Nothing scheduled</p>}
          </li>
        );
      })}
    </ol>
  );
}

function Agenda({ days, timeZone }: { days: Array<[string, Occurrence[]]>; timeZone: string }) {
  if (days.length === 0) return null;
  return (
    <div className="calendar-agenda">
      {days.map(([date, list]) => (
        <section key={date} aria-labelledby={`day-${date}`} className="calendar-agenda__day">
          <h3 id={`day-${date}`}>{dayTitle(date)}</h3>
          <OccurrenceList items={list} timeZone={timeZone} />
        </section>
      ))}
    </div>
  );
}

function OccurrenceList({ items, timeZone }: { items: Occurrence[]; timeZone: string }) {
  return (
    <ul className="calendar-occurrences">
      {items.map((o) => (
        <li key={`${o.event.id}/${o.recurrenceId}`} className={`calendar-occurrence${o.cancelled ? ' calendar-occurrence--cancelled' : ''}`}>
          <time dateTime={isoDateTimeAttr(o.startsAt)} className="calendar-occurrence__time">
            {timeRange(o, timeZone)}
          </time>{' '}
          <Link to={`/events/${encodeURIComponent(o.event.id)}`}>{o.cancelled ? <s>{o.title}</s> : o.title}</Link>
          {o.cancelled && (
            <>
              {' '}
              <Badge tone="danger">Cancelled</Badge>
            </>
          )}
          {o.moved && !o.cancelled && (
            <>
              {' '}
              <Badge tone="warning">Moved</Badge>
              <span className="calendar-occurrence__was"> from {formatDateTime(o.recurrenceId, timeZone)}</span>
            </>
          )}
          {o.venueName && <span className="calendar-occurrence__venue"> · {o.venueName}</span>}
        </li>
      ))}
    </ul>
  );
}

// The event form's "Repeats" editor: common patterns as plain controls,
// producing an RFC 5545 RRULE; any rule stays editable as raw text under
// "Advanced: RRULE" (and rules the controls cannot show use only that).
import { useEffect, useRef, useState } from 'react';
import { TextField } from '../../ui/form';
import { WEEKDAYS, WEEKDAY_NAME, buildRrule, parseRrule, summariseRecurrence, type Ending, type Recurrence, type Weekday } from './recurrence';

type Pattern = 'none' | 'weekly' | 'nweeks' | 'monthlyWeekday' | 'nmonthsWeekday' | 'monthlyDay' | 'nmonthsDay' | 'custom';

const PATTERNS: Array<[Pattern, string]> = [
  ['none', 'Does not repeat'],
  ['weekly', 'Weekly'],
  ['nweeks', 'Every N weeks'],
  ['monthlyWeekday', 'Monthly on the Nth weekday (e.g. 2nd Tuesday)'],
  ['monthlyDay', 'Monthly on a day of the month'],
  ['nmonthsWeekday', 'Every N months on the Nth weekday'],
  ['nmonthsDay', 'Every N months on a day of the month'],
];

const ORDINALS: Array<[number, string]> = [
  [1, '1st'],
  [2, '2nd'],
  [3, '3rd'],
  [4, '4th'],
  [5, '5th'],
  [-1, 'Last'],
];

function patternOf(r: Recurrence | null): Pattern {
  if (!r) return 'custom';
  if (r.kind === 'weekly') return r.interval === 1 ? 'weekly' : 'nweeks';
  if (r.kind === 'monthlyWeekday') return r.interval === 1 ? 'monthlyWeekday' : 'nmonthsWeekday';
  if (r.kind === 'monthlyDay') return r.interval === 1 ? 'monthlyDay' : 'nmonthsDay';
  return r.kind;
}

/** Weekday and day of month of a datetime-local value, to preset new patterns. */
function startInfo(startsAt: string): { day: Weekday; monthDay: number; ordinal: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(startsAt);
  if (!m) return { day: 'MO', monthDay: 1, ordinal: 1 };
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const day = WEEKDAYS[(d.getUTCDay() + 6) % 7]!;
  const monthDay = d.getUTCDate();
  return { day, monthDay, ordinal: Math.min(5, Math.ceil(monthDay / 7)) };
}

function timeOf(value: string): string {
  return /T(\d{2}:\d{2})/.exec(value)?.[1] ?? '';
}

interface Props {
  rrule: string;
  onChange: (rrule: string, problem: string | null) => void;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  error?: string | undefined;
}

export function RecurrenceEditor({ rrule, onChange, timeZone, startsAt, endsAt, error }: Props) {
  const [model, setModel] = useState<Recurrence | null>(() => parseRrule(rrule, timeZone));
  const [pattern, setPattern] = useState<Pattern>(() => patternOf(parseRrule(rrule, timeZone)));
  const [problem, setProblem] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(() => parseRrule(rrule, timeZone) === null);

  function emit(next: Recurrence, zone = timeZone) {
    setModel(next);
    const r = buildRrule(next, zone);
    if (r.ok) {
      setProblem(null);
      onChange(r.rrule, null);
    } else {
      setProblem(r.error);
      onChange(rrule, r.error);
    }
  }

  // UNTIL is the end of a day in the event's zone: re-encode when the zone changes.
  const zoneRef = useRef(timeZone);
  useEffect(() => {
    if (zoneRef.current === timeZone) return;
    zoneRef.current = timeZone;
    if (model && model.kind !== 'none' && model.ending.kind === 'until') emit(model, timeZone);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [timeZone]);

  const info = startInfo(startsAt);
  const ending: Ending = model && model.kind !== 'none' ? model.ending : { kind: 'never' };

  function choosePattern(p: Pattern) {
    setPattern(p);
    if (p === 'custom') return;
    const interval = model && model.kind !== 'none' ? model.interval : 1;
    if (p === 'none') return emit({ kind: 'none' });
    if (p === 'weekly' || p === 'nweeks') {
      const days = model?.kind === 'weekly' ? model.days : [info.day];
      return emit({ kind: 'weekly', interval: p === 'weekly' ? 1 : Math.max(2, interval), days, ending });
    }
    // Every N months keeps the interval already chosen (2 at least); monthly is every 1.
    const months = p === 'nmonthsWeekday' || p === 'nmonthsDay' ? Math.max(2, interval) : 1;
    if (p === 'monthlyWeekday' || p === 'nmonthsWeekday') {
      const keep = model?.kind === 'monthlyWeekday' ? model : info;
      return emit({ kind: 'monthlyWeekday', interval: months, ordinal: keep.ordinal, day: keep.day, ending });
    }
    const monthDay = model?.kind === 'monthlyDay' ? model.monthDay : info.monthDay;
    return emit({ kind: 'monthlyDay', interval: months, monthDay, ending });
  }

  function setEnding(e: Ending) {
    if (model && model.kind !== 'none') emit({ ...model, ending: e });
  }

  const time = [timeOf(startsAt), timeOf(endsAt)].filter(Boolean).join('–');
  const id = 'rrule-pattern';
  const shownError = problem ?? error;

  return (
    <div className={`field${shownError ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        Repeats
      </label>
      <select id={id} className="input" value={pattern} onChange={(e) => choosePattern(e.target.value as Pattern)}>
        {PATTERNS.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
        {pattern === 'custom' && <option value="custom">Custom rule (see Advanced)</option>}
      </select>

      {model?.kind === 'weekly' && pattern === 'nweeks' && (
        <TextField
          name="rrule-interval"
          label="Every how many weeks"
          type="number"
          min={1}
          inputMode="numeric"
          value={String(model.interval)}
          onChange={(e) => emit({ ...model, interval: Number(e.target.value) })}
        />
      )}

      {model?.kind === 'weekly' && (
        <fieldset className="field fieldset">
          <legend className="field__label">On</legend>
          <div className="radios radios--inline">
            {WEEKDAYS.map((d) => (
              <div className="checkbox" key={d}>
                <input
                  type="checkbox"
                  id={`rrule-day-${d}`}
                  checked={model.days.includes(d)}
                  onChange={(e) => emit({ ...model, days: e.target.checked ? [...model.days, d] : model.days.filter((x) => x !== d) })}
                />
                <label htmlFor={`rrule-day-${d}`}>{WEEKDAY_NAME[d]}</label>
              </div>
            ))}
          </div>
        </fieldset>
      )}

      {(model?.kind === 'monthlyWeekday' || model?.kind === 'monthlyDay') && (pattern === 'nmonthsWeekday' || pattern === 'nmonthsDay') && (
        <TextField
          name="rrule-interval-months"
          label="Every how many months"
          type="number"
          min={1}
          inputMode="numeric"
          value={String(model.interval)}
          onChange={(e) => emit({ ...model, interval: Number(e.target.value) })}
        />
      )}

      {model?.kind === 'monthlyWeekday' && (
        <div className="field-row">
          <div className="field">
            <label className="field__label" htmlFor="rrule-ordinal">
              Week of the month
            </label>
            <select id="rrule-ordinal" className="input" value={model.ordinal} onChange={(e) => emit({ ...model, ordinal: Number(e.target.value) })}>
              {ORDINALS.map(([n, label]) => (
                <option key={n} value={n}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="rrule-weekday">
              Day
            </label>
            <select id="rrule-weekday" className="input" value={model.day} onChange={(e) => emit({ ...model, day: e.target.value as Weekday })}>
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {WEEKDAY_NAME[d]}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}

      {model?.kind === 'monthlyDay' && (
        <TextField
          name="rrule-monthday"
          label="Day of the month"
          hint="Months without this day are skipped."
          type="number"
          min={1}
          max={31}
          inputMode="numeric"
          value={String(model.monthDay)}
          onChange={(e) => emit({ ...model, monthDay: Number(e.target.value) })}
        />
      )}

      {model && model.kind !== 'none' && (
        <fieldset className="field fieldset">
          <legend className="field__label">Stops repeating</legend>
          <div className="radios">
            <div className="radio">
              <input type="radio" id="rrule-end-never" name="rrule-end" checked={ending.kind === 'never'} onChange={() => setEnding({ kind: 'never' })} />
              <label htmlFor="rrule-end-never">Never</label>
            </div>
            <div className="radio">
              <input
                type="radio"
                id="rrule-end-count"
                name="rrule-end"
                checked={ending.kind === 'count'}
                onChange={() => setEnding({ kind: 'count', count: 10 })}
              />
              <label htmlFor="rrule-end-count">After a number of times</label>
            </div>
            <div className="radio">
              <input
                type="radio"
                id="rrule-end-until"
                name="rrule-end"
                checked={ending.kind === 'until'}
                onChange={() => setEnding({ kind: 'until', date: startsAt.slice(0, 10) })}
              />
              <label htmlFor="rrule-end-until">On a date</label>
            </div>
          </div>
          {ending.kind === 'count' && (
            <TextField
              name="rrule-count"
              label="Number of times"
              type="number"
              min={1}
              inputMode="numeric"
              value={String(ending.count)}
              onChange={(e) => setEnding({ kind: 'count', count: Number(e.target.value) })}
            />
          )}
          {ending.kind === 'until' && (
            <TextField
              name="rrule-until"
              label="Last date"
              hint={`Inclusive, in ${timeZone}.`}
              type="date"
              value={ending.date}
              onChange={(e) => setEnding({ kind: 'until', date: e.target.value })}
            />
          )}
        </fieldset>
      )}

      {shownError && (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {shownError}
        </p>
      )}
      <p className="field__hint" aria-live="polite" data-testid="rrule-summary">
        {model ? summariseRecurrence(model, time, timeZone) : 'Custom rule, see Advanced below.'}
      </p>

      <details open={advancedOpen || Boolean(error)} onToggle={(e) => setAdvancedOpen((e.target as HTMLDetailsElement).open)}>
        <summary>Advanced: RRULE</summary>
        <TextField
          name="rrule"
          label="Recurrence rule (RFC 5545)"
          optional
          hint={
            <>
              For example <code>FREQ=MONTHLY;BYDAY=2TU</code>. Leave blank for a one-off event.
            </>
          }
          spellCheck={false}
          autoComplete="off"
          className="input--mono"
          value={rrule}
          onChange={(e) => {
            const text = e.target.value;
            const parsed = parseRrule(text, timeZone);
            setModel(parsed);
            setPattern(patternOf(parsed));
            setProblem(null);
            onChange(text, null);
          }}
          error={error}
        />
      </details>
    </div>
  );
}


// Reads an iCalendar document on stdin and prints, as JSON, what a client
// built on ical.js (Mozilla's parser, the one Thunderbird uses) sees: every
// event's occurrences (recurrences expanded, EXDATEs removed, overrides
// applied) as UTC instants, its text properties unescaped, and any timed
// value that is floating (neither UTC nor tied to a known VTIMEZONE).
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';

const text = readFileSync(0, 'utf8');
const cal = new ICAL.Component(ICAL.parse(text));
const zones = new Set(['UTC']);
for (const tz of cal.getAllSubcomponents('vtimezone')) {
  const zone = new ICAL.Timezone(tz);
  ICAL.TimezoneService.register(zone.tzid, zone);
  zones.add(zone.tzid);
}

const until = ICAL.Time.fromDateTimeString('2031-01-01T00:00:00Z');
const instant = (t) => (t.isDate ? t.toString() : t.toJSDate().toISOString());
const floating = [];
const masters = new Map();
const exceptions = [];
for (const ve of cal.getAllSubcomponents('vevent')) {
  for (const name of ['dtstart', 'dtend', 'exdate', 'recurrence-id']) {
    for (const p of ve.getAllProperties(name)) {
      for (const v of p.getValues()) {
        if (v.isDate) continue;
        const tzid = v.zone && v.zone.tzid;
        if (!tzid || !zones.has(tzid)) floating.push(`${ve.getFirstPropertyValue('uid')} ${name} ${v.toString()}`);
      }
    }
  }
  const ev = new ICAL.Event(ve);
  if (ev.isRecurrenceException()) exceptions.push(ev);
  else masters.set(ev.uid, ev);
}
const orphans = [];
for (const ex of exceptions) {
  const m = masters.get(ex.uid);
  if (m) m.relateException(ex);
  else orphans.push(ex);
}

const describe = (ev) => ({
  uid: ev.uid,
  summary: ev.summary,
  description: ev.description,
  location: ev.location,
  status: ev.component.getFirstPropertyValue('status'),
  sequence: ev.sequence,
  organizer: ev.organizer,
  attendees: ev.attendees.map((a) => ({
    value: a.getFirstValue(),
    cn: a.getParameter('cn'),
    partstat: a.getParameter('partstat'),
  })),
  occurrences: [],
});

const out = [];
for (const ev of masters.values()) {
  const d = describe(ev);
  if (ev.isRecurring()) {
    const it = ev.iterator();
    let t;
    while ((t = it.next()) && t.compare(until) < 0 && d.occurrences.length < 1000) {
      const o = ev.getOccurrenceDetails(t);
      d.occurrences.push({
        recurrenceId: instant(o.recurrenceId),
        start: instant(o.startDate),
        end: instant(o.endDate),
        summary: o.item.summary,
        location: o.item.location,
        status: o.item.component.getFirstPropertyValue('status'),
      });
    }
  } else {
    d.occurrences.push({ start: instant(ev.startDate), end: instant(ev.endDate), summary: ev.summary, location: ev.location, status: d.status });
  }
  out.push(d);
}
for (const ev of orphans) {
  const d = describe(ev);
  d.occurrences.push({ recurrenceId: instant(ev.recurrenceId), start: instant(ev.startDate), end: instant(ev.endDate), summary: ev.summary, location: ev.location, status: d.status });
  out.push(d);
}
const todos = cal.getAllSubcomponents('vtodo').map((t) => ({
  uid: t.getFirstPropertyValue('uid'),
  summary: t.getFirstPropertyValue('summary'),
  status: t.getFirstPropertyValue('status'),
  due: t.getFirstPropertyValue('due') && t.getFirstPropertyValue('due').toString(),
  percent: t.getFirstPropertyValue('percent-complete'),
}));
process.stdout.write(JSON.stringify({
  name: cal.getFirstPropertyValue('x-wr-calname'),
  events: out,
  todos,
  floating,
}));

// Package icalendar produces RFC 5545 / RFC 7986 iCalendar documents for
// Convene's calendar feeds, single-event .ics downloads and iMIP invitations
// (RFC 6047, METHOD:REQUEST / METHOD:CANCEL), and parses untrusted ones.
//
// Every iCalendar byte is produced by github.com/emersion/go-ical. This
// package exists because go-ical, used directly, produces output that is
// subtly wrong or fails at runtime:
//
//   - it never folds lines, yet RFC 5545 §3.1 limits content lines to 75
//     octets (FoldLines does that here, without splitting UTF-8 characters);
//   - it writes no VTIMEZONE, so TZID=... references dangle (timezone.go
//     generates them from Go's zone data);
//   - it writes a DTSTAMP in whatever zone it is given, while DTSTAMP, CREATED,
//     LAST-MODIFIED and COMPLETED must be UTC;
//   - it refuses TEXT containing CR or LF and parameter values containing
//     DQUOTE, instead of normalising them;
//   - it refuses to encode a calendar without components;
//   - its decoder can panic, recurse without bound and take quadratic time
//     on hostile input (Parse guards against all three).
//
// Callers describe calendars with the plain Go types Calendar, Event, Todo,
// Address and Attendee and call Marshal or Encode. The output is
// deterministic: identical input yields byte-identical output (components and
// properties are sorted, nothing depends on the clock or map order), so feed
// handlers can derive stable ETags from the body.
//
// Time zones: an Event or Todo with TimeZone "" or "UTC" is written with UTC
// ("Z") date-times and no TZID. Any other IANA name is written as TZID=name
// with local date-times, and exactly one VTIMEZONE per TZID is emitted before
// the events. VTIMEZONEs list the zone's actual transitions (one STANDARD or
// DAYLIGHT sub-component per transition, no RRULE) over the span of instants
// the calendar uses, widened by ZoneOptions. Results depend on the tz database
// Go loads at run time; binaries deployed to images without /usr/share/zoneinfo
// should import time/tzdata in package main.
package icalendar

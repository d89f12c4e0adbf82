// Package feeds serves Convene's iCalendar subscriptions (RFC 5545/7986):
//
//	GET|HEAD /calendar/p/{token}.ics            a person's private feed
//	GET|HEAD /calendar/programme/{slug}.ics     a public programme
//	GET|HEAD /calendar/series/{id}.ics          one series of a public programme
//	GET|HEAD /calendar/organisation/{id}.ics    an organisation's public events
//	GET|HEAD /calendar/event/{id}.ics           one event, as a download
//
// Every byte is written by internal/icalendar (go-ical underneath), which
// guarantees folding, escaping, UTC stamps and VTIMEZONEs. This package
// decides what goes in a feed, and answers conditional requests cheaply:
// a feed's ETag and Last-Modified come from change markers (validators.go),
// so a client polling an unchanged feed costs a few indexed aggregate
// queries and never reads the events table or builds the calendar.
//
// The organisation feed lists the events of public programmes that the
// organisation takes part in: an event is included when a member of the
// organisation holds a (not withdrawn) invitation to it, or the
// organisation owns an action recorded at it. Only public programmes are
// ever shown, so the feed reveals nothing the programme feeds do not.
package feeds

import (
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/ent"
)

const (
	// RefreshInterval is suggested to subscribers (REFRESH-INTERVAL,
	// X-PUBLISHED-TTL) and used as max-age.
	RefreshInterval = time.Hour
	// CancelledRetention is how long a cancelled event stays in feeds
	// (STATUS:CANCELLED), so every client that polls in that time removes
	// or strikes it.
	CancelledRetention = 30 * 24 * time.Hour
	// lastUsedGranularity: last_used_at is written at most this often per
	// token, so polling is not a write per request.
	lastUsedGranularity = time.Hour
	// formatVersion is part of every ETag: bump it when the feed layout
	// changes so clients refetch.
	formatVersion = "1"
)

// Service builds feeds and manages feed tokens.
type Service struct {
	Client *ent.Client
	// BaseURL is the public origin, e.g. https://convene.example.org.
	BaseURL string
	// Now is the clock (tests replace it); time.Now if nil.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// day is the reference instant for everything time-dependent in a feed
// (which cancelled events are still kept, how far VTIMEZONEs reach): the
// start of the current UTC day, so a feed's body, and its ETag, change at
// most once a day on their own.
func (s *Service) day() time.Time { return s.now().Truncate(24 * time.Hour) }

func (s *Service) base() string {
	b := strings.TrimRight(s.BaseURL, "/")
	if b == "" {
		return "http://localhost:8080"
	}
	return b
}

// URLs are the two ways to subscribe to a feed.
type URLs struct {
	// URL is the http(s) address (downloads, Google Calendar "From URL").
	URL string
	// Webcal is the same address with the webcal:// scheme, which opens
	// the subscription dialog of Apple Calendar, Outlook and Thunderbird.
	Webcal string
}

func (s *Service) urls(path string) URLs {
	u := s.base() + path
	w := u
	if i := strings.Index(w, "://"); i >= 0 {
		w = "webcal" + w[i:]
	}
	return URLs{URL: u, Webcal: w}
}

// PersonalURLs is where the private feed of a raw token lives.
func (s *Service) PersonalURLs(token string) URLs { return s.urls("/calendar/p/" + token + ".ics") }

// ProgrammeURLs is a public programme's feed.
func (s *Service) ProgrammeURLs(slug string) URLs {
	return s.urls("/calendar/programme/" + slug + ".ics")
}

// SeriesURLs is the feed of one series (with its later continuations).
func (s *Service) SeriesURLs(eventID int) URLs {
	return s.urls("/calendar/series/" + strconv.Itoa(eventID) + ".ics")
}

// OrganisationURLs is an organisation's public events.
func (s *Service) OrganisationURLs(id int) URLs {
	return s.urls("/calendar/organisation/" + strconv.Itoa(id) + ".ics")
}

// EventDownloadURL is the single-event .ics.
func (s *Service) EventDownloadURL(id int) string {
	return s.base() + "/calendar/event/" + strconv.Itoa(id) + ".ics"
}

// EventPageURL is the event's page in the web app.
func (s *Service) EventPageURL(id int) string { return s.base() + "/events/" + strconv.Itoa(id) }

// WithTodos is u with ?todos=1 (the feed with the person's open actions).
func WithTodos(u URLs) URLs { return URLs{URL: u.URL + "?todos=1", Webcal: u.Webcal + "?todos=1"} }

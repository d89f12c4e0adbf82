package feeds_test

import (
	"bytes"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/go-chi/chi/v5"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apitest"
	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/feeds"
	"github.com/convene/convene/internal/icalendar"
	"github.com/convene/convene/internal/viewer"
)

// benchFeed is a person invited to 500 events (every third a weekly
// series with a moved and a cancelled occurrence), in two zones.
type benchFeed struct {
	svc    *feeds.Service
	router http.Handler
	person *ent.Person
	path   string
}

func newBenchFeed(b testing.TB) *benchFeed {
	b.Helper()
	api := apitest.New(b)
	ctx, c := api.Ctx(), api.Client()
	prog, err := c.Programme.Create().SetName("Bench").SetSlug("bench").Save(ctx)
	if err != nil {
		b.Fatal(err)
	}
	org, _ := c.Person.Create().SetName("Organiser, Bench").SetEmail("org@example.org").Save(ctx)
	_ = c.ProgrammeRole.Create().SetProgrammeID(prog.ID).SetPersonID(org.ID).SetRole("ORGANISER").Exec(ctx)
	p, err := c.Person.Create().SetName("Bench Person").SetEmail("bench@example.org").Save(ctx)
	if err != nil {
		b.Fatal(err)
	}
	const n = 500
	evs := make([]*ent.EventCreate, n)
	for i := range evs {
		tz, loc := "Europe/London", london
		if i%2 == 1 {
			tz, loc = "America/New_York", newYork
		}
		start := time.Date(2027, time.Month(1+i%12), 1+i%28, 9+i%8, 0, 0, 0, loc)
		q := c.Event.Create().SetProgrammeID(prog.ID).SetKind(event.KindFORUM).SetTitle("Forum, number " + itoa(i)).
			SetTimeZone(tz).SetStartsAt(start).SetEndsAt(start.Add(2 * time.Hour)).
			SetDescription("Agenda: introductions; updates from each agency, and actions.\nBring your notes.").
			SetVenueName("Town Hall").SetVenueAddress("1 High Street\nBristol").SetOnlineURL("https://meet.example.org/x")
		if i%3 == 0 {
			q.SetRrule("FREQ=WEEKLY;COUNT=10")
		}
		evs[i] = q
	}
	created, err := c.Event.CreateBulk(evs...).Save(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var invs []*ent.InvitationCreate
	var ovs []*ent.OccurrenceOverrideCreate
	for i, ev := range created {
		invs = append(invs, c.Invitation.Create().SetEventID(ev.ID).SetPersonID(p.ID).SetResponse(invitation.ResponseACCEPTED))
		if i%3 == 0 {
			ovs = append(ovs,
				c.OccurrenceOverride.Create().SetEventID(ev.ID).SetRecurrenceID(ev.StartsAt.AddDate(0, 0, 7)).SetStartsAt(ev.StartsAt.AddDate(0, 0, 7).Add(time.Hour)),
				c.OccurrenceOverride.Create().SetEventID(ev.ID).SetRecurrenceID(ev.StartsAt.AddDate(0, 0, 14)).SetCancelled(true))
		}
	}
	if err := c.Invitation.CreateBulk(invs...).Exec(ctx); err != nil {
		b.Fatal(err)
	}
	if err := c.OccurrenceOverride.CreateBulk(ovs...).Exec(ctx); err != nil {
		b.Fatal(err)
	}
	svc := &feeds.Service{Client: c, BaseURL: "https://convene.example.org"}
	token := "cvf_benchbenchbenchbenchbenchbenchbenchbenchben"
	if err := c.FeedToken.Create().SetPersonID(p.ID).SetName("bench").SetTokenHash(hash(token)).Exec(ctx); err != nil {
		b.Fatal(err)
	}
	r := chi.NewRouter()
	r.Route("/calendar", feeds.NewHTTP(svc, nil).Routes)
	return &benchFeed{svc: svc, router: r, person: p, path: "/calendar/p/" + token + ".ics"}
}

func (f *benchFeed) get(b *testing.B, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, f.path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	f.router.ServeHTTP(rec, req)
	return rec
}

// The three figures docs/PERFORMANCE.md compares, in one run so they share
// a machine state:
//
//	full:    a request for the 500-event feed, built from the database
//	encode:  go-ical alone encoding the same calendar, prebuilt
//	304:     a conditional request for the unchanged feed
func BenchmarkPersonalFeed(b *testing.B) {
	f := newBenchFeed(b)
	first := f.get(b, nil)
	if first.Code != http.StatusOK {
		b.Fatalf("status %d", first.Code)
	}
	etag := first.Header().Get("ETag")
	b.Logf("feed: %d bytes", first.Body.Len())

	b.Run("full", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if rec := f.get(b, nil); rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}
	})
	cal, err := f.svc.Personal(viewer.SystemContext(b.Context()), f.person, feeds.PersonalOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("icalendar-marshal", func(b *testing.B) { // our wrapper over go-ical: fold, VTIMEZONE, checks
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := icalendar.Marshal(cal); err != nil {
				b.Fatal(err)
			}
		}
	})
	tree, err := icalendar.Parse(bytes.NewReader(first.Body.Bytes()))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encode", func(b *testing.B) { // go-ical alone, the same calendar prebuilt
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if err := ical.NewEncoder(io.Discard).Encode(tree); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The target compares a full request with the bare encode. On a busy
	// machine two separate sub-benchmarks see different loads, so these
	// alternate the two in every iteration and report both and their
	// ratio: the figures docs/PERFORMANCE.md records.
	bare := func(b *testing.B) {
		if err := ical.NewEncoder(io.Discard).Encode(tree); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("full-vs-encode", func(b *testing.B) {
		alternate(b, "full", func(b *testing.B) {
			if rec := f.get(b, nil); rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}, bare)
	})
	build, err := f.svc.PersonalBuilder(viewer.SystemContext(b.Context()), f.person, feeds.PersonalOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("build-vs-encode", func(b *testing.B) { // rows already read: mapping + Marshal
		alternate(b, "build", func(b *testing.B) {
			if _, err := icalendar.Marshal(build()); err != nil {
				b.Fatal(err)
			}
		}, bare)
	})
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := icalendar.Marshal(build()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read", func(b *testing.B) { // the feed's queries through ent, nothing built
		ctx := viewer.SystemContext(b.Context())
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := f.svc.PersonalBuilder(ctx, f.person, feeds.PersonalOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sql-floor", func(b *testing.B) { // the same rows by hand-written SQL, scanned and dropped
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			f.readRawRows(b)
		}
	})
	b.Run("marshal-vs-encode", func(b *testing.B) {
		alternate(b, "marshal", func(b *testing.B) {
			if _, err := icalendar.Marshal(cal); err != nil {
				b.Fatal(err)
			}
		}, bare)
	})
	b.Run("304", func(b *testing.B) {
		b.ReportAllocs()
		h := map[string]string{"If-None-Match": etag}
		for i := 0; i < b.N; i++ {
			if rec := f.get(b, h); rec.Code != http.StatusNotModified {
				b.Fatal(rec.Code)
			}
		}
	})
}

// alternate runs subject and the bare encode in turn, b.N times each, and
// reports each one's mean time and the ratio of the two.
func alternate(b *testing.B, name string, subject, bare func(*testing.B)) {
	var inSubject, inBare time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		subject(b)
		t1 := time.Now()
		bare(b)
		inSubject, inBare = inSubject+t1.Sub(t0), inBare+time.Since(t1)
	}
	b.ReportMetric(float64(inSubject.Nanoseconds())/float64(b.N), name+"-ns/op")
	b.ReportMetric(float64(inBare.Nanoseconds())/float64(b.N), "encode-ns/op")
	b.ReportMetric(float64(inSubject)/float64(inBare), name+"/encode")
}

func hash(token string) string { return auth.Hash(token) }

// readRawRows reads the rows a personal feed needs (its events with the
// invitations, and their overrides) with hand-written SQL and no ORM, the
// floor under any per-request build: docs/PERFORMANCE.md compares it with
// the bare encode.
func (f *benchFeed) readRawRows(b *testing.B) {
	ctx := b.Context()
	rows, err := f.svc.Client.QueryContext(ctx, `SELECT e.id, e.uid, e.kind, e.title, e.description, e.time_zone,
		e.starts_at, e.ends_at, e.all_day, COALESCE(e.rrule, ''), e.exdates, e.venue_name, e.venue_address,
		COALESCE(e.venue_access, ''), COALESCE(e.online_url, ''), e.status, e.sequence, e.created_at, e.updated_at,
		e.programme_id, i.occurrence_start, i.role, i.response
		FROM invitations i JOIN events e ON e.id = i.event_id
		WHERE i.person_id = $1 AND i.withdrawn_at IS NULL ORDER BY i.id`, f.person.ID)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id, seq, programme int
		var uid, kind, title, desc, tz, rrule, venue, address, access, online, status, role, response string
		var exdates []byte
		var start, end, created, updated time.Time
		var allDay bool
		var occurrence sql.NullTime
		if err := rows.Scan(&id, &uid, &kind, &title, &desc, &tz, &start, &end, &allDay, &rrule, &exdates, &venue, &address,
			&access, &online, &status, &seq, &created, &updated, &programme, &occurrence, &role, &response); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil || n != 500 {
		b.Fatal(n, err)
	}
	rows, err = f.svc.Client.QueryContext(ctx, `SELECT o.event_id, o.recurrence_id, o.starts_at, o.ends_at,
		COALESCE(o.title, ''), COALESCE(o.venue_name, ''), COALESCE(o.venue_address, ''), COALESCE(o.online_url, ''),
		o.cancelled, o.sequence, o.updated_at
		FROM occurrence_overrides o
		WHERE o.event_id IN (SELECT event_id FROM invitations WHERE person_id = $1 AND withdrawn_at IS NULL)`, f.person.ID)
	if err != nil {
		b.Fatal(err)
	}
	n = 0
	for rows.Next() {
		var id, seq int
		var recurrence, updated time.Time
		var start, end sql.NullTime
		var title, venue, address, online string
		var cancelled bool
		if err := rows.Scan(&id, &recurrence, &start, &end, &title, &venue, &address, &online, &cancelled, &seq, &updated); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil || n != 334 {
		b.Fatal(n, err)
	}
}

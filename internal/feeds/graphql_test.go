package feeds_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/go-chi/chi/v5"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apitest"
	"github.com/convene/convene/internal/feeds"
)

func TestFeedTokensThroughGraphQL(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, false)
	ada, olu := api.As(w.ada.ID), api.As(w.organiser.ID)

	api.Anonymous().ErrorCode(`mutation { createFeedToken(name: "x") { token } }`, nil, "UNAUTHENTICATED")
	ada.ErrorCode(`mutation { createFeedToken(name: "  ") { token } }`, nil, "BAD_USER_INPUT")

	var created struct {
		CreateFeedToken struct {
			Token     string
			FeedToken struct{ ID, Name string }
			Urls      struct{ URL, Webcal string }
			WithTodos struct{ URL string }
		}
	}
	ada.MustDo(`mutation { createFeedToken(name: "work phone") { token feedToken { id name } urls { url webcal } withTodos { url } } }`, nil, &created)
	ct := created.CreateFeedToken
	if !strings.HasPrefix(ct.Token, "cvf_") || len(ct.Token) < 4+43 {
		t.Errorf("token %q is not 256 random bits", ct.Token)
	}
	if !strings.HasSuffix(ct.Urls.URL, "/calendar/p/"+ct.Token+".ics") || !strings.HasPrefix(ct.Urls.Webcal, "webcal://") ||
		strings.TrimPrefix(ct.Urls.Webcal, "webcal://") != ct.Urls.URL[strings.Index(ct.Urls.URL, "://")+3:] {
		t.Errorf("urls %+v", ct.Urls)
	}
	if !strings.HasSuffix(ct.WithTodos.URL, ".ics?todos=1") {
		t.Errorf("withTodos %q", ct.WithTodos.URL)
	}
	// Only the hash is stored.
	rows, _ := api.Client().FeedToken.Query().All(api.Ctx())
	for _, r := range rows {
		if strings.Contains(r.TokenHash, ct.Token) || r.TokenHash == ct.Token {
			t.Error("raw token stored")
		}
	}
	ada.MustDo(`mutation { createFeedToken(name: "laptop") { token } }`, nil, nil)
	olu.MustDo(`mutation { createFeedToken(name: "olu's") { token } }`, nil, nil)

	get200(t, w.local(ct.Urls.URL))
	var list struct {
		Viewer struct {
			FeedTokens []struct {
				ID, Name   string
				CreatedAt  string
				LastUsedAt *string
				RevokedAt  *string
			}
		}
	}
	ada.MustDo(`{ viewer { feedTokens { id name createdAt lastUsedAt revokedAt } } }`, nil, &list)
	if len(list.Viewer.FeedTokens) != 2 || list.Viewer.FeedTokens[0].Name != "laptop" || list.Viewer.FeedTokens[1].Name != "work phone" {
		t.Fatalf("Ada's tokens: %+v", list.Viewer.FeedTokens)
	}
	if list.Viewer.FeedTokens[1].LastUsedAt == nil || list.Viewer.FeedTokens[0].LastUsedAt != nil {
		t.Errorf("last used: %+v", list.Viewer.FeedTokens)
	}
	// Olu cannot revoke (or see) Ada's token.
	olu.ErrorCode(`mutation($id: ID!) { revokeFeedToken(id: $id) { id } }`, map[string]any{"id": ct.FeedToken.ID}, "NOT_FOUND")
	get200(t, w.local(ct.Urls.URL))
	ada.MustDo(`mutation($id: ID!) { revokeFeedToken(id: $id) { revokedAt } }`, map[string]any{"id": ct.FeedToken.ID}, nil)
	if f := fetch(t, http.MethodGet, w.local(ct.Urls.URL), nil); f.status != http.StatusNotFound {
		t.Errorf("revoked: %d", f.status)
	}

	// URLs on what the viewer can see; public feeds only when public.
	q := `query($p: ID!, $e: ID!) {
		p: node(id: $p) { ... on Programme { feedURLs { url webcal } } }
		e: node(id: $e) { ... on Event { icsURL seriesFeedURLs { url } } } }`
	vars := map[string]any{"p": w.programme.ID, "e": w.forum.ID}
	var got struct {
		P *struct{ FeedURLs *struct{ URL, Webcal string } }
		E *struct {
			IcsURL         string
			SeriesFeedURLs *struct{ URL string }
		}
	}
	ada.MustDo(q, vars, &got)
	if got.P == nil || got.P.FeedURLs != nil || got.E == nil || got.E.SeriesFeedURLs != nil || !strings.HasSuffix(got.E.IcsURL, "/calendar/event/"+itoa(w.forum.ID)+".ics") {
		t.Errorf("private programme: %+v %+v", got.P, got.E)
	}
	if err := api.Client().Programme.UpdateOne(w.programme).SetPublic(true).Exec(api.Ctx()); err != nil {
		t.Fatal(err)
	}
	ada.MustDo(q, vars, &got)
	if got.P.FeedURLs == nil || !strings.HasSuffix(got.P.FeedURLs.URL, "/calendar/programme/"+w.programme.Slug+".ics") ||
		got.E.SeriesFeedURLs == nil || !strings.HasSuffix(got.E.SeriesFeedURLs.URL, "/calendar/series/"+itoa(w.forum.ID)+".ics") {
		t.Errorf("public programme: %+v %+v", got.P, got.E)
	}
	// Someone not invited sees neither the programme nor its URLs.
	stranger := api.As(api.NewPerson("Stranger", false).ID)
	res := stranger.Do(q, vars)
	if string(res.Data) != `{"p":null,"e":null}` || len(res.Errors) != 2 || res.Errors[0].Code() != "NOT_FOUND" {
		t.Errorf("stranger sees %s", res.Raw)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// A feed of N events costs the same number of queries for N = 5 and 50.
func TestPersonalFeedQueryCountIsConstant(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, false)
	_, url := w.adaToken(t)
	count := func() int64 {
		get200(t, url) // warm (last-used write)
		api.Counter.Reset()
		get200(t, url+"?todos=1")
		return api.Counter.Count()
	}
	addEvents(t, api, w, 5)
	small := count()
	addEvents(t, api, w, 45)
	large := count()
	if small != large {
		t.Errorf("queries: %d for few events, %d for 45 more", small, large)
	}
	t.Logf("personal feed with to-dos: %d statements", large)
}

func addEvents(t testing.TB, api *apitest.API, w *world, n int) {
	t.Helper()
	ctx, c := api.Ctx(), api.Client()
	for i := 0; i < n; i++ {
		start := time.Date(2027, 9, 1+i%28, 9+i%8, 0, 0, 0, london)
		q := c.Event.Create().SetProgrammeID(w.programme.ID).SetKind(event.KindWORKSHOP).
			SetTitle("Workshop " + itoa(i)).SetTimeZone("Europe/London").SetStartsAt(start).SetEndsAt(start.Add(90 * time.Minute)).
			SetVenueName("Room " + itoa(i)).SetDescription("Agenda, notes; and more\nSecond line")
		if i%3 == 0 {
			q.SetRrule("FREQ=WEEKLY;COUNT=8")
		}
		ev, err := q.Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			if err := c.OccurrenceOverride.Create().SetEventID(ev.ID).SetRecurrenceID(start.AddDate(0, 0, 7)).
				SetStartsAt(start.AddDate(0, 0, 7).Add(time.Hour)).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			if err := c.OccurrenceOverride.Create().SetEventID(ev.ID).SetRecurrenceID(start.AddDate(0, 0, 14)).
				SetCancelled(true).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if err := c.Invitation.Create().SetEventID(ev.ID).SetPersonID(w.ada.ID).SetResponse(invitation.ResponseACCEPTED).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// recorder keeps the SQL a driver sees.
type recorder struct {
	dialect.Driver
	mu  sync.Mutex
	sql []string
}

func (r *recorder) log(q string) { r.mu.Lock(); r.sql = append(r.sql, q); r.mu.Unlock() }
func (r *recorder) Exec(ctx context.Context, q string, args, v any) error {
	r.log(q)
	return r.Driver.Exec(ctx, q, args, v)
}
func (r *recorder) Query(ctx context.Context, q string, args, v any) error {
	r.log(q)
	return r.Driver.Query(ctx, q, args, v)
}
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.sql
	r.sql = nil
	return s
}

// The 304 path neither builds the calendar nor reads the events table.
func TestNotModifiedDoesNotTouchEvents(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, true)
	addEvents(t, api, w, 10)
	rec := &recorder{Driver: api.DB.Driver}
	svc := &feeds.Service{Client: ent.NewClient(ent.Driver(rec))}
	r := chi.NewRouter()
	r.Route("/calendar", feeds.NewHTTP(svc, nil).Routes)
	srv := httptest.NewServer(r)
	defer srv.Close()
	token, _ := w.adaToken(t)

	for _, path := range []string{"/calendar/p/" + token + ".ics", "/calendar/p/" + token + ".ics?todos=1&declined=1",
		"/calendar/programme/" + w.programme.Slug + ".ics", "/calendar/organisation/" + itoa(w.org.ID) + ".ics"} {
		full := get200(t, srv.URL+path)
		rec.take()
		f := fetch(t, http.MethodGet, srv.URL+path, map[string]string{"If-None-Match": full.header.Get("ETag")})
		if f.status != http.StatusNotModified {
			t.Fatalf("%s: %d", path, f.status)
		}
		stmts := rec.take()
		for _, s := range stmts {
			if strings.Contains(s, "`events`") || strings.Contains(s, `"events"`) {
				t.Errorf("%s: 304 path reads events: %s", path, s)
			}
		}
		if len(stmts) > 6 {
			t.Errorf("%s: 304 path ran %d statements", path, len(stmts))
		}
		t.Logf("%s: 304 in %d statements", path, len(stmts))
	}
}

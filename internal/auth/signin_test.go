package auth_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/ent/magiclink"
	"github.com/convene/convene/internal/apitest"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/server"
)

var linkPattern = regexp.MustCompile(`https?://\S+/auth/magic/[A-Za-z0-9_-]+`)

// browser is an HTTP client with a cookie jar that sends same-origin
// headers like a browser on our own pages would.
type browser struct {
	t      *testing.T
	client *http.Client
	origin string
}

func newBrowser(t *testing.T, api *apitest.API) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, origin: api.Server.URL, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (b *browser) do(method, path, contentType, body string) (*http.Response, string) {
	b.t.Helper()
	target := path
	if !strings.HasPrefix(path, "http") {
		target = b.origin + path
	}
	req, _ := http.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Origin", b.origin)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res, string(raw)
}

func (b *browser) viewerName() string {
	b.t.Helper()
	_, body := b.do("POST", "/graphql", "application/json", `{"query":"{ viewer { person { name } isAdmin } }"}`)
	var out struct {
		Data struct {
			Viewer *struct{ Person struct{ Name string } } `json:"viewer"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		b.t.Fatalf("%v: %s", err, body)
	}
	if out.Data.Viewer == nil {
		return ""
	}
	return out.Data.Viewer.Person.Name
}

func TestMagicLinkSignInEndToEnd(t *testing.T) {
	inbox := &mail.Recorder{}
	api := apitest.New(t, apitest.Options{Mailer: inbox})
	p := api.NewPerson("Olive Organiser", false)
	api.Client().Person.UpdateOne(p).SetEmail("olive@example.org").ExecX(api.Ctx())

	b := newBrowser(t, api)
	if name := b.viewerName(); name != "" {
		t.Fatalf("signed in before signing in: %q", name)
	}
	// Unknown addresses get the same answer and no email.
	res, _ := b.do("POST", "/auth/magic-link", "application/json", `{"email":"nobody@example.org"}`)
	if res.StatusCode != http.StatusAccepted || len(inbox.Messages()) != 0 {
		t.Fatalf("unknown address: status %d, %d emails", res.StatusCode, len(inbox.Messages()))
	}
	res, _ = b.do("POST", "/auth/magic-link", "application/x-www-form-urlencoded", url.Values{"email": {"Olive@Example.org"}}.Encode())
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("request link: %d", res.StatusCode)
	}
	msgs := inbox.Messages()
	if len(msgs) != 1 || msgs[0].To != "olive@example.org" {
		t.Fatalf("emails = %+v", msgs)
	}
	link := linkPattern.FindString(msgs[0].Text)
	if link == "" {
		t.Fatalf("no link in %q", msgs[0].Text)
	}
	// The link is stored hashed: the database never holds the secret.
	token := link[strings.LastIndex(link, "/")+1:]
	if n := api.Client().MagicLink.Query().Where(magiclink.TokenHash(token)).CountX(api.Ctx()); n != 0 {
		t.Fatal("magic link token stored in clear")
	}
	// GET only shows a confirmation page (mail scanners must not sign in).
	res, page := b.do("GET", link, "", "")
	if res.StatusCode != http.StatusOK || !strings.Contains(page, `method="post"`) || b.viewerName() != "" {
		t.Fatalf("confirmation page: %d signed-in=%q", res.StatusCode, b.viewerName())
	}
	res, _ = b.do("POST", link, "application/x-www-form-urlencoded", "")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("redeem: %d", res.StatusCode)
	}
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "convene_session" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie = %+v", cookie)
	}
	if name := b.viewerName(); name != "Olive Organiser" {
		t.Fatalf("viewer after sign-in = %q", name)
	}
	// Reusing the link fails, even from another browser.
	other := newBrowser(t, api)
	res, _ = other.do("POST", link, "application/x-www-form-urlencoded", "")
	if res.StatusCode != http.StatusUnauthorized || other.viewerName() != "" {
		t.Fatalf("reused link: %d", res.StatusCode)
	}
	// Cross-site cookie-authenticated mutations are refused (CSRF).
	req, _ := http.NewRequest("POST", api.Server.URL+"/graphql", strings.NewReader(`{"query":"mutation { signOutEverywhere }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.AddCookie(cookie)
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site mutation: %v %v", err, res.StatusCode)
	}
	// Sign out ends the session server-side.
	res, _ = b.do("POST", "/auth/sign-out", "application/json", "")
	if res.StatusCode != http.StatusNoContent || b.viewerName() != "" {
		t.Fatalf("sign-out: %d", res.StatusCode)
	}
}

func TestExpiredMagicLinkRefused(t *testing.T) {
	inbox := &mail.Recorder{}
	api := apitest.New(t, apitest.Options{Mailer: inbox})
	p := api.NewPerson("Sam", false)
	api.Client().Person.UpdateOne(p).SetEmail("sam@example.org").ExecX(api.Ctx())
	b := newBrowser(t, api)
	b.do("POST", "/auth/magic-link", "application/json", `{"email":"sam@example.org"}`)
	link := linkPattern.FindString(inbox.Messages()[0].Text)
	// Age the link past its 15 minutes.
	// (expires_at is immutable through ent, as it should be; go around it.)
	q := "UPDATE magic_links SET expires_at = ?"
	if api.DB.Dialect == "postgres" {
		q = "UPDATE magic_links SET expires_at = $1"
	}
	if _, err := api.DB.SQL.Exec(q, time.Now().Add(-time.Minute).UTC()); err != nil {
		t.Fatal(err)
	}
	res, body := b.do("POST", link, "application/x-www-form-urlencoded", "")
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "expired") {
		t.Fatalf("expired link: %d %s", res.StatusCode, body)
	}
}

func TestSignInRateLimits(t *testing.T) {
	inbox := &mail.Recorder{}
	api := apitest.New(t, apitest.Options{Mailer: inbox, RateLimits: server.RateLimits{SignInPerAccount: 3, SignInPerIP: 8}})
	b := newBrowser(t, api)
	var last *http.Response
	for i := 0; i < 4; i++ {
		last, _ = b.do("POST", "/auth/magic-link", "application/json", `{"email":"someone@example.org"}`)
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("4th request for one address: %d (Retry-After %q)", last.StatusCode, last.Header.Get("Retry-After"))
	}
	// Per IP: different addresses from one client run out too.
	for i := 0; i < 6; i++ {
		last, _ = b.do("POST", "/auth/magic-link", "application/json", `{"email":"other`+string(rune('a'+i))+`@example.org"}`)
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("per-IP limit not applied: %d", last.StatusCode)
	}
}

func TestPasswordSignInAndAPITokens(t *testing.T) {
	api := apitest.New(t)
	p := api.NewPerson("Pat", false)
	api.Client().Person.UpdateOne(p).SetEmail("pat@example.org").ExecX(api.Ctx())
	me := api.As(p.ID)
	me.ErrorCode(`mutation { setPassword(password: "short") }`, nil, "BAD_USER_INPUT")
	me.MustDo(`mutation { setPassword(password: "correct horse battery") }`, nil, nil)

	b := newBrowser(t, api)
	res, _ := b.do("POST", "/auth/password", "application/json", `{"email":"pat@example.org","password":"wrong password!!"}`)
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", res.StatusCode)
	}
	res, _ = b.do("POST", "/auth/password", "application/json", `{"email":"pat@example.org","password":"correct horse battery"}`)
	if res.StatusCode != http.StatusOK || b.viewerName() != "Pat" {
		t.Fatalf("password sign-in: %d", res.StatusCode)
	}

	// Personal API tokens: shown once, listed with last use, revocable.
	var created struct {
		CreateAPIToken struct {
			Token    string
			APIToken struct{ ID, Name string } `json:"apiToken"`
		} `json:"createAPIToken"`
	}
	me.MustDo(`mutation { createAPIToken(name: "reporting script") { token apiToken { id name } } }`, nil, &created)
	tok := created.CreateAPIToken.Token
	script := api.Anonymous()
	script.Header.Set("Authorization", "Bearer "+tok)
	var v struct {
		Viewer struct {
			Person    struct{ Name string }
			APITokens []struct {
				Name       string
				LastUsedAt *string
			} `json:"apiTokens"`
			Sessions []struct{ ID string }
		}
	}
	script.MustDo(`{ viewer { person { name } apiTokens { name lastUsedAt } sessions { id } } }`, nil, &v)
	if v.Viewer.Person.Name != "Pat" || len(v.Viewer.Sessions) != 1 {
		t.Fatalf("viewer via token = %+v", v.Viewer)
	}
	me.MustDo(`mutation($id: ID!) { revokeAPIToken(id: $id) { revokedAt } }`, map[string]any{"id": created.CreateAPIToken.APIToken.ID}, nil)
	res2 := script.Do(`{ viewer { person { name } } }`, nil)
	if res2.Status != http.StatusUnauthorized {
		t.Fatalf("revoked token still works: %d %s", res2.Status, res2.Raw)
	}
	// Sign out everywhere ends the browser session too.
	var n struct{ SignOutEverywhere int }
	me.MustDo(`mutation { signOutEverywhere }`, nil, &n)
	if n.SignOutEverywhere != 1 || b.viewerName() != "" {
		t.Fatalf("signOutEverywhere = %d, browser still %q", n.SignOutEverywhere, b.viewerName())
	}
	_ = context.Background()
}

package httpguard_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/convene/convene/internal/httpguard"
)

func TestCSRF(t *testing.T) {
	const session = "convene_session=abc"
	mw := httpguard.CSRF(httpguard.HasCookie("convene_session"), "https://app.convene.example")(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))

	tests := []struct {
		name    string
		method  string
		headers map[string]string
		allowed bool
	}{
		{"cookie + cross-site Origin", "POST", map[string]string{"Cookie": session, "Origin": "https://evil.example"}, false},
		{"cookie + same-origin Origin", "POST", map[string]string{"Cookie": session, "Origin": "https://convene.example"}, true},
		{"cookie + Origin with another port", "POST", map[string]string{"Cookie": session, "Origin": "https://convene.example:8443"}, false},
		{"cookie + Origin null", "POST", map[string]string{"Cookie": session, "Origin": "null"}, false},
		{"cookie + allowed origin", "POST", map[string]string{"Cookie": session, "Origin": "https://APP.convene.example"}, true},
		{"cookie + Sec-Fetch-Site cross-site", "POST", map[string]string{"Cookie": session, "Sec-Fetch-Site": "cross-site"}, false},
		{"cookie + Sec-Fetch-Site cross-site, forged same-host Origin", "POST",
			map[string]string{"Cookie": session, "Sec-Fetch-Site": "cross-site", "Origin": "https://convene.example"}, false},
		{"cookie + Sec-Fetch-Site same-site", "POST", map[string]string{"Cookie": session, "Sec-Fetch-Site": "same-site", "Origin": "https://blog.convene.example"}, false},
		{"cookie + Sec-Fetch-Site cross-site from an allowed origin", "POST",
			map[string]string{"Cookie": session, "Sec-Fetch-Site": "cross-site", "Origin": "https://app.convene.example"}, true},
		{"cookie + Sec-Fetch-Site same-origin", "POST", map[string]string{"Cookie": session, "Sec-Fetch-Site": "same-origin", "Origin": "https://convene.example"}, true},
		{"cookie + Sec-Fetch-Site none", "POST", map[string]string{"Cookie": session, "Sec-Fetch-Site": "none"}, true},
		{"cookie + same-host Referer, no Origin", "POST", map[string]string{"Cookie": session, "Referer": "https://convene.example/app/people"}, true},
		{"cookie + cross-site Referer, no Origin", "POST", map[string]string{"Cookie": session, "Referer": "https://evil.example/convene.example"}, false},
		{"cookie + neither Origin nor Referer", "POST", map[string]string{"Cookie": session}, false},
		{"cookie + cross origin on DELETE", "DELETE", map[string]string{"Cookie": session, "Origin": "https://evil.example"}, false},
		{"cookie + cross origin on PUT", "PUT", map[string]string{"Cookie": session, "Origin": "https://evil.example"}, false},
		{"cookie + cross origin on PATCH", "PATCH", map[string]string{"Cookie": session, "Origin": "https://evil.example"}, false},
		{"cookie + cross origin on GET (safe method)", "GET", map[string]string{"Cookie": session, "Origin": "https://evil.example"}, true},
		{"bearer + cross origin", "POST", map[string]string{"Authorization": "Bearer tok", "Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, true},
		{"bearer + cookie + cross origin", "POST", map[string]string{"Cookie": session, "Authorization": "bearer tok", "Origin": "https://evil.example"}, true},
		{"empty bearer does not exempt", "POST", map[string]string{"Cookie": session, "Authorization": "Bearer ", "Origin": "https://evil.example"}, false},
		{"basic auth does not exempt", "POST", map[string]string{"Cookie": session, "Authorization": "Basic dTpw", "Origin": "https://evil.example"}, false},
		{"anonymous cross origin", "POST", map[string]string{"Origin": "https://evil.example"}, true},
		{"other cookies only", "POST", map[string]string{"Cookie": "theme=dark", "Origin": "https://evil.example"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "https://convene.example/graphql", nil)
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			mw.ServeHTTP(rec, req)
			if tt.allowed {
				if rec.Code != http.StatusNoContent {
					t.Errorf("refused: %d %s", rec.Code, rec.Body)
				}
				return
			}
			if rec.Code != http.StatusForbidden {
				t.Fatalf("status = %d, want 403", rec.Code)
			}
			if e := decodeError(t, rec); e.Extensions["code"] != "FORBIDDEN" || e.Message != httpguard.CSRFMessage {
				t.Errorf("error = %+v", e)
			}
		})
	}
}

func TestCSRFRejectsBadAllowedOrigin(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for an allowed origin without scheme")
		}
	}()
	httpguard.CSRF(nil, "app.convene.example")
}

func TestSecurityHeaders(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<!doctype html>")) })
	tests := []struct {
		name     string
		opts     httpguard.SecurityOptions
		method   string
		path     string
		csp      string
		referrer string
		hsts     string
	}{
		{"defaults", httpguard.SecurityOptions{}, "GET", "/", httpguard.DefaultCSP, "same-origin", ""},
		{"GraphiQL route relaxed", httpguard.SecurityOptions{CSPFor: httpguard.GraphiQLCSPFor("/graphql")}, "GET", "/graphql", httpguard.GraphiQLCSP, "same-origin", ""},
		{"POST to the GraphiQL path keeps the default", httpguard.SecurityOptions{CSPFor: httpguard.GraphiQLCSPFor("/graphql")}, "POST", "/graphql", httpguard.DefaultCSP, "same-origin", ""},
		{"other routes keep the default", httpguard.SecurityOptions{CSPFor: httpguard.GraphiQLCSPFor("/graphql")}, "GET", "/app", httpguard.DefaultCSP, "same-origin", ""},
		{"custom", httpguard.SecurityOptions{ContentSecurityPolicy: "default-src 'none'", ReferrerPolicy: "strict-origin-when-cross-origin", HSTS: true},
			"GET", "/", "default-src 'none'", "strict-origin-when-cross-origin", "max-age=63072000; includeSubDomains"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			httpguard.SecurityHeaders(tt.opts)(ok).ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			want := map[string]string{
				"X-Content-Type-Options":    "nosniff",
				"Referrer-Policy":           tt.referrer,
				"X-Frame-Options":           "DENY",
				"Content-Security-Policy":   tt.csp,
				"Strict-Transport-Security": tt.hsts,
			}
			for k, v := range want {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
	if httpguard.DefaultCSP != "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "+
		"connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'" {
		t.Errorf("DefaultCSP = %q", httpguard.DefaultCSP)
	}
}

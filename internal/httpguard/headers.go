package httpguard

import "net/http"

// DefaultCSP is the Content-Security-Policy SecurityHeaders sets: only this
// origin's scripts, styles (inline styles allowed), images (and data: URIs)
// and API; no framing; no <base> or form posts elsewhere.
const DefaultCSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
	"script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// GraphiQLCSP is the policy the GraphiQL page of gqlgen's playground
// package needs: its scripts and styles come from cdn.jsdelivr.net (pinned
// with Subresource Integrity) and it boots from an inline <script>. Use it only
// for the development playground route (see GraphiQLCSPFor); never serve it
// for the web app.
const GraphiQLCSP = "default-src 'self'; " +
	"script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; " +
	"style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; " +
	"img-src 'self' data: https://cdn.jsdelivr.net; font-src 'self' data: https://cdn.jsdelivr.net; " +
	"connect-src 'self'; worker-src 'self' blob:; " +
	"frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// SecurityOptions configures SecurityHeaders. The zero value is the strict
// default.
type SecurityOptions struct {
	// ContentSecurityPolicy replaces DefaultCSP.
	ContentSecurityPolicy string
	// CSPFor, if set, is asked per request and may return another policy
	// (e.g. GraphiQLCSPFor("/graphql")); "" means the default.
	CSPFor func(*http.Request) string
	// ReferrerPolicy replaces "same-origin".
	ReferrerPolicy string
	// HSTS adds Strict-Transport-Security (two years, subdomains). Set it
	// only when the site is served over HTTPS.
	HSTS bool
}

// SecurityHeaders sets, on every response (cheap, and error or JSON
// responses are protected too):
//
//	X-Content-Type-Options: nosniff
//	Referrer-Policy: same-origin
//	X-Frame-Options: DENY
//	Content-Security-Policy: DefaultCSP
//
// The headers are set before the next handler runs, so a handler may still
// override one. GraphiQL (the development playground at GET /graphql) loads
// its scripts from a CDN and cannot work under DefaultCSP: either pass
// SecurityOptions{CSPFor: GraphiQLCSPFor("/graphql")} — recommended, the
// other headers still apply — or mount the playground outside this
// middleware.
func SecurityHeaders(opts SecurityOptions) func(http.Handler) http.Handler {
	csp := opts.ContentSecurityPolicy
	if csp == "" {
		csp = DefaultCSP
	}
	referrer := opts.ReferrerPolicy
	if referrer == "" {
		referrer = "same-origin"
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", referrer)
			h.Set("X-Frame-Options", "DENY")
			policy := csp
			if opts.CSPFor != nil {
				if p := opts.CSPFor(r); p != "" {
					policy = p
				}
			}
			h.Set("Content-Security-Policy", policy)
			if opts.HSTS {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			next.ServeHTTP(w, r)
		})
	}
}

// GraphiQLCSPFor returns a SecurityOptions.CSPFor that relaxes the policy to
// GraphiQLCSP for GET and HEAD requests to path (where the server shows
// GraphiQL outside production) and keeps the default elsewhere. The relaxed
// policy on that route's JSON answers is harmless: CSP only matters for
// documents.
func GraphiQLCSPFor(path string) func(*http.Request) string {
	return func(r *http.Request) string {
		if (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.URL.Path == path {
			return GraphiQLCSP
		}
		return ""
	}
}

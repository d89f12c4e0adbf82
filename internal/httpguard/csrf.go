package httpguard

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/convene/convene/internal/apperr"
)

// CSRFMessage is the message of the 403 CSRF answers.
const CSRFMessage = "cross-site request refused: requests authenticated by the session cookie " +
	"must come from the Convene web app; other clients must send an Authorization: Bearer token"

// CSRF refuses cross-site requests that would act with the user's session
// cookie. It checks requests with an unsafe method (anything but GET, HEAD,
// OPTIONS and TRACE) for which isCookieAuth reports true and that carry no
// `Authorization: Bearer` header:
//
//   - Sec-Fetch-Site (sent by all current browsers) must be "same-origin" or
//     "none"; "same-site" and "cross-site" pass only if Origin is one of
//     allowedOrigins;
//   - without Sec-Fetch-Site, the Origin header (or, without one, the
//     Referer) must have the request's Host, or be one of allowedOrigins;
//     a request with neither header is refused.
//
// Refusals get 403 with code FORBIDDEN and CSRFMessage. Bearer-token
// requests are exempt (a cross-site page cannot add that header without a
// CORS preflight), and requests without the session cookie are anonymous and
// pass through. GET requests are not checked, so GET must never change state
// (gqlgen's GET transport refuses mutations).
//
// isCookieAuth says whether the request carries the session cookie, e.g.
// HasCookie("convene_session"); nil means "has any cookie". allowedOrigins
// are full origins such as "https://app.example.org" (scheme and host, port
// if not the default); CSRF panics on one that does not parse.
func CSRF(isCookieAuth func(*http.Request) bool, allowedOrigins ...string) func(http.Handler) http.Handler {
	if isCookieAuth == nil {
		isCookieAuth = func(r *http.Request) bool { return r.Header.Get("Cookie") != "" }
	}
	allowed := make(map[string]bool, len(allowedOrigins))
	for _, o := range allowedOrigins {
		norm, ok := normOrigin(o)
		if !ok {
			panic(fmt.Sprintf("httpguard: CSRF: %q is not an origin like https://app.example.org", o))
		}
		allowed[norm] = true
	}
	inAllowlist := func(origin string) bool {
		norm, ok := normOrigin(origin)
		return ok && allowed[norm]
	}
	sameHostOrAllowed := func(r *http.Request, raw string) bool {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return false
		}
		return strings.EqualFold(u.Host, r.Host) || inAllowlist(raw)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if safeMethod(r.Method) || hasBearer(r) || !isCookieAuth(r) {
				next.ServeHTTP(w, r)
				return
			}
			origin := r.Header.Get("Origin")
			var ok bool
			switch site := r.Header.Get("Sec-Fetch-Site"); site {
			case "same-origin", "none":
				ok = true
			case "":
				switch {
				case origin != "":
					ok = origin != "null" && sameHostOrAllowed(r, origin)
				case r.Referer() != "":
					ok = sameHostOrAllowed(r, r.Referer())
				}
			default: // same-site, cross-site, or anything unexpected
				ok = origin != "" && inAllowlist(origin)
			}
			if !ok {
				WriteError(w, http.StatusForbidden, apperr.Forbidden, CSRFMessage)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// HasCookie returns an isCookieAuth func for CSRF: true when the request
// carries a cookie with this name.
func HasCookie(name string) func(*http.Request) bool {
	return func(r *http.Request) bool {
		_, err := r.Cookie(name)
		return err == nil
	}
}

func safeMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

func hasBearer(r *http.Request) bool {
	scheme, token, found := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	return found && strings.EqualFold(scheme, "Bearer") && strings.TrimSpace(token) != ""
}

// normOrigin reduces a URL to its lower-cased scheme://host[:port].
func normOrigin(s string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", false
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), true
}

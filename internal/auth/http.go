package auth

import (
	"encoding/json"
	"errors"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/viewer"
)

// CookieName is the session cookie.
const CookieName = "convene_session"

// Limiter is a rate limiter keyed by strings (IP, email).
type Limiter interface {
	Allow(key string) (ok bool, retryAfter time.Duration)
}

// HTTP exposes sign-in over plain HTTP, usable without JavaScript.
type HTTP struct {
	Service *Service
	// PerAccount limits sign-in attempts per email address; per-IP limits
	// are applied by the router around these handlers.
	PerAccount Limiter
	// SecureCookies marks cookies Secure (when served over TLS).
	SecureCookies bool
}

// Middleware resolves the request's credentials into a viewer. A bearer
// token that does not resolve is an error (scripts should learn at once);
// a stale cookie is dropped and the request goes on anonymously.
func (h *HTTP) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := ent.NewContext(r.Context(), h.Service.Client)
		var (
			id  *Identity
			err error
		)
		if token, ok := bearerToken(r); ok {
			id, err = h.Service.AuthenticateBearer(ctx, token)
			if err == nil && id == nil {
				w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
				writeJSONError(w, http.StatusUnauthorized, apperr.Unauthenticatedf("the API token is invalid or revoked"))
				return
			}
		} else if c, cerr := r.Cookie(CookieName); cerr == nil && c.Value != "" {
			id, err = h.Service.AuthenticateSession(ctx, c.Value)
			if err == nil && id == nil {
				h.clearCookie(w)
			}
		}
		if err != nil {
			slog.ErrorContext(ctx, "auth: resolving credentials", "err", err)
			http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
			return
		}
		if id != nil {
			ctx = viewer.NewContext(withIdentity(ctx, id), id.Viewer)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// HasSessionCookie tells the CSRF guard which requests are cookie-authenticated.
func HasSessionCookie(r *http.Request) bool {
	c, err := r.Cookie(CookieName)
	return err == nil && c.Value != ""
}

func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:]), true
	}
	return "", false
}

// Routes mounts the sign-in endpoints.
func (h *HTTP) Routes(r chi.Router) {
	r.Get("/sign-in", h.signInPage)
	r.Post("/magic-link", h.requestMagicLink)
	r.Get("/magic/{token}", h.confirmMagicLink)
	r.Post("/magic/{token}", h.redeemMagicLink)
	r.Post("/password", h.passwordSignIn)
	r.Post("/sign-out", h.signOut)
}

type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func readCredentials(r *http.Request) (credentials, bool) {
	var c credentials
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 4096)).Decode(&c); err != nil {
			return c, false
		}
		return c, true
	}
	if err := r.ParseForm(); err != nil {
		return c, false
	}
	return credentials{Email: r.PostForm.Get("email"), Password: r.PostForm.Get("password")}, true
}

func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") ||
		strings.Contains(r.Header.Get("Accept"), "application/json")
}

func (h *HTTP) limited(w http.ResponseWriter, key string) bool {
	if h.PerAccount == nil {
		return false
	}
	ok, retry := h.PerAccount.Allow(key)
	if ok {
		return false
	}
	secs := int(retry.Seconds() + 0.999)
	if secs < 1 {
		secs = 1
	}
	w.Header().Set("Retry-After", itoa(secs))
	writeJSONError(w, http.StatusTooManyRequests, &apperr.Error{Code: apperr.RateLimited, Message: "too many attempts; try again later"})
	return true
}

func (h *HTTP) requestMagicLink(w http.ResponseWriter, r *http.Request) {
	c, ok := readCredentials(r)
	email := NormaliseEmail(c.Email)
	if !ok || !strings.Contains(email, "@") {
		writeJSONError(w, http.StatusBadRequest, apperr.Invalid("email", "enter the email address you were invited with"))
		return
	}
	if h.limited(w, "magic:"+email) {
		return
	}
	if err := h.Service.RequestMagicLink(r.Context(), email); err != nil {
		slog.ErrorContext(r.Context(), "auth: magic link", "err", err)
		http.Error(w, "could not send the link; try again", http.StatusServiceUnavailable)
		return
	}
	if wantsJSON(r) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		_, _ = w.Write([]byte(`{"ok":true,"message":"If that address is registered, a sign-in link is on its way."}` + "\n"))
		return
	}
	renderPage(w, http.StatusAccepted, "Check your email", "If that address is registered, a sign-in link is on its way. It works once and expires in 15 minutes.", "")
}

// confirmMagicLink does not consume the link: mail scanners fetch links,
// so signing in takes a deliberate POST from the page.
func (h *HTTP) confirmMagicLink(w http.ResponseWriter, r *http.Request) {
	renderPage(w, http.StatusOK, "Sign in to Convene", "Press the button to finish signing in.", r.URL.Path)
}

func (h *HTTP) redeemMagicLink(w http.ResponseWriter, r *http.Request) {
	token := chi.URLParam(r, "token")
	if h.limited(w, "redeem:"+clientIP(r)) {
		return
	}
	sess, _, err := h.Service.RedeemMagicLink(r.Context(), token, r.UserAgent(), clientIP(r))
	if err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			if wantsJSON(r) {
				writeJSONError(w, http.StatusUnauthorized, ae)
				return
			}
			renderPage(w, http.StatusUnauthorized, "This link no longer works", ae.Message, "")
			return
		}
		slog.ErrorContext(r.Context(), "auth: redeem", "err", err)
		http.Error(w, "could not sign in; try again", http.StatusServiceUnavailable)
		return
	}
	h.setCookie(w, sess)
	if wantsJSON(r) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok":true}` + "\n"))
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (h *HTTP) passwordSignIn(w http.ResponseWriter, r *http.Request) {
	c, ok := readCredentials(r)
	if !ok || c.Email == "" || c.Password == "" {
		writeJSONError(w, http.StatusBadRequest, apperr.Invalid("password", "enter your email and password"))
		return
	}
	if h.limited(w, "password:"+NormaliseEmail(c.Email)) {
		return
	}
	sess, _, err := h.Service.SignInWithPassword(r.Context(), c.Email, c.Password, r.UserAgent(), clientIP(r))
	if err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			writeJSONError(w, http.StatusUnauthorized, ae)
			return
		}
		slog.ErrorContext(r.Context(), "auth: password", "err", err)
		http.Error(w, "could not sign in; try again", http.StatusServiceUnavailable)
		return
	}
	h.setCookie(w, sess)
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"ok":true}` + "\n"))
}

func (h *HTTP) signOut(w http.ResponseWriter, r *http.Request) {
	if id := IdentityFrom(r.Context()); id != nil && id.SessionID != 0 {
		if err := h.Service.SignOut(r.Context(), id.SessionID); err != nil {
			slog.ErrorContext(r.Context(), "auth: sign out", "err", err)
		}
	}
	h.clearCookie(w)
	if wantsJSON(r) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (h *HTTP) signInPage(w http.ResponseWriter, r *http.Request) {
	renderPage(w, http.StatusOK, "Sign in to Convene", "Enter your email address and we will send you a sign-in link.", "")
}

func (h *HTTP) setCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: CookieName, Value: token, Path: "/",
		MaxAge: int(SessionTTL.Seconds()), HttpOnly: true,
		Secure: h.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

func (h *HTTP) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: CookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: h.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func writeJSONError(w http.ResponseWriter, status int, e *apperr.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": e.Message, "extensions": map[string]any{"code": string(e.Code)}}},
	})
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · Convene</title>
<style>body{font:1.05rem/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
button,input{font:inherit;padding:.6rem .9rem}button{background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}
input{width:100%;box-sizing:border-box;margin:.3rem 0 1rem;border:1px solid #555;border-radius:4px}
:focus-visible{outline:3px solid #f90;outline-offset:2px}</style></head>
<body><main><h1>{{.Title}}</h1><p>{{.Message}}</p>
{{if .Action}}<form method="post" action="{{.Action}}"><button type="submit">Sign in</button></form>{{end}}
{{if eq .Title "Sign in to Convene"}}{{if not .Action}}<form method="post" action="/auth/magic-link">
<label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="email" required>
<button type="submit">Email me a sign-in link</button></form>{{end}}{{end}}
</main></body></html>`))

func renderPage(w http.ResponseWriter, status int, title, message, action string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = page.Execute(w, map[string]string{"Title": title, "Message": message, "Action": action})
}

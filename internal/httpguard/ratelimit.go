package httpguard

import (
	"container/list"
	"crypto/sha256"
	"fmt"
	"math"
	"math/bits"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/convene/convene/internal/apperr"
)

// DefaultMaxKeys is how many keys a Limiter tracks unless WithMaxKeys says
// otherwise.
const DefaultMaxKeys = 100_000

// maxKeyLen: longer keys (say, an attacker-chosen email address) are stored
// as their SHA-256 so that memory stays bounded by the number of keys.
const maxKeyLen = 128

// Limiter is an in-memory sliding-window rate limiter: Allow lets through at
// most about limit requests per key in any window-long period. It keeps two
// counters per key (the current and the previous fixed window) and weighs the
// previous one by how much of it still overlaps the sliding window, the
// approach Cloudflare and go-chi/httprate use; it never allows more than
// limit requests inside one fixed window.
//
// Memory is bounded: at most MaxKeys keys are tracked, evicting the least
// recently used one when full, and keys idle for two windows (whose state no
// longer matters) are dropped as later calls pass by, so no goroutine is
// needed. An attacker who can spread requests over more than MaxKeys keys can
// evict other keys' state; size MaxKeys above the legitimate working set.
//
// State is per process: with several replicas each enforces its own limit.
// A Limiter is safe for concurrent use.
type Limiter struct {
	limit   int
	window  time.Duration
	maxKeys int
	now     func() time.Time

	mu      sync.Mutex
	entries map[string]*list.Element // of *slot
	lru     *list.List               // front = least recently used
}

type slot struct {
	key        string
	start      time.Time // start of the current fixed window
	prev, curr int       // allowed requests in the previous and current window
	last       time.Time // last time the key was seen
}

// LimiterOption configures NewLimiter.
type LimiterOption func(*Limiter)

// WithClock replaces time.Now (for tests).
func WithClock(now func() time.Time) LimiterOption {
	return func(l *Limiter) { l.now = now }
}

// WithMaxKeys sets how many keys are tracked (default DefaultMaxKeys).
func WithMaxKeys(n int) LimiterOption {
	return func(l *Limiter) {
		if n > 0 {
			l.maxKeys = n
		}
	}
}

// NewLimiter allows limit requests per window and key. It panics if limit
// < 1 or window <= 0.
func NewLimiter(limit int, window time.Duration, opts ...LimiterOption) *Limiter {
	if limit < 1 || window <= 0 {
		panic("httpguard: NewLimiter needs a positive limit and window")
	}
	l := &Limiter{
		limit:   limit,
		window:  window,
		maxKeys: DefaultMaxKeys,
		now:     time.Now,
		entries: map[string]*list.Element{},
		lru:     list.New(),
	}
	for _, o := range opts {
		o(l)
	}
	return l
}

// Allow counts a request for key. If it is over the limit, ok is false and
// retryAfter is how long until a request for key would be allowed again
// (refused requests are not counted).
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	key = storedKey(key)
	now := l.now()

	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)

	var s *slot
	if el, found := l.entries[key]; found {
		s = el.Value.(*slot)
		l.lru.MoveToBack(el)
	} else {
		for l.lru.Len() >= l.maxKeys {
			l.remove(l.lru.Front())
		}
		s = &slot{key: key, start: now.Truncate(l.window)}
		l.entries[key] = l.lru.PushBack(s)
	}
	s.last = now

	// Roll the fixed windows forward.
	if ws := now.Truncate(l.window); !ws.Equal(s.start) {
		if ws.Sub(s.start) == l.window {
			s.prev, s.curr = s.curr, 0
		} else if ws.After(s.start) {
			s.prev, s.curr = 0, 0
		} // a clock going backwards keeps the counts
		if ws.After(s.start) {
			s.start = ws
		}
	}

	w := uint64(l.window)
	elapsed := now.Sub(s.start)
	if elapsed < 0 {
		elapsed = 0
	}
	if elapsed >= l.window {
		elapsed = l.window - 1
	}
	left := w - uint64(elapsed) // time left in the current fixed window
	limit1 := uint64(l.limit - 1)

	// Allowed if prev*(left/w) + curr + 1 <= limit, in integers:
	// prev*left <= (limit-1-curr)*w.
	if s.curr <= l.limit-1 {
		room := limit1 - uint64(s.curr)
		if mulLE(uint64(s.prev), left, room, w) {
			s.curr++
			return true, 0
		}
		// Allowed again later in this window, once enough of the previous
		// window has slid out: prev*(left-t) <= room*w.
		t := left - mulDiv(room, w, uint64(s.prev))
		return false, time.Duration(t)
	}
	// curr == limit: wait for the next window, then until
	// curr*(w-s) <= (limit-1)*w.
	t := left + w - mulDiv(limit1, w, uint64(s.curr))
	return false, time.Duration(t)
}

// Reset forgets key (e.g. after a successful login).
func (l *Limiter) Reset(key string) {
	key = storedKey(key)
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.entries[key]; ok {
		l.remove(el)
	}
}

// Len is the number of keys tracked.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lru.Len()
}

// sweep drops keys idle for two windows from the least recently used end;
// amortised O(1) per call.
func (l *Limiter) sweep(now time.Time) {
	for el := l.lru.Front(); el != nil; el = l.lru.Front() {
		if now.Sub(el.Value.(*slot).last) < 2*l.window {
			return
		}
		l.remove(el)
	}
}

func (l *Limiter) remove(el *list.Element) {
	delete(l.entries, el.Value.(*slot).key)
	l.lru.Remove(el)
}

func storedKey(key string) string {
	if len(key) <= maxKeyLen {
		return key
	}
	sum := sha256.Sum256([]byte(key))
	return "\x00sha256:" + string(sum[:])
}

// mulLE reports a*b <= c*d without overflow.
func mulLE(a, b, c, d uint64) bool {
	h1, l1 := bits.Mul64(a, b)
	h2, l2 := bits.Mul64(c, d)
	return h1 < h2 || (h1 == h2 && l1 <= l2)
}

// mulDiv is floor(a*b/c), saturating.
func mulDiv(a, b, c uint64) uint64 {
	if c == 0 {
		return math.MaxUint64
	}
	h, lo := bits.Mul64(a, b)
	if h >= c {
		return math.MaxUint64
	}
	q, _ := bits.Div64(h, lo, c)
	return q
}

// IPOptions configures LimitByIP.
type IPOptions struct {
	// TrustProxyHeaders takes the client address from the proxy headers
	// (the last X-Forwarded-For entry, i.e. the address the reverse proxy
	// in front of Convene saw, then X-Real-IP) instead of the connection's
	// remote address. Only set it when every request reaches the server
	// through exactly one proxy that sets those headers: otherwise a client
	// chooses its own key and escapes the limit.
	TrustProxyHeaders bool
	// Prefix is prepended to the key, so several limits can share one
	// Limiter.
	Prefix string
}

// LimitByIP refuses requests from a client address that exceeds l with
// TooManyRequests. IPv6 clients are keyed by their /64 network, since one
// host usually controls a whole /64.
func LimitByIP(l *Limiter, opts ...IPOptions) func(http.Handler) http.Handler {
	if l == nil {
		panic("httpguard: LimitByIP needs a Limiter")
	}
	var o IPOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if ok, retry := l.Allow(o.Prefix + ClientKey(r, o.TrustProxyHeaders)); !ok {
				TooManyRequests(w, retry)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// ClientIP is the client's address: r.RemoteAddr without the port, or, with
// trustProxyHeaders, the last X-Forwarded-For entry or X-Real-IP.
func ClientIP(r *http.Request, trustProxyHeaders bool) string {
	if trustProxyHeaders {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			parts := strings.Split(xff[len(xff)-1], ",")
			if a, ok := parseAddr(parts[len(parts)-1]); ok {
				return a.String()
			}
		}
		if a, ok := parseAddr(r.Header.Get("X-Real-IP")); ok {
			return a.String()
		}
	}
	if a, ok := parseAddr(r.RemoteAddr); ok {
		return a.String()
	}
	return r.RemoteAddr
}

// ClientKey is ClientIP with IPv6 addresses reduced to their /64 network:
// the rate-limiting key LimitByIP uses.
func ClientKey(r *http.Request, trustProxyHeaders bool) string {
	ip := ClientIP(r, trustProxyHeaders)
	a, err := netip.ParseAddr(ip)
	if err != nil || !a.Is6() {
		return ip
	}
	p, _ := a.Prefix(64)
	return p.String()
}

func parseAddr(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return netip.Addr{}, false
	}
	if host, _, err := net.SplitHostPort(s); err == nil {
		s = host
	}
	a, err := netip.ParseAddr(strings.Trim(s, "[]"))
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

// TooManyRequests answers 429 with Retry-After (whole seconds, rounded up,
// at least 1) and a GraphQL-style JSON error with code RATE_LIMITED and
// extensions.retryAfter (seconds). Handlers that limit per account (say, per
// email address on sign-in) call it when their Limiter refuses.
func TooManyRequests(w http.ResponseWriter, retryAfter time.Duration) {
	secs := int64(math.Ceil(retryAfter.Seconds()))
	if secs < 1 {
		secs = 1
	}
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	unit := "seconds"
	if secs == 1 {
		unit = "second"
	}
	WriteError(w, http.StatusTooManyRequests, apperr.RateLimited,
		fmt.Sprintf("too many requests; try again in %d %s", secs, unit),
		map[string]any{"retryAfter": secs})
}

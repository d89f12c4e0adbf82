package httpguard_test

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/httpguard"
)

// clock is an injectable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestLimiterAllowsNThenRefusesThenRecovers(t *testing.T) {
	clk := newClock()
	l := httpguard.NewLimiter(3, time.Minute, httpguard.WithClock(clk.Now))
	for i := range 3 {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("request %d refused", i+1)
		}
	}
	ok, retry := l.Allow("a")
	if ok {
		t.Fatal("fourth request allowed")
	}
	// Three requests at the start of a window: the sliding window frees one
	// slot a third of the way into the next window.
	if want := time.Minute + 20*time.Second; retry != want {
		t.Errorf("retryAfter = %v, want %v", retry, want)
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Error("another key is limited too")
	}
	clk.Advance(retry - time.Nanosecond)
	if ok, _ := l.Allow("a"); ok {
		t.Error("allowed before retryAfter")
	}
	clk.Advance(time.Nanosecond)
	if ok, _ := l.Allow("a"); !ok {
		t.Error("refused at retryAfter")
	}
	// After two quiet windows everything is forgotten: the full limit again.
	clk.Advance(2 * time.Minute)
	for i := range 3 {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("after recovery, request %d refused", i+1)
		}
	}
	if ok, _ := l.Allow("a"); ok {
		t.Error("limit not enforced after recovery")
	}
}

// Random traffic: retryAfter is exact (refused just before, allowed at it),
// and no fixed window ever lets more than limit requests through.
func TestLimiterRetryAfterIsExact(t *testing.T) {
	const (
		limit  = 5
		window = 10 * time.Second
	)
	rng := rand.New(rand.NewPCG(1, 2))
	for run := range 50 {
		var history []time.Duration // offsets of all calls so far
		replay := func(extra time.Duration) bool {
			clk := newClock()
			start := clk.Now()
			l := httpguard.NewLimiter(limit, window, httpguard.WithClock(clk.Now))
			for _, off := range history {
				clk.t = start.Add(off)
				l.Allow("k")
			}
			clk.t = start.Add(extra)
			ok, _ := l.Allow("k")
			return ok
		}
		clk := newClock()
		start := clk.Now()
		l := httpguard.NewLimiter(limit, window, httpguard.WithClock(clk.Now))
		perWindow := map[int64]int{}
		var off time.Duration
		for range 40 {
			off += time.Duration(rng.Int64N(int64(3 * time.Second)))
			clk.t = start.Add(off)
			ok, retry := l.Allow("k")
			if ok {
				w := clk.t.Truncate(window).Unix()
				perWindow[w]++
				if perWindow[w] > limit {
					t.Fatalf("run %d: %d requests allowed in one window", run, perWindow[w])
				}
			} else {
				if retry <= 0 {
					t.Fatalf("run %d: refused with retryAfter %v", run, retry)
				}
				before := history
				history = append(history, off)
				if replay(off + retry - time.Nanosecond) {
					t.Fatalf("run %d: allowed 1ns before retryAfter %v", run, retry)
				}
				if !replay(off + retry) {
					t.Fatalf("run %d: refused at retryAfter %v", run, retry)
				}
				history = before
			}
			history = append(history, off)
		}
	}
}

func TestLimiterBoundedMemory(t *testing.T) {
	clk := newClock()
	l := httpguard.NewLimiter(1, time.Minute, httpguard.WithClock(clk.Now), httpguard.WithMaxKeys(2))
	l.Allow("a")
	l.Allow("b")
	l.Allow("c") // evicts a, the least recently used
	if n := l.Len(); n != 2 {
		t.Fatalf("Len = %d, want 2", n)
	}
	if ok, _ := l.Allow("c"); ok {
		t.Error("c not limited")
	}
	if ok, _ := l.Allow("a"); !ok {
		t.Error("evicted key a still limited")
	}

	// Idle keys are swept after two windows.
	clk.Advance(2 * time.Minute)
	l.Allow("d")
	if n := l.Len(); n != 1 {
		t.Errorf("Len after idle sweep = %d, want 1", n)
	}

	// Long keys are stored hashed: the same long key is one key.
	long := strings.Repeat("x", 10_000)
	l2 := httpguard.NewLimiter(1, time.Minute, httpguard.WithClock(clk.Now))
	l2.Allow(long)
	if ok, _ := l2.Allow(long); ok {
		t.Error("long key not limited")
	}
	if ok, _ := l2.Allow(long + "y"); !ok {
		t.Error("different long keys collide")
	}
	l2.Reset(long)
	if ok, _ := l2.Allow(long); !ok {
		t.Error("Reset did not forget the key")
	}
}

func TestLimitByIP(t *testing.T) {
	clk := newClock()
	l := httpguard.NewLimiter(2, time.Minute, httpguard.WithClock(clk.Now))
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	plain := httpguard.LimitByIP(l)(ok)
	proxied := httpguard.LimitByIP(l, httpguard.IPOptions{TrustProxyHeaders: true, Prefix: "proxied:"})(ok)

	do := func(h http.Handler, remote string, headers ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		req.RemoteAddr = remote
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Add(headers[i], headers[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}

	for i := range 2 {
		if rec := do(plain, "192.0.2.1:1000"); rec.Code != http.StatusNoContent {
			t.Fatalf("request %d: status %d", i+1, rec.Code)
		}
	}
	rec := do(plain, "192.0.2.1:2000") // another port, same client
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("status = %d, want 429", rec.Code)
	}
	if got := rec.Header().Get("Retry-After"); got != "90" { // 60s + 60s/2
		t.Errorf("Retry-After = %q, want 90", got)
	}
	e := decodeError(t, rec)
	if e.Extensions["code"] != "RATE_LIMITED" || e.Extensions["retryAfter"] != float64(90) {
		t.Errorf("error = %+v", e)
	}

	// X-Forwarded-For is ignored unless trusted: spoofing it does not help.
	if rec := do(plain, "192.0.2.1:1000", "X-Forwarded-For", "203.0.113.9"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("spoofed X-Forwarded-For escaped the limit: %d", rec.Code)
	}
	if rec := do(plain, "192.0.2.2:1000"); rec.Code != http.StatusNoContent {
		t.Errorf("other client limited: %d", rec.Code)
	}

	// Trusted proxy: the last X-Forwarded-For entry is the client.
	for range 2 {
		do(proxied, "10.0.0.1:1000", "X-Forwarded-For", "198.51.100.7, 203.0.113.5")
	}
	if rec := do(proxied, "10.0.0.1:1000", "X-Forwarded-For", "1.2.3.4, 203.0.113.5"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("client behind proxy not limited (forged first entry helped): %d", rec.Code)
	}
	if rec := do(proxied, "10.0.0.1:1000", "X-Forwarded-For", "203.0.113.6"); rec.Code != http.StatusNoContent {
		t.Errorf("another client behind the proxy limited: %d", rec.Code)
	}

	// IPv6 clients share a limit per /64.
	do(plain, "[2001:db8:1:2::1]:1000")
	do(plain, "[2001:db8:1:2::2]:1000")
	if rec := do(plain, "[2001:db8:1:2:ffff::3]:1000"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("same /64 not limited together: %d", rec.Code)
	}
	if rec := do(plain, "[2001:db8:1:3::1]:1000"); rec.Code != http.StatusNoContent {
		t.Errorf("other /64 limited: %d", rec.Code)
	}
}

func TestClientIP(t *testing.T) {
	tests := []struct {
		remote, xff, realIP string
		trust               bool
		want                string
	}{
		{"192.0.2.1:1234", "", "", false, "192.0.2.1"},
		{"[2001:db8::1]:1234", "", "", false, "2001:db8::1"},
		{"[::ffff:192.0.2.1]:1234", "", "", false, "192.0.2.1"},
		{"192.0.2.1:1234", "203.0.113.1", "203.0.113.2", false, "192.0.2.1"},
		{"192.0.2.1:1234", "203.0.113.1, 198.51.100.1", "", true, "198.51.100.1"},
		{"192.0.2.1:1234", "garbage", "203.0.113.2", true, "203.0.113.2"},
		{"192.0.2.1:1234", "", "", true, "192.0.2.1"},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.RemoteAddr = tt.remote
		if tt.xff != "" {
			req.Header.Set("X-Forwarded-For", tt.xff)
		}
		if tt.realIP != "" {
			req.Header.Set("X-Real-IP", tt.realIP)
		}
		if got := httpguard.ClientIP(req, tt.trust); got != tt.want {
			t.Errorf("ClientIP(%q, xff %q, real %q, trust %v) = %q, want %q", tt.remote, tt.xff, tt.realIP, tt.trust, got, tt.want)
		}
	}
}

func TestTooManyRequests(t *testing.T) {
	for _, tt := range []struct {
		retry time.Duration
		want  string
	}{
		{1500 * time.Millisecond, "2"},
		{0, "1"},
		{time.Nanosecond, "1"},
		{90 * time.Second, "90"},
	} {
		rec := httptest.NewRecorder()
		httpguard.TooManyRequests(rec, tt.retry)
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != tt.want {
			t.Errorf("TooManyRequests(%v): %d Retry-After %q, want 429 %q", tt.retry, rec.Code, rec.Header().Get("Retry-After"), tt.want)
		}
		if e := decodeError(t, rec); !strings.Contains(e.Message, "try again in "+tt.want+" second") {
			t.Errorf("message = %q", e.Message)
		}
	}
}

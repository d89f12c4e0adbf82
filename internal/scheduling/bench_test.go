package scheduling_test

import (
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"
)

// BenchmarkConcurrentRSVP fires 500 simultaneous accepts over HTTP (the
// no-login form) at an event with 50 places and reports throughput and
// latency percentiles. Run with -benchtime=3x; on PostgreSQL set
// CONVENE_TEST_POSTGRES. Results are recorded in docs/PERFORMANCE.md.
func BenchmarkConcurrentRSVP(b *testing.B) {
	const capacity, n = 50, 500
	var all []time.Duration
	var elapsed time.Duration
	for range b.N {
		b.StopTimer()
		w := newRSVPWorld(b, capacity, n)
		lat := make([]time.Duration, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				t0 := time.Now()
				code, _, err := w.post(w.tokens[i], "ACCEPTED")
				lat[i] = time.Since(t0)
				if err != nil || code != http.StatusSeeOther {
					b.Errorf("accept: %d %v", code, err)
				}
			}(i)
		}
		b.StartTimer()
		t0 := time.Now()
		close(start)
		wg.Wait()
		elapsed += time.Since(t0)
		b.StopTimer()
		all = append(all, lat...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	pct := func(p float64) float64 { return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000 }
	b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "rsvps/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(pct(1), "max-ms")
}

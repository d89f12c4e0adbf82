package recurrence

import (
	"testing"
	"time"
)

// TestResolve pins the RFC 5545 reading of local times at DST changes; the
// expected instants come from the tz database transitions (London changes at
// 01:00Z, New York at 07:00Z in March and 06:00Z in November, Santiago at
// 04:00Z on 2026-09-06).
func TestResolve(t *testing.T) {
	tests := []struct {
		name, zone, wall, want string
	}{
		{"ordinary winter", "Europe/London", "2026-01-05T10:00:00Z", "2026-01-05T10:00:00Z"},
		{"ordinary summer", "Europe/London", "2026-07-06T10:00:00Z", "2026-07-06T09:00:00Z"},
		{"London gap reads GMT", "Europe/London", "2026-03-29T01:30:00Z", "2026-03-29T01:30:00Z"},
		{"London overlap takes first (BST)", "Europe/London", "2026-10-25T01:30:00Z", "2026-10-25T00:30:00Z"},
		{"London just after gap", "Europe/London", "2026-03-29T02:00:00Z", "2026-03-29T01:00:00Z"},
		{"London just after overlap", "Europe/London", "2026-10-25T02:00:00Z", "2026-10-25T02:00:00Z"},
		{"New York gap reads EST", "America/New_York", "2026-03-08T02:30:00Z", "2026-03-08T07:30:00Z"},
		{"New York overlap takes first (EDT)", "America/New_York", "2026-11-01T01:30:00Z", "2026-11-01T05:30:00Z"},
		{"Berlin overlap takes first (CEST)", "Europe/Berlin", "2026-10-25T02:30:00Z", "2026-10-25T00:30:00Z"},
		{"Berlin gap reads CET", "Europe/Berlin", "2026-03-29T02:30:00Z", "2026-03-29T01:30:00Z"},
		{"Santiago midnight gap", "America/Santiago", "2026-09-06T00:00:00Z", "2026-09-06T04:00:00Z"},
		{"UTC", "UTC", "2026-03-29T01:30:00Z", "2026-03-29T01:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			got := resolve(at(t, tt.wall), loc)
			if want := at(t, tt.want); !got.Equal(want) {
				t.Errorf("resolve(%s in %s) = %s, want %s", tt.wall, tt.zone, got.UTC().Format(time.RFC3339), tt.want)
			}
			if got.Location() != loc {
				t.Errorf("result in %v, want %v", got.Location(), loc)
			}
		})
	}
}

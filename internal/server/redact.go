package server

import "strings"

// secretPathPrefixes are routes whose last segment is a bearer secret
// (RSVP and feed tokens); logs show the route, not the secret.
var secretPathPrefixes = []string{"/rsvp/", "/calendar/p/", "/auth/magic/"}

func redactPath(p string) string {
	for _, prefix := range secretPathPrefixes {
		if strings.HasPrefix(p, prefix) {
			return prefix + "[redacted]"
		}
	}
	return p
}

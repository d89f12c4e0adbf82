package icalendar

import (
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// RFC 5545 §3.3.4/§3.3.5 layouts. go-ical has identical private constants;
// they are repeated here because VTIMEZONE DTSTARTs need a local date-time
// *without* a TZID parameter, which go-ical's SetDateTime cannot produce.
const (
	dateLayout          = "20060102"
	localDateTimeLayout = "20060102T150405"
	utcDateTimeLayout   = "20060102T150405Z"
)

// FormatDate formats the calendar date of t (in t's own location) as an
// RFC 5545 DATE value, e.g. "20260329".
func FormatDate(t time.Time) string { return t.Format(dateLayout) }

// FormatUTC formats t as an RFC 5545 UTC DATE-TIME value ("form #2"), e.g.
// "20260329T010000Z", converting it to UTC first. Sub-second precision is
// dropped, as the format has none.
func FormatUTC(t time.Time) string { return t.UTC().Format(utcDateTimeLayout) }

// FormatLocal formats the wall clock of t (in t's own location) as an
// RFC 5545 local DATE-TIME value without zone designator, e.g.
// "20260329T010000". It is meaningful only next to a TZID parameter or inside
// a VTIMEZONE sub-component.
func FormatLocal(t time.Time) string { return t.Format(localDateTimeLayout) }

// formatUTCOffset formats an offset in seconds east of UTC as an RFC 5545
// §3.3.14 UTC-OFFSET ("+0100", "-0430", "+053328"). Seconds are only written
// when non-zero, as the grammar allows; "-0000" is forbidden so zero is "+".
func formatUTCOffset(sec int) string {
	sign := byte('+')
	if sec < 0 {
		sign = '-'
		sec = -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

// formatDuration formats a positive whole-second duration as an RFC 5545
// §3.3.6 dur-value in its most compact exact form ("P1W", "P1D", "PT1H",
// "P1DT2H30M"). go-ical's SetDuration always writes seconds ("PT3600S"),
// which is valid but reads poorly in REFRESH-INTERVAL/X-PUBLISHED-TTL.
func formatDuration(d time.Duration) string {
	secs := int64(d / time.Second)
	const day, week = 86400, 7 * 86400
	if secs > 0 && secs%week == 0 {
		return "P" + strconv.FormatInt(secs/week, 10) + "W"
	}
	var b strings.Builder
	b.WriteByte('P')
	if days := secs / day; days > 0 {
		b.WriteString(strconv.FormatInt(days, 10))
		b.WriteByte('D')
	}
	rem := secs % day
	if rem == 0 && secs > 0 {
		return b.String()
	}
	b.WriteByte('T')
	h, m, s := rem/3600, rem/60%60, rem%60
	if h > 0 {
		b.WriteString(strconv.FormatInt(h, 10) + "H")
	}
	if m > 0 {
		b.WriteString(strconv.FormatInt(m, 10) + "M")
	}
	if s > 0 || rem == 0 {
		b.WriteString(strconv.FormatInt(s, 10) + "S")
	}
	return b.String()
}

// cleanText turns arbitrary user text into something that can be a TEXT
// value. go-ical's SetText already escapes backslash, semicolon, comma and LF
// (RFC 5545 §3.3.11) but rejects CR at encode time and passes other control
// characters through, which §3.3.11 forbids (TSAFE-CHAR excludes CONTROL
// except HTAB). So: invalid UTF-8 becomes U+FFFD (folding relies on valid
// UTF-8), CRLF and lone CR become LF (then escaped to "\n" by go-ical), and
// the remaining controls other than HTAB and LF are dropped. Nothing is
// escaped here, so nothing is escaped twice.
func cleanText(s string) string {
	if isCleanText(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// isCleanText is the allocation-free fast path of cleanText: most values
// (titles, UIDs) need no work at all.
func isCleanText(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			continue
		}
		if (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
			return false
		}
	}
	return ascii || utf8.ValidString(s)
}

// cleanParam makes a display name usable as a parameter value (RFC 5545
// §3.2: param-value = paramtext / quoted-string; QSAFE-CHAR excludes DQUOTE
// and controls). A parameter value cannot contain DQUOTE at all — there is no
// escape — and go-ical returns an error for one, so DQUOTE becomes an
// apostrophe (readable, unlike deleting it), line breaks and other controls
// become spaces, and runs of spaces they leave are collapsed. Quoting values
// that contain ':', ';' or ',' is left to go-ical's encoder, which does it.
func cleanParam(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// mailtoURI validates a bare e-mail address and returns it as the mailto:
// CAL-ADDRESS that ORGANIZER and ATTENDEE require (RFC 5545 §3.3.3).
// Characters that are legal in an address's local part but delimit a URI
// (%, ?, #) are percent-encoded per RFC 6068 §2 so that clients matching
// attendees against mailboxes see the address intact.
func mailtoURI(email string) (string, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return "", errors.New("empty e-mail address")
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || strings.ContainsAny(email, " \t\"<>\\") {
		return "", fmt.Errorf("%q is not a bare e-mail address", email)
	}
	return "mailto:" + mailtoEscaper.Replace(email), nil
}

var mailtoEscaper = strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23")

package icalendar

import (
	"bytes"
	"unicode/utf8"
)

// MaxLineOctets is the RFC 5545 §3.1 limit on the length of a content line,
// excluding the CRLF line break.
const MaxLineOctets = 75

// FoldLines folds every content line in b that is longer than MaxLineOctets
// octets, as RFC 5545 §3.1 requires, and returns the result in a new slice.
//
// A long line is split into a first line of at most 75 octets and
// continuation lines of a single SPACE plus at most 74 octets, so every
// physical line is at most 75 octets. A split never falls inside a UTF-8
// multi-octet sequence (the RFC says SHOULD NOT; clients that decode each
// physical line separately would otherwise show U+FFFD). Line breaks in b may
// be LF or CRLF; every line of the result ends in CRLF, including a final line
// that had no terminator. Unfolding the result (removing each CRLF followed by
// one SPACE) restores b's lines exactly. Lines that are already short enough
// are copied unchanged, so folding is idempotent.
func FoldLines(b []byte) []byte {
	// Each 74 octets of a long line gain CRLF SP (3 octets), hence len/24;
	// LF-only input needs one more octet per line, which append absorbs.
	out := make([]byte, 0, len(b)+len(b)/24+2)
	for len(b) > 0 {
		var line []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			line, b = b, nil
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		out = appendFolded(out, line)
	}
	return out
}

// appendFolded appends one content line, folded, with its CRLF.
func appendFolded(out, line []byte) []byte {
	limit := MaxLineOctets
	for len(line) > limit {
		cut := limit
		// Back up to the first octet of the character that straddles the
		// limit. A UTF-8 character is at most 4 octets, so for valid UTF-8
		// this moves back at most 3 octets; the loop bound only matters for
		// invalid input, which is then cut at the limit rather than never.
		for back := 0; back < utf8.UTFMax && cut > 1 && !utf8.RuneStart(line[cut]); back++ {
			cut--
		}
		if !utf8.RuneStart(line[cut]) {
			cut = limit
		}
		out = append(out, line[:cut]...)
		out = append(out, '\r', '\n', ' ')
		line = line[cut:]
		limit = MaxLineOctets - 1 // the leading SPACE counts towards 75
	}
	out = append(out, line...)
	return append(out, '\r', '\n')
}

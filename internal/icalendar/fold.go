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
	w := foldingWriter{out: make([]byte, 0, len(b)+len(b)/24+2)}
	w.Write(b)
	return w.bytes()
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

// foldingWriter folds content lines as they are written, so the encoder's
// output is copied once rather than encoded and then folded in a second
// pass. go-ical's encoder writes one whole content line per Write; a line
// split across writes is held back until its end arrives.
type foldingWriter struct {
	out     []byte
	partial []byte
}

func (w *foldingWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(w.partial) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			w.partial = append(w.partial, p...)
			return n, nil
		}
		w.partial = append(w.partial, p[:i]...)
		w.out = appendFolded(w.out, bytes.TrimSuffix(w.partial, []byte{'\r'}))
		w.partial = w.partial[:0]
		p = p[i+1:]
	}
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			w.partial = append(w.partial, p...)
			break
		}
		w.out = appendFolded(w.out, bytes.TrimSuffix(p[:i], []byte{'\r'}))
		p = p[i+1:]
	}
	return n, nil
}

// bytes returns everything written, folded, ending in CRLF.
func (w *foldingWriter) bytes() []byte {
	if len(w.partial) > 0 {
		w.out = appendFolded(w.out, bytes.TrimSuffix(w.partial, []byte{'\r'}))
		w.partial = w.partial[:0]
	}
	return w.out
}

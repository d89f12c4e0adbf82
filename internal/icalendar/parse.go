package icalendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	ical "github.com/emersion/go-ical"
)

// MaxParseSize is the largest input Parse accepts, in bytes. go-ical builds
// the whole tree in memory, so unbounded input is unbounded memory; 32 MiB is
// tens of thousands of events, far beyond any real import.
const MaxParseSize = 32 << 20

// ErrMalformed is wrapped by every error Parse returns because the input is
// not a usable iCalendar document (as opposed to a failing reader).
var ErrMalformed = errors.New("malformed iCalendar data")

// Limits that keep go-ical's decoder from exhausting the stack or the CPU on
// hostile input. Its component parser recurses once per BEGIN, and a Go
// stack overflow is fatal, not a recoverable panic. Its parameter parser
// builds each value one byte at a time with string concatenation, so a value
// of n bytes costs O(n²): 100 kB takes seconds, 300 kB nearly a minute.
const (
	maxNesting = 32 // VCALENDAR > VEVENT > VALARM is 3
	// maxParamRun bounds one parameter value (a CN, a DELEGATED-TO list
	// item). 4 KiB costs ~15 ms in the decoder.
	maxParamRun = 4 << 10
	// maxParamCost bounds the sum of squared parameter value lengths over
	// the whole input, i.e. the decoder's total quadratic work (~1 s).
	// Real calendars have short values and stay far below it.
	maxParamCost = 1 << 30
)

var utf8BOM = []byte("\xef\xbb\xbf")

// Parse decodes the first VCALENDAR in r with go-ical's decoder and returns
// it. go-ical unfolds continuation lines itself (CRLF or LF followed by one
// SPACE or HTAB; the whitespace is removed), accepts LF as well as CRLF line
// ends, and leaves TEXT values escaped: use Prop.Text / Props.Text to
// unescape them.
//
// Parse never panics. Input is first checked for what would make the decoder
// misbehave (over MaxParseSize, nesting deeper than 32 components, huge
// parameter values), then decoded under recover, so a panic inside go-ical
// on malformed input becomes an error. All such errors wrap ErrMalformed. A
// leading UTF-8 byte order mark, which some exporters write, is skipped.
func Parse(r io.Reader) (cal *ical.Calendar, err error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxParseSize+1))
	if err != nil {
		return nil, fmt.Errorf("icalendar: read: %w", err)
	}
	if len(data) > MaxParseSize {
		return nil, fmt.Errorf("icalendar: %w: larger than %d bytes", ErrMalformed, MaxParseSize)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if err := precheck(data); err != nil {
		return nil, fmt.Errorf("icalendar: %w: %w", ErrMalformed, err)
	}

	defer func() {
		if p := recover(); p != nil {
			cal, err = nil, fmt.Errorf("icalendar: %w: decoder panic: %v", ErrMalformed, p)
		}
	}()
	cal, err = ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		// The decoder returns a bare io.EOF for empty and truncated
		// input. Passing that on would make loops reading "until EOF"
		// treat a broken upload as a clean end.
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("icalendar: %w: %w", ErrMalformed, err)
	}
	return cal, nil
}

// precheck unfolds data the way go-ical does and rejects input that would
// make the decoder recurse too deeply or spend quadratic time on parameters.
func precheck(data []byte) error {
	var (
		logical []byte // current unfolded content line
		depth   int
		cost    int64
	)
	flush := func() error {
		if len(logical) == 0 {
			return nil
		}
		name := logical
		if i := bytes.IndexAny(logical, ";:"); i >= 0 {
			name = logical[:i]
		}
		switch {
		case bytes.EqualFold(name, []byte("BEGIN")):
			if depth++; depth > maxNesting {
				return fmt.Errorf("components nested more than %d deep", maxNesting)
			}
		case bytes.EqualFold(name, []byte("END")):
			depth = max(depth-1, 0)
		}
		c, err := paramCost(logical)
		if err != nil {
			return err
		}
		if cost += c; cost > maxParamCost {
			return errors.New("too much parameter data")
		}
		return nil
	}

	for len(data) > 0 {
		var phys []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			phys, data = data[:i], data[i+1:]
		} else {
			phys, data = data, nil
		}
		phys = bytes.TrimSuffix(phys, []byte{'\r'})
		if len(phys) > 0 && (phys[0] == ' ' || phys[0] == '\t') {
			logical = append(logical, phys[1:]...)
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		logical = append(logical[:0], phys...)
	}
	return flush()
}

// paramCost mirrors how go-ical's lineDecoder splits the parameter section
// of a content line into values (quoted strings, or runs up to ';', ',' or
// ':') and returns the sum of their squared lengths. Parameter names are
// counted as runs too, which over-estimates slightly and errs on the safe
// side.
func paramCost(line []byte) (int64, error) {
	i := bytes.IndexAny(line, ";:")
	if i < 0 || line[i] == ':' {
		return 0, nil // no parameters
	}
	var cost int64
	run := 0
	end := func() error {
		if run > maxParamRun {
			return fmt.Errorf("parameter value longer than %d bytes", maxParamRun)
		}
		cost += int64(run) * int64(run)
		run = 0
		return nil
	}
	inQuote := false
	for _, c := range line[i+1:] {
		switch {
		case inQuote:
			if c == '"' {
				inQuote = false
				if err := end(); err != nil {
					return 0, err
				}
				continue
			}
			run++
		case c == '"':
			inQuote = true
			if err := end(); err != nil {
				return 0, err
			}
		case c == ':':
			err := end()
			return cost, err
		case c == ';' || c == ',' || c == '=':
			if err := end(); err != nil {
				return 0, err
			}
		default:
			run++
		}
	}
	err := end()
	return cost, err
}

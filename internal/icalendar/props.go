package icalendar

import (
	"strings"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
)

// propBuf is the property set of one component under construction. A feed
// writes hundreds of VEVENTs with the same twenty-odd property names, so
// Marshal builds each one in the same propBuf and encodes it before
// building the next. Everything survives from one component to the next:
// the go-ical property map and its slices (an entry is rewritten only when
// its length changes, see finish), the parameter maps, the one-element
// parameter lists and the arena the formatted values are written into. A
// component therefore costs about one map look-up per property and no
// allocation, where a go-ical tree per event used to cost as much as
// encoding it.
type propBuf struct {
	props ical.Props
	slots map[string]*propSlot
	gen   int         // the component being built; slots from older ones are empty
	used  []*propSlot // slots written since reset
	shown []*propSlot // slots in the map after the last finish
	last  *propSlot   // the slot written last

	// vals holds formatted values (date-times, escaped text).
	// strings.Builder never rewrites bytes it has handed out, so each
	// value is a substring of vals.String() without a copy, valid after
	// later writes.
	vals strings.Builder
	// params backs the one-element parameter lists (TZID, CN, ...); it is
	// overwritten after reset, so a component must be encoded before the
	// next one is built.
	params []string
}

// propSlot holds the properties of one name.
type propSlot struct {
	name  string
	list  []ical.Prop // storage; list[:n] is the current component's
	n     int
	inMap int // len(props[name]), 0 if absent; -1 after list was reallocated
	gen   int
	// valueParams memoises go-ical's SetValueType decision for this
	// name, per value type.
	valueParams []valueParam
}

type valueParam struct {
	typ   ical.ValueType
	param string // "" when the type is the property's default
}

func newPropBuf(size int) *propBuf {
	return &propBuf{props: make(ical.Props, size), slots: make(map[string]*propSlot, size), gen: 1}
}

// reset starts the next component: every property is dropped (at finish)
// unless it is written again.
func (pb *propBuf) reset() {
	pb.gen++
	pb.used = pb.used[:0]
	pb.params = pb.params[:0]
}

// finish brings the go-ical property map up to date with what was written
// since reset and returns it, ready for go-ical's encoder. The map holds
// exactly the names written (go-ical sorts and visits every name it
// holds), and an entry is only assigned when its slice changed, which for
// a run of similar components is rare.
func (pb *propBuf) finish() ical.Props {
	for _, s := range pb.shown {
		if s.gen != pb.gen || s.n == 0 {
			delete(pb.props, s.name)
			s.inMap = 0
		}
	}
	pb.shown = pb.shown[:0]
	for _, s := range pb.used {
		if s.n == 0 {
			continue
		}
		if s.inMap != s.n {
			pb.props[s.name] = s.list[:s.n]
			s.inMap = s.n
		}
		pb.shown = append(pb.shown, s)
	}
	return pb.props
}

// slot returns the slot for name, emptied if it was last written for an
// earlier component.
func (pb *propBuf) slot(name string) *propSlot {
	s := pb.slots[name]
	if s == nil {
		s = &propSlot{name: name}
		pb.slots[name] = s
	}
	if s.gen != pb.gen {
		s.gen, s.n = pb.gen, 0
		pb.used = append(pb.used, s)
	}
	pb.last = s
	return s
}

// next appends an empty property to s and returns it. The pointer is valid
// until the next property of the same name.
func (s *propSlot) next() *ical.Prop {
	if s.n == len(s.list) {
		s.list = append(s.list, ical.Prop{})
		s.list = s.list[:cap(s.list)]
		s.inMap = -1
	}
	p := &s.list[s.n]
	s.n++
	p.Name, p.Value = s.name, ""
	// Keep the Params map (empty and non-nil, as go-ical's setters need).
	if p.Params == nil {
		p.Params = make(ical.Params, 2)
	} else if len(p.Params) > 0 {
		clear(p.Params)
	}
	return p
}

// add appends an empty property called name and returns it.
func (pb *propBuf) add(name string) *ical.Prop { return pb.slot(name).next() }

// set is add after dropping any earlier property of the same name.
func (pb *propBuf) set(name string) *ical.Prop {
	s := pb.slot(name)
	s.n = 0
	return s.next()
}

// param sets a one-value parameter, as Params.Set does, without allocating
// its list. name must be in upper case (go-ical's Params.Set upper-cases).
func (pb *propBuf) param(p *ical.Prop, name, value string) {
	pb.params = append(pb.params, value)
	n := len(pb.params)
	p.Params[name] = pb.params[n-1 : n : n]
}

// valueType gives p, the property added last, the VALUE parameter go-ical's
// SetValueType would give it for a value of type t: none when t is the
// property's default type. go-ical is asked once per name and type.
func (pb *propBuf) valueType(p *ical.Prop, t ical.ValueType) {
	s := pb.last
	for _, v := range s.valueParams {
		if v.typ == t {
			if v.param != "" {
				pb.param(p, ical.ParamValue, v.param)
			}
			return
		}
	}
	probe := ical.Prop{Name: p.Name, Params: ical.Params{}}
	probe.SetValueType(t)
	s.valueParams = append(s.valueParams, valueParam{typ: t, param: probe.Params.Get(ical.ParamValue)})
	pb.valueType(p, t)
}

// text sets a TEXT property, cleaned and escaped as go-ical escapes it.
// Empty values are omitted rather than written as "NAME:" so optional
// fields stay optional.
func (pb *propBuf) text(name, value string) {
	value = pb.escape(value)
	if value == "" {
		return
	}
	p := pb.set(name)
	// go-ical adds VALUE=TEXT to properties it has no default type for
	// (X-WR-CALNAME, ...). TEXT is already the default for x-props
	// (RFC 5545 §3.8.8.2) and some clients match the bare property name.
	if !strings.HasPrefix(name, "X-") {
		pb.valueType(p, ical.ValueText)
	}
	p.Value = value
}

// Octet classes for escape.
const (
	textPlain   = iota
	textEscaped // backslash, semicolon, comma, LF: escaped
	textControl // other controls and CR: cleanText's business
	textHigh    // part of a multi-octet UTF-8 sequence
)

var textClass = func() (c [256]uint8) {
	for i := range 0x20 {
		c[i] = textControl
	}
	c['\t'] = textPlain
	c[0x7f] = textControl
	c['\\'], c[';'], c[','], c['\n'] = textEscaped, textEscaped, textEscaped, textEscaped
	for i := utf8.RuneSelf; i < 256; i++ {
		c[i] = textHigh
	}
	return c
}()

// escape returns cleanText(s) escaped as a TEXT value (RFC 5545 §3.3.11),
// exactly as go-ical's Prop.SetText would escape it
// (TestEscapeTextMatchesGoICAL compares them), in one pass over s for the
// usual value: go-ical rebuilds every value rune by rune, which was the
// largest single cost of building a feed. A value that needs no escaping
// is returned as it is; an escaped one is written to the value arena. The
// escaped characters are ASCII, so a byte loop never touches the inside of
// a UTF-8 sequence.
func (pb *propBuf) escape(s string) string {
	i, high := 0, false
scan:
	for ; i < len(s); i++ {
		switch textClass[s[i]] {
		case textHigh:
			high = true
		case textEscaped:
			break scan
		case textControl:
			return pb.escape(cleanText(s))
		}
	}
	if i == len(s) {
		if high && !utf8.ValidString(s) {
			return pb.escape(cleanText(s))
		}
		return s
	}
	start := pb.vals.Len()
	pb.vals.Grow(len(s) + 8)
	pb.vals.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		switch textClass[c] {
		case textEscaped:
			pb.vals.WriteByte('\\')
			if c == '\n' {
				c = 'n'
			}
			pb.vals.WriteByte(c)
			i++
			continue
		case textControl:
			return pb.escape(cleanText(s))
		}
		// Copy the run up to the next octet to escape at once.
		j := i
		for ; j < len(s); j++ {
			k := textClass[s[j]]
			if k == textHigh {
				high = true
			} else if k != textPlain {
				break
			}
		}
		pb.vals.WriteString(s[i:j])
		i = j
	}
	// Multi-octet sequences must be valid UTF-8 (folding relies on it);
	// what was written for an invalid value is left unused.
	if high && !utf8.ValidString(s) {
		return pb.escape(cleanText(s))
	}
	return pb.vals.String()[start:]
}

// textList sets a multi-valued TEXT property (CATEGORIES) from cleaned,
// non-empty items: each escaped, joined by commas, as go-ical's SetTextList.
func (pb *propBuf) textList(name string, items []string) {
	p := pb.set(name)
	pb.valueType(p, ical.ValueText)
	if len(items) == 1 {
		p.Value = pb.escape(items[0])
		return
	}
	var b strings.Builder
	for i, item := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(pb.escape(item))
	}
	p.Value = b.String()
}

// utc sets a DATE-TIME property in UTC form and returns the value. go-ical's
// SetDateTime keeps the zone it is given (and would write TZID=Local for
// time.Local), while DTSTAMP, CREATED, LAST-MODIFIED and COMPLETED MUST be
// UTC (RFC 5545 §3.8.7.1-3, §3.8.2.1). formatted, if not empty, is t
// already formatted.
func (pb *propBuf) utc(name string, t time.Time, formatted string) string {
	p := pb.set(name)
	pb.valueType(p, ical.ValueDateTime)
	if formatted == "" {
		formatted = pb.formatTime(t.UTC(), true, true)
	}
	p.Value = formatted
	return formatted
}

// dateTime adds a DATE-TIME property for t in loc, as go-ical's
// SetDateTime writes it: UTC form when loc is UTC, otherwise local time
// with TZID=loc.String().
func (pb *propBuf) dateTime(name string, t time.Time, loc *time.Location) {
	p := pb.add(name)
	pb.valueType(p, ical.ValueDateTime)
	t = t.In(loc)
	if t.Location() == time.UTC {
		p.Value = pb.formatTime(t, true, true)
		return
	}
	pb.param(p, ical.PropTimezoneID, loc.String())
	p.Value = pb.formatTime(t, true, false)
}

// date adds a VALUE=DATE property for the civil date d.
func (pb *propBuf) date(name string, d time.Time) {
	p := pb.add(name)
	pb.valueType(p, ical.ValueDate)
	p.Value = pb.formatTime(d, false, false)
}

// formatTime writes t's wall clock (in t's location) to the value arena as
// a DATE ("20060102"), a local DATE-TIME ("20060102T150405") or, with z, a
// UTC one ("20060102T150405Z"): go-ical's layouts, without time.Format's
// interpretation of the layout. Years are 1-9999 (checkTime).
func (pb *propBuf) formatTime(t time.Time, withClock, z bool) string {
	var buf [16]byte
	y, mo, d := t.Date()
	b := appendDigits(buf[:0], y, 4)
	b = appendDigits(b, int(mo), 2)
	b = appendDigits(b, d, 2)
	if withClock {
		h, mi, s := t.Clock()
		b = append(b, 'T')
		b = appendDigits(b, h, 2)
		b = appendDigits(b, mi, 2)
		b = appendDigits(b, s, 2)
		if z {
			b = append(b, 'Z')
		}
	}
	start := pb.vals.Len()
	pb.vals.Write(b)
	return pb.vals.String()[start:]
}

// appendDigits appends n (0 <= n < 10^width) zero-padded to width digits.
func appendDigits(b []byte, n, width int) []byte {
	var d [4]byte
	for i := width - 1; i >= 0; i-- {
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, d[:width]...)
}

// raw sets a property whose value go-ical has no setter for (INTEGER,
// CAL-ADDRESS, RECUR, UTC-OFFSET). The caller guarantees the value is
// already in its RFC 5545 lexical form.
func (pb *propBuf) raw(name, value string) *ical.Prop {
	p := pb.set(name)
	p.Value = value
	return p
}

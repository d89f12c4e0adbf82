package icalendar

import (
	"strings"
	"time"

	ical "github.com/emersion/go-ical"
)

// propBuf is the property set of one component under construction. A feed
// writes hundreds of VEVENTs with the same twenty-odd property names, so
// Marshal builds each one in the same propBuf and encodes it before building
// the next: the map, the property slices and their parameter maps are
// reused instead of allocating a go-ical tree per event, which used to cost
// as much as encoding it.
type propBuf struct {
	props ical.Props
}

func newPropBuf(size int) *propBuf { return &propBuf{props: make(ical.Props, size)} }

// reset empties every property while keeping the storage. go-ical's encoder
// skips names whose slice is empty, so stale names write nothing.
func (pb *propBuf) reset() {
	for name, l := range pb.props {
		pb.props[name] = l[:0]
	}
}

// add appends an empty property called name and returns it. The pointer
// is valid until the next add of the same name.
func (pb *propBuf) add(name string) *ical.Prop {
	l := pb.props[name]
	n := len(l)
	if n < cap(l) {
		l = l[:n+1]
	} else {
		l = append(l, ical.Prop{})
	}
	pb.props[name] = l
	return blank(&l[n], name)
}

// set is add after dropping any earlier property of the same name.
func (pb *propBuf) set(name string) *ical.Prop {
	l := pb.props[name]
	if cap(l) == 0 {
		l = make([]ical.Prop, 1, 2)
	} else {
		l = l[:1]
	}
	pb.props[name] = l
	return blank(&l[0], name)
}

// blank empties a reused property slot, keeping its Params map (empty and
// non-nil, as go-ical's setters need).
func blank(p *ical.Prop, name string) *ical.Prop {
	p.Name, p.Value = name, ""
	if p.Params == nil {
		p.Params = make(ical.Params, 2)
	} else {
		clear(p.Params)
	}
	return p
}

// text sets a TEXT property, cleaned and then escaped as go-ical escapes
// it. Empty values are omitted rather than written as
// "NAME:" so optional fields stay optional.
func (pb *propBuf) text(name, value string) {
	value = cleanText(value)
	if value == "" {
		return
	}
	p := pb.set(name)
	p.SetValueType(ical.ValueText)
	p.Value = escapeText(value)
	// go-ical adds VALUE=TEXT to properties it has no default type for
	// (X-WR-CALNAME, ...). TEXT is already the default for x-props
	// (RFC 5545 §3.8.8.2) and some clients match the bare property name.
	if strings.HasPrefix(name, "X-") {
		p.Params.Del(ical.ParamValue)
	}
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11) exactly as go-ical's
// Prop.SetText does (TestEscapeTextMatchesGoICAL compares them), but
// byte-wise and without allocating when there is nothing to escape: go-ical
// rebuilds every value rune by rune, which was the largest single cost of
// building a feed. The characters escaped are ASCII, so a byte loop never
// touches the inside of a UTF-8 sequence.
func escapeText(s string) string {
	i := 0
	for i < len(s) && !textSpecial[s[i]] {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// textSpecial marks the octets escapeText escapes.
var textSpecial = [256]bool{'\\': true, ';': true, ',': true, '\n': true}

// textList sets a multi-valued TEXT property (CATEGORIES) from cleaned,
// non-empty items.
func (pb *propBuf) textList(name string, items []string) {
	pb.set(name).SetTextList(items)
}

// utc sets a DATE-TIME property in UTC form. go-ical's SetDateTime keeps
// the zone it is given (and would write TZID=Local for time.Local), while
// DTSTAMP, CREATED, LAST-MODIFIED and COMPLETED MUST be UTC (RFC 5545
// §3.8.7.1-3, §3.8.2.1).
func (pb *propBuf) utc(name string, t time.Time) {
	pb.set(name).SetDateTime(t.UTC().Truncate(time.Second))
}

// dateTime adds a DATE-TIME property for t in loc: UTC form when loc is
// UTC, otherwise local time with TZID=loc.String() (go-ical's setter adds
// the parameter).
func (pb *propBuf) dateTime(name string, t time.Time, loc *time.Location) {
	pb.add(name).SetDateTime(t.In(loc).Truncate(time.Second))
}

// date adds a VALUE=DATE property for the civil date d.
func (pb *propBuf) date(name string, d time.Time) {
	pb.add(name).SetDate(d)
}

// raw sets a property whose value go-ical has no setter for (INTEGER,
// CAL-ADDRESS, RECUR, UTC-OFFSET). The caller guarantees the value is
// already in its RFC 5545 lexical form.
func (pb *propBuf) raw(name, value string) *ical.Prop {
	p := pb.set(name)
	p.Value = value
	return p
}

package attendance

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	entattendance "github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/viewer"
)

// Self check-in codes are derived, not stored: HMAC-SHA256 under the
// server's secret of (event id, original occurrence start), written as six
// characters from an alphabet without look-alikes (no 0/O, 1/I/L). Every
// replica sharing the secret computes the same code with no table and no
// write; a code is useless outside its occurrence's window.
const (
	codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
	codeLength   = 6
	// OpensBefore is how long before the start self check-in opens.
	OpensBefore = 30 * time.Minute
)

// Code returns the self check-in code of an occurrence.
func (s *Service) Code(eventID int, start time.Time) string {
	mac := hmac.New(sha256.New, s.CodeSecret)
	mac.Write([]byte("convene/checkin/v1\x00" + strconv.Itoa(eventID) + "\x00" + start.UTC().Format(time.RFC3339)))
	sum := mac.Sum(nil)
	n := binary.BigEndian.Uint64(sum[:8])
	var b strings.Builder
	for range codeLength {
		b.WriteByte(codeAlphabet[n%uint64(len(codeAlphabet))])
		n /= uint64(len(codeAlphabet))
	}
	return b.String()
}

// NormaliseCode accepts what people type: any case, spaces and dashes.
func NormaliseCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, strings.TrimSpace(code))
}

// Window is when self check-in is open for an occurrence.
func Window(o *Occurrence) (opens, closes time.Time) { return o.Begins.Add(-OpensBefore), o.Ends }

// SelfCheckIn is a check-in by the invitee themselves.
type SelfCheckIn struct {
	EventID         int
	OccurrenceStart time.Time
	Code            string
	// RSVPToken, when set, identifies the invitee (the secret from their
	// invitation email) instead of a signed-in session.
	RSVPToken string
}

// CheckInSelf checks the invitee in with the occurrence's code, during its
// window only. The invitee is the signed-in viewer, or the holder of the
// RSVP token. A second check-in is a no-op; an APOLOGIES record becomes
// PRESENT (they came after all); a record made at the door stays.
func (s *Service) CheckInSelf(ctx context.Context, in SelfCheckIn) (*ent.Attendance, error) {
	personID, err := s.selfCheckInPerson(ctx, in)
	if err != nil {
		return nil, err
	}
	// The code and the invitation are the authority from here on; every
	// query below is scoped to this invitee's own rows.
	sys := viewer.SystemContext(ctx)
	var out *ent.Attendance
	err = s.inTx(sys, func(ctx context.Context, c *ent.Client) error {
		occ, err := s.LoadOccurrence(ctx, c, in.EventID, in.OccurrenceStart, true)
		if err != nil {
			return err
		}
		if subtle.ConstantTimeCompare([]byte(NormaliseCode(in.Code)), []byte(s.Code(occ.Event.ID, occ.Start))) != 1 {
			return apperr.Invalid("code", "that check-in code is not right for this event")
		}
		if occ.Cancelled {
			return apperr.Conflictf("this occurrence is cancelled")
		}
		now := s.now()
		opens, closes := Window(occ)
		if now.Before(opens) || !now.Before(closes) {
			return windowError(ctx, c, occ, now, opens, closes)
		}
		invited, err := s.invitedAmong(ctx, c, occ, []int{personID})
		if err != nil {
			return err
		}
		if !invited[personID] {
			return apperr.Forbiddenf("you are not invited to this event; please see the organiser at the door")
		}
		existing, err := c.Attendance.Query().Where(entattendance.EventID(occ.Event.ID),
			entattendance.OccurrenceStart(occ.Start), entattendance.PersonID(personID)).Only(ctx)
		switch {
		case err == nil && existing.Status == Apologies:
			out, err = c.Attendance.UpdateOne(existing).SetStatus(Present).SetMethod(entattendance.MethodSELF).
				SetCheckedInAt(now).SetCheckedInByID(personID).Save(ctx)
			return err
		case err == nil:
			out = existing
			return nil
		case !ent.IsNotFound(err):
			return err
		}
		out, err = c.Attendance.Create().SetEventID(occ.Event.ID).SetPersonID(personID).SetOccurrenceStart(occ.Start).
			SetStatus(Present).SetMethod(entattendance.MethodSELF).SetCheckedInAt(now).SetCheckedInByID(personID).Save(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	// Their own person record comes along: a token holder is not signed
	// in, and may still see whose check-in this was.
	if p, err := s.client(sys).Person.Get(sys, personID); err == nil {
		out.Edges.Person = p
	}
	return out, nil
}

// selfCheckInPerson works out who is checking in: the RSVP token's
// invitee (for this event), or the signed-in viewer.
func (s *Service) selfCheckInPerson(ctx context.Context, in SelfCheckIn) (int, error) {
	if tok := strings.TrimSpace(in.RSVPToken); tok != "" {
		inv, err := s.Client.Invitation.Query().Where(invitation.TokenHash(auth.Hash(tok))).Only(viewer.SystemContext(ctx))
		if ent.IsNotFound(err) {
			return 0, apperr.NotFoundf("that invitation link is not valid")
		}
		if err != nil {
			return 0, err
		}
		if inv.EventID != in.EventID || inv.WithdrawnAt != nil {
			return 0, apperr.Forbiddenf("that invitation is not for this event")
		}
		return inv.PersonID, nil
	}
	v := viewer.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return 0, apperr.Unauthenticatedf("sign in, or use the link in your invitation email, to check in")
	}
	// The event must be visible to the viewer (privacy): otherwise it does
	// not exist for them.
	if _, err := s.client(ctx).Event.Get(ctx, in.EventID); err != nil {
		if ent.IsNotFound(err) {
			return 0, apperr.NotFoundf("event not found")
		}
		return 0, err
	}
	return v.PersonID, nil
}

// windowError says when self check-in opens (or that it has closed) as a
// sentence in the event's time zone, and carries the time itself in the
// error's extensions (opensAt / closesAt, RFC 3339, with timeZone) so that a
// client can word it for its reader.
func windowError(ctx context.Context, c *ent.Client, occ *Occurrence, now, opens, closes time.Time) error {
	zone := occ.Event.TimeZone
	if zone == "" {
		if p, err := c.Programme.Get(ctx, occ.Event.ProgrammeID); err == nil {
			zone = p.TimeZone
		}
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" {
		zone, loc = "UTC", time.UTC
	}
	if now.Before(opens) {
		return apperr.Invalid("occurrenceStart", "Self check-in opens at %s.", WhenInZone(opens, loc, now)).
			With("opensAt", opens.UTC().Format(time.RFC3339)).With("timeZone", zone)
	}
	return apperr.Invalid("occurrenceStart", "Self check-in closed when the event ended at %s.", WhenInZone(closes, loc, now)).
		With("closesAt", closes.UTC().Format(time.RFC3339)).With("timeZone", zone)
}

// WhenInZone is "09:30 on Tuesday 8 December" in loc (with the year when
// it is not now's year, as seen in loc).
func WhenInZone(t time.Time, loc *time.Location, now time.Time) string {
	l := t.In(loc)
	layout := "15:04 on Monday 2 January"
	if l.Year() != now.In(loc).Year() {
		layout += " 2006"
	}
	return l.Format(layout)
}

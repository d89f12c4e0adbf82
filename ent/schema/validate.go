package schema

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Validators shared by several schemas. Their messages reach people through
// the GraphQL error presenter, so they are written for people.

func validTimeZone(tz string) error {
	if tz == "" || tz == "Local" {
		return errors.New("time zone is required, e.g. Europe/London")
	}
	if _, err := time.LoadLocation(tz); err != nil {
		return fmt.Errorf("unknown time zone %q: use an IANA name such as Europe/London", tz)
	}
	return nil
}

func validEmail(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s, "@") {
		return fmt.Errorf("%q is not a valid email address", s)
	}
	return nil
}

func validHTTPURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%q is not a valid http(s) link", s)
	}
	return nil
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

func validSlug(s string) error {
	if !slugPattern.MatchString(s) || len(s) > 80 {
		return fmt.Errorf("slug %q must be lower-case letters, digits and single hyphens (at most 80 characters)", s)
	}
	return nil
}

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

func validCurrency(s string) error {
	if !currencyPattern.MatchString(s) {
		return fmt.Errorf("currency %q must be an ISO 4217 code such as GBP", s)
	}
	return nil
}

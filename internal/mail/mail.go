// Package mail sends Convene's email: sign-in links now, invitations with
// iMIP calendar parts later. One Sender interface, an SMTP implementation
// for production and a logging one for development.
package mail

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one email. ICS, when set, is attached as a text/calendar part
// with the given iTIP method (REQUEST, CANCEL), which calendar clients act on.
type Message struct {
	To        string
	Subject   string
	Text      string
	HTML      string
	ICS       []byte
	ICSMethod string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// LogSender writes messages to the log instead of sending them: the
// development default, so sign-in links can be copied from the terminal.
type LogSender struct{ Logger *slog.Logger }

// Send implements Sender.
func (s LogSender) Send(ctx context.Context, m Message) error {
	l := s.Logger
	if l == nil {
		l = slog.Default()
	}
	l.InfoContext(ctx, "email (not sent: no --smtp-url)", "to", m.To, "subject", m.Subject, "body", m.Text, "ics_method", m.ICSMethod)
	return nil
}

// Recorder keeps messages in memory; for tests and for the dev inbox.
type Recorder struct {
	mu   sync.Mutex
	msgs []Message
}

// Send implements Sender.
func (r *Recorder) Send(_ context.Context, m Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return nil
}

// Messages returns a copy of what was sent.
func (r *Recorder) Messages() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.msgs...)
}

// SMTPSender sends through an SMTP server.
type SMTPSender struct {
	client *gomail.Client
	from   string
}

// NewSMTPSender parses a URL such as
// smtp://user:pass@mail.example.org:587?from=convene@example.org&tls=starttls
// (tls: starttls (default), tls for implicit TLS on 465, none for local relays).
func NewSMTPSender(rawURL string) (*SMTPSender, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("--smtp-url must look like smtp://user:pass@host:587?from=address")
	}
	q := u.Query()
	from := q.Get("from")
	if from == "" {
		return nil, fmt.Errorf("--smtp-url needs a from= address")
	}
	port := 587
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("--smtp-url port: %w", err)
		}
	}
	opts := []gomail.Option{gomail.WithPort(port), gomail.WithTimeout(20 * time.Second)}
	switch mode := strings.ToLower(q.Get("tls")); {
	case u.Scheme == "smtps" || mode == "tls":
		opts = append(opts, gomail.WithSSL())
	case mode == "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, err
	}
	return &SMTPSender{client: c, from: from}, nil
}

// Send implements Sender.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	msg, err := Build(s.from, m)
	if err != nil {
		return err
	}
	return s.client.DialAndSendWithContext(ctx, msg)
}

// Build turns a Message into a MIME message: text, optional HTML
// alternative, and the calendar part as both an inline text/calendar
// alternative (what iMIP clients read) and an invite.ics attachment.
func Build(from string, m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("from address: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("recipient: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	if len(m.ICS) > 0 {
		method := m.ICSMethod
		if method == "" {
			method = "PUBLISH"
		}
		ct := gomail.ContentType("text/calendar; method=" + method)
		msg.AddAlternativeString(ct, string(m.ICS), gomail.WithPartCharset(gomail.CharsetUTF8))
		if err := msg.AttachReader("invite.ics", strings.NewReader(string(m.ICS)), gomail.WithFileContentType(gomail.ContentType("application/ics"))); err != nil {
			return nil, err
		}
	}
	return msg, nil
}

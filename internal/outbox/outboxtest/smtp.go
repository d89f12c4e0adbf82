// Package outboxtest runs a real SMTP server in-process (emersion/go-smtp)
// so tests can see exactly what the outbox worker sends over the wire, and
// parse it as a mail client would.
package outboxtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// Received is one message as delivered.
type Received struct {
	From string
	To   []string
	Raw  []byte
}

// SMTPServer records every message it accepts. FailNext makes the next n
// DATA commands fail with a temporary error (to exercise retries).
type SMTPServer struct {
	Addr string

	mu       sync.Mutex
	received []Received
	failNext int
}

// NewSMTPServer listens on a free local port until the test ends.
func NewSMTPServer(t testing.TB) *SMTPServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &SMTPServer{Addr: ln.Addr().String()}
	srv := smtp.NewServer(backend{s})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// URL is a --smtp-url for this server (no TLS, no auth).
func (s *SMTPServer) URL(from string) string {
	return "smtp://" + s.Addr + "?tls=none&from=" + from
}

// FailNext makes the next n deliveries fail.
func (s *SMTPServer) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

// Messages returns what was received so far.
func (s *SMTPServer) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

type backend struct{ s *SMTPServer }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s    *SMTPServer
	from string
	to   []string
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }
func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}
func (x *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	if x.s.failNext > 0 {
		x.s.failNext--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	x.s.received = append(x.s.received, Received{From: x.from, To: append([]string(nil), x.to...), Raw: raw})
	return nil
}

// Parsed is a received message taken apart.
type Parsed struct {
	Header mail.Header
	// Parts maps a content type (without parameters) to the decoded body
	// of the first part of that type; Params holds its parameters.
	Parts  map[string][]byte
	Params map[string]map[string]string
}

// Parse decodes the MIME structure (nested multiparts, quoted-printable and
// base64 bodies).
func Parse(raw []byte) (*Parsed, error) {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	p := &Parsed{Header: m.Header, Parts: map[string][]byte{}, Params: map[string]map[string]string{}}
	if err := p.walk(m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Body); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Parsed) walk(ctype, encoding string, body io.Reader) error {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return fmt.Errorf("content type %q: %w", ctype, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if err := p.walk(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part); err != nil {
				return err
			}
		}
	}
	data, err := decode(encoding, body)
	if err != nil {
		return err
	}
	if _, seen := p.Parts[mt]; !seen {
		p.Parts[mt] = data
		p.Params[mt] = params
	}
	return nil
}

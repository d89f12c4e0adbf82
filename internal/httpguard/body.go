package httpguard

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/convene/convene/internal/apperr"
)

// BodyLimit refuses requests whose body is larger than maxBytes with
// 413 Request Entity Too Large and
// {"errors":[{"message":"request body exceeds 1 MiB","extensions":{"code":"BAD_USER_INPUT"}}]}.
//
// A declared Content-Length is checked up front; otherwise (chunked bodies)
// the body is read through http.MaxBytesReader, which also makes the server
// close the connection instead of draining the rest. The accepted body is
// buffered (at most maxBytes) and handed on, so the next handler never sees a
// read error half-way through and the status is always a clean 413 — gqlgen
// would otherwise answer an over-long body with 200 and "could not read
// request body".
//
// It panics if maxBytes <= 0.
func BodyLimit(maxBytes int64) func(http.Handler) http.Handler {
	if maxBytes <= 0 {
		panic("httpguard: BodyLimit needs a positive size")
	}
	msg := "request body exceeds " + formatBytes(maxBytes)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > maxBytes {
				w.Header().Set("Connection", "close")
				WriteError(w, http.StatusRequestEntityTooLarge, apperr.BadInput, msg)
				return
			}
			if r.Body == nil || r.Body == http.NoBody {
				next.ServeHTTP(w, r)
				return
			}
			buf, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBytes))
			if err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					WriteError(w, http.StatusRequestEntityTooLarge, apperr.BadInput, msg)
					return
				}
				WriteError(w, http.StatusBadRequest, apperr.BadInput, "could not read the request body")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(buf))
			r.ContentLength = int64(len(buf))
			next.ServeHTTP(w, r)
		})
	}
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n == 1:
		return "1 byte"
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// BatchLimit guards POST requests with a JSON body that is an array, i.e.
// batched GraphQL operations. gqlgen's POST transport does not support
// batching: given an array it answers 400 with a decoding error that echoes
// the whole body back. With max <= 1 (the default for any value below 1) an
// array body is refused with 400 BAD_USER_INPUT "batched operations are not
// supported; send one operation per request". With max > 1 (for a handler
// that does support batching) arrays of more than max operations are refused
// with "at most N operations per request" and shorter ones are passed on.
// Other requests pass through untouched.
//
// Mount it after BodyLimit, which bounds how much of an array it reads.
func BatchLimit(max int) func(http.Handler) http.Handler {
	if max < 1 {
		max = 1
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost || r.Body == nil || r.Body == http.NoBody || !isJSON(r) {
				next.ServeHTTP(w, r)
				return
			}
			br := bufio.NewReader(r.Body)
			first, err := peekNonSpace(br)
			if err != nil || first != '[' {
				// Not an array (or unreadable): let the handler answer.
				r.Body = readCloser{Reader: br, Closer: r.Body}
				next.ServeHTTP(w, r)
				return
			}
			if max == 1 {
				WriteError(w, http.StatusBadRequest, apperr.BadInput,
					"batched operations are not supported; send one operation per request")
				return
			}
			buf, err := io.ReadAll(br)
			if err != nil {
				WriteError(w, http.StatusBadRequest, apperr.BadInput, "could not read the request body")
				return
			}
			var ops []json.RawMessage
			if err := json.Unmarshal(buf, &ops); err != nil {
				WriteError(w, http.StatusBadRequest, apperr.BadInput, "the request body is not valid JSON")
				return
			}
			if len(ops) > max {
				WriteError(w, http.StatusBadRequest, apperr.BadInput,
					fmt.Sprintf("at most %d operations per request (got %d)", max, len(ops)))
				return
			}
			r.Body = readCloser{Reader: bytes.NewReader(buf), Closer: r.Body}
			next.ServeHTTP(w, r)
		})
	}
}

func isJSON(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/json"
}

// peekNonSpace discards leading JSON whitespace and returns the next byte
// without consuming it.
func peekNonSpace(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = br.ReadByte()
		default:
			return b[0], nil
		}
	}
}

type readCloser struct {
	io.Reader
	io.Closer
}

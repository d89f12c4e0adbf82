// Package auth signs people in (emailed magic links, optional passwords),
// keeps server-side sessions and personal API tokens, and turns a request's
// credentials into a viewer for the privacy layer.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewToken returns a random 256-bit secret, URL-safe. Only its Hash is stored.
func NewToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// Hash is how secrets are stored and looked up: a stolen database yields no
// usable links, sessions or tokens.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

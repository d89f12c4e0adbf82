package database

import (
	"crypto/rand"
	"encoding/hex"
)

func randomName() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

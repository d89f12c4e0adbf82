// Package migrations embeds the versioned SQL migrations generated from the
// ent schema (go generate ./ent), one directory per dialect, in
// golang-migrate's format. Never edit a released file: add a new one.
package migrations

import "embed"

// FS holds sqlite/*.sql and postgres/*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS

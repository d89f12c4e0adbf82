package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/mail"
)

// runUser handles account chores: `convene user create --email E [--admin]`
// bootstraps the first admin, who then signs in with an emailed link.
func runUser(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: convene user create --email E [--name N] [--admin] [--password P]")
	}
	fs, common := newCommand("user create")
	email := fs.String("email", "", "email address the person signs in with (required)")
	name := fs.String("name", "", "display name (default: the part of the email before @)")
	admin := fs.Bool("admin", false, "make the person a site admin")
	password := fs.String("password", "", "optional password (at least 12 characters); magic links work without one")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email is required")
	}
	logger, db, err := common.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := &auth.Service{Client: db.Client, Mailer: mail.LogSender{Logger: logger}}
	p, created, err := svc.CreateUser(ctx, *email, *name, *admin)
	if err != nil {
		return err
	}
	if *password != "" {
		if err := svc.SetPassword(ctx, p.ID, *password); err != nil {
			return err
		}
	}
	verb := "updated"
	if created {
		verb = "created"
	}
	role := "person"
	if p.IsAdmin {
		role = "admin"
	}
	fmt.Fprintf(stdout, "%s %s %s (id %d). Sign in at /auth/sign-in with a link emailed to that address.\n", verb, role, auth.NormaliseEmail(*email), p.ID)
	return nil
}

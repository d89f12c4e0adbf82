package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/convene/convene/internal/feeds"
)

// runFeedURL is `convene feed-url --email E`: issue a private calendar feed
// for that person and print its https URL (for admins and scripts).
//
// Feed secrets are stored only as hashes, so an existing feed's URL can
// never be shown again: every run issues a new, separately revocable token
// (named by --name). --list shows the person's tokens without secrets.
func runFeedURL(ctx context.Context, args []string, stdout io.Writer) error {
	fs, common := newCommand("feed-url")
	email := fs.String("email", "", "the person's email address (required)")
	name := fs.String("name", "issued by convene feed-url", "a name for the feed, shown in the person's list of feeds")
	baseURL := fs.String("base-url", envOr("CONVENE_BASE_URL", "http://127.0.0.1:8080"), "public URL of the server, as given to serve (env CONVENE_BASE_URL)")
	list := fs.Bool("list", false, "list the person's feed tokens instead of issuing one")
	todos := fs.Bool("todos", false, "print the URL of the feed that includes the person's open actions")
	webcal := fs.Bool("webcal", false, "print the webcal:// URL instead of https://")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email is required")
	}
	_, db, err := common.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := &feeds.Service{Client: db.Client, BaseURL: *baseURL}
	if *list {
		tokens, err := svc.ListForEmail(ctx, *email)
		if err != nil {
			return err
		}
		for _, t := range tokens {
			state := "active"
			if t.RevokedAt != nil {
				state = "revoked " + t.RevokedAt.Format(time.RFC3339)
			}
			used := "never used"
			if t.LastUsedAt != nil {
				used = "last used " + t.LastUsedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(stdout, "%d\t%s\tcreated %s\t%s\t%s\n", t.ID, t.Name, t.CreatedAt.Format(time.RFC3339), used, state)
		}
		return nil
	}
	token, _, err := svc.IssueForEmail(ctx, *email, *name)
	if err != nil {
		return err
	}
	u := svc.PersonalURLs(token)
	if *todos {
		u = feeds.WithTodos(u)
	}
	if *webcal {
		fmt.Fprintln(stdout, u.Webcal)
	} else {
		fmt.Fprintln(stdout, u.URL)
	}
	return nil
}

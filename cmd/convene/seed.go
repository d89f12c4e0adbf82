package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/convene/convene/internal/seed"
)

func runSeed(ctx context.Context, args []string, stdout io.Writer) error {
	fs, common := newCommand("seed")
	demo := fs.Bool("demo", false, "load the demo partnership (safe to repeat)")
	scale := fs.Int("scale", 0, "generate the benchmark city at scale N (N=1: 200 organisations, 5k people, 2k events, 100k invitations, 20k actions)")
	randSeed := fs.Int64("seed", 1, "random seed for --scale")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *demo == (*scale > 0) {
		return errors.New("give exactly one of --demo or --scale N")
	}
	_, db, err := common.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if *demo {
		res, err := seed.Demo(ctx, db.Client, time.Now())
		if err != nil {
			return err
		}
		printDemo(stdout, res)
		return nil
	}
	start := time.Now()
	res, err := seed.Scale(ctx, db, *scale, *randSeed)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "generated %+v in %s\n", *res, time.Since(start).Round(time.Millisecond))
	return nil
}

func printDemo(w io.Writer, res *seed.DemoResult) {
	if !res.Created {
		fmt.Fprintln(w, "demo data already present; nothing changed")
	} else {
		fmt.Fprintf(w, "demo data loaded: %d organisations, %d people, %d events, %d invitations, %d actions, %d commitments\n",
			res.Organisations, res.People, res.Events, res.Invitations, res.Actions, res.Commitments)
	}
	printDemoAccounts(w, res.Accounts)
}

// printDemoAccounts says how to sign in as each demo role.
func printDemoAccounts(w io.Writer, a seed.DemoAccounts) {
	fmt.Fprintln(w, "demo accounts (sign in at /auth/sign-in; without --smtp-url the link appears in the server log):")
	for _, acc := range []struct{ role, email string }{
		{"organiser", a.Organiser}, {"consultant", a.Consultant}, {"attendee", a.Attendee}, {"admin", a.Admin},
	} {
		fmt.Fprintf(w, "  %-10s %s\n", acc.role, acc.email)
	}
}

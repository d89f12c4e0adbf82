// Command convene is the whole of Convene in one binary:
//
//	convene serve    run the web server (GraphQL, feeds, RSVP pages, web app)
//	convene migrate  apply pending database migrations
//	convene seed     load demo data (--demo) or a benchmark city (--scale N)
//
// Every flag can also be set through the environment (CONVENE_*).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // IANA zones even on hosts without /usr/share/zoneinfo
)

type command struct {
	name  string
	usage string
	run   func(ctx context.Context, args []string, stdout io.Writer) error
}

var commands = []command{
	{"serve", "run the web server", runServe},
	{"migrate", "apply pending database migrations", runMigrate},
	{"seed", "load demo data (--demo) or a benchmark city (--scale N)", runSeed},
	{"user", "account chores: user create --email E [--admin]", runUser},
	{"feed-url", "issue a private calendar feed for a person and print its URL (--email E)", runFeedURL},
	{"digest", "enqueue today's attention digests for organisers and consultants (once per person per day)", runDigest},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "convene:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return errors.New("a command is required")
		}
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout)
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: convene <command> [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nrun 'convene <command> -h' for the flags of a command")
}

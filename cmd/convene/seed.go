package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/convene/convene/internal/seed"
)

func runSeed(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	var common commonFlags
	common.register(fs)
	demo := fs.Bool("demo", false, "load the demo partnership (safe to repeat)")
	scale := fs.Int("scale", 0, "generate the benchmark city at scale N (N=1: 200 organisations, 5k people, 2k events, 100k invitations, 20k actions)")
	randSeed := fs.Int64("seed", 1, "random seed for --scale")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *demo == (*scale > 0) {
		return errors.New("give exactly one of --demo or --scale N")
	}
	logger, err := common.logger()
	if err != nil {
		return err
	}
	db, err := common.openMigrated(ctx, logger)
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
		fmt.Fprintln(w, "demo data loaded")
	}
	fmt.Fprintf(w, "%+v\n", *res)
}

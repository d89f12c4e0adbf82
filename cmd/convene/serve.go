package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/convene/convene/internal/alerts"
	"github.com/convene/convene/internal/seed"
	"github.com/convene/convene/internal/server"
)

func runServe(ctx context.Context, args []string, stdout io.Writer) error {
	fs, common := newCommand("serve")
	addr := fs.String("addr", envOr("CONVENE_ADDR", "127.0.0.1:8080"), "listen address (env CONVENE_ADDR)")
	baseURL := fs.String("base-url", envOr("CONVENE_BASE_URL", ""), "public URL of this server, used in emails and feed links (env CONVENE_BASE_URL; default http://ADDR)")
	production := fs.Bool("production", envBool("CONVENE_PRODUCTION", false), "production mode: no GraphiQL, no introspection (env CONVENE_PRODUCTION)")
	smtpURL := fs.String("smtp-url", envOr("CONVENE_SMTP_URL", ""), "SMTP server for outgoing email, e.g. smtp://user:pass@host:587?from=convene@example.org&tls=starttls (env CONVENE_SMTP_URL; default: log emails)")
	mailFrom := fs.String("mail-from", envOr("CONVENE_MAIL_FROM", ""), "organiser address in invitations (env CONVENE_MAIL_FROM; default: the SMTP URL's from=)")
	reminderLead := fs.Duration("reminder-lead", envDuration("CONVENE_REMINDER_LEAD", 24*time.Hour), "how long before an occurrence accepted invitees are reminded (env CONVENE_REMINDER_LEAD)")
	checkinSecret := fs.String("checkin-secret", envOr("CONVENE_CHECKIN_SECRET", ""), "secret that keys self check-in codes (env CONVENE_CHECKIN_SECRET; default: a random key kept in the database and shared by every replica)")
	demo := fs.Bool("demo", envBool("CONVENE_DEMO", false), "load the demo data if the database has none (env CONVENE_DEMO)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger, db, err := common.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()

	var demoAccounts *seed.DemoAccounts
	if *demo {
		res, err := seed.Demo(ctx, db.Client, time.Now())
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		if res.Created {
			logger.Info("demo data loaded")
		}
		demoAccounts = &res.Accounts

	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	if *baseURL == "" {
		*baseURL = url
	}
	sender, from, err := mailSetup(*smtpURL, *mailFrom, *baseURL, logger)
	if err != nil {
		return err
	}
	app := server.New(server.Config{Production: *production, BaseURL: *baseURL, Logger: logger, Mailer: sender, MailFrom: from,
		CheckInSecret: []byte(*checkinSecret)}, db)
	defer app.Close()
	startMailWork(ctx, db, sender, app.Scheduling(), *reminderLead, logger)
	go alerts.RunDaily(ctx, db.Client, *baseURL, logger)
	srv := &http.Server{
		Handler:           app,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "Convene is running at %s (GraphQL: %s/graphql)\n", url, url)
	if demoAccounts != nil {
		printDemoAccounts(stdout, *demoAccounts)
	}
	logger.Info("listening", "url", url, "production", *production)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Graceful shutdown: stop accepting, let in-flight requests finish.
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

package main

import (
	"context"
	"log/slog"
	"net/url"
	"os"
	"time"

	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/outbox"
	"github.com/convene/convene/internal/scheduling"
)

// mailSetup builds the mail transport: SMTP when --smtp-url is given, the
// logging sender otherwise (development). The organiser address in
// invitations is --mail-from, else the SMTP URL's from=, else
// convene@<base-url host>.
func mailSetup(smtpURL, mailFrom, baseURL string, logger *slog.Logger) (mail.Sender, string, error) {
	var sender mail.Sender = mail.LogSender{Logger: logger}
	if smtpURL != "" {
		s, err := mail.NewSMTPSender(smtpURL)
		if err != nil {
			return nil, "", err
		}
		sender = s
		if mailFrom == "" {
			if u, err := url.Parse(smtpURL); err == nil {
				mailFrom = u.Query().Get("from")
			}
		}
	}
	if mailFrom == "" {
		host := "localhost"
		if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
			host = u.Hostname()
		}
		mailFrom = "convene@" + host
	}
	return sender, mailFrom, nil
}

// startMailWork runs the outbox worker and the reminder loop until ctx ends.
func startMailWork(ctx context.Context, db *database.DB, sender mail.Sender, sched *scheduling.Service, lead time.Duration, logger *slog.Logger) {
	w := &outbox.Worker{Client: db.Client, Dialect: db.Dialect, Sender: sender, Logger: logger}
	go w.Run(ctx)
	sched.ReminderLead = lead
	go sched.RunReminderLoop(ctx, 5*time.Minute, logger)
}

// envDuration reads a duration such as "24h" from the environment.
func envDuration(name string, def time.Duration) time.Duration {
	if v, ok := os.LookupEnv(name); ok {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}

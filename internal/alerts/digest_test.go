package alerts_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/outboxmessage"
	"github.com/convene/convene/internal/alerts"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/outbox"
	"github.com/convene/convene/internal/outbox/outboxtest"
	"github.com/convene/convene/internal/testutil"
	"github.com/convene/convene/internal/viewer"
)

// digestWorld: programme A with an organiser and a consultant, two actions
// (one overdue, one due in 3 days), a grant ending in 60 days with only a
// proposed successor, one ending in 60 days that was renewed, a review due
// tomorrow; programme B's organiser has nothing to read.
func digestWorld(t *testing.T, now time.Time) (*ent.Client, string, map[string]*ent.Person) {
	t.Helper()
	db := testutil.Open(t)
	c, ctx := db.Client, viewer.SystemContext(context.Background())
	funder := c.Organisation.Create().SetName("City Fund").SetSector("FUNDER").SaveX(ctx)
	charity := c.Organisation.Create().SetName("Northgate Mind").SetSector("VOLUNTARY").SaveX(ctx)
	a := c.Programme.Create().SetName("System change").SetSlug("a").SetTimeZone("Europe/London").SaveX(ctx)
	b := c.Programme.Create().SetName("Other").SetSlug("b").SaveX(ctx)
	people := map[string]*ent.Person{}
	for _, n := range []string{"olive", "cai", "bea", "noemail"} {
		p := c.Person.Create().SetName(strings.ToUpper(n[:1]) + n[1:])
		if n != "noemail" {
			p.SetEmail(n + "@example.org")
		}
		people[n] = p.SaveX(ctx)
	}
	c.ProgrammeRole.Create().SetProgramme(a).SetPerson(people["olive"]).SetRole("ORGANISER").ExecX(ctx)
	c.ProgrammeRole.Create().SetProgramme(a).SetPerson(people["cai"]).SetRole("CONSULTANT").ExecX(ctx)
	c.ProgrammeRole.Create().SetProgramme(a).SetPerson(people["noemail"]).SetRole("CONSULTANT").ExecX(ctx)
	c.ProgrammeRole.Create().SetProgramme(b).SetPerson(people["bea"]).SetRole("ORGANISER").ExecX(ctx)

	c.ActionItem.Create().SetProgramme(a).SetTitle("Write to the ICB").SetDueDate(now.Add(-48 * time.Hour)).ExecX(ctx)
	c.ActionItem.Create().SetProgramme(a).SetTitle("Map referral routes").SetDueDate(now.Add(72 * time.Hour)).SetStatus("IN_PROGRESS").ExecX(ctx)
	c.ActionItem.Create().SetProgramme(a).SetTitle("Already done").SetDueDate(now.Add(-48 * time.Hour)).SetStatus("DONE").ExecX(ctx)
	c.ActionItem.Create().SetProgramme(a).SetTitle("Far off").SetDueDate(now.Add(30 * 24 * time.Hour)).ExecX(ctx)
	grant := func(title string, ends time.Time, status string) *ent.Commitment {
		return c.Commitment.Create().SetProgramme(a).SetOrganisation(funder).SetBeneficiary(charity).SetKind("FUNDING").
			SetTitle(title).SetAmount(decimal.RequireFromString("40000")).SetCurrency("GBP").
			SetStartsOn(now.AddDate(-1, 0, 0)).SetEndsOn(ends).SetStatus(commitment.Status(status)).SaveX(ctx)
	}
	nav := grant("Navigator grant", now.AddDate(0, 0, 60), "AGREED")
	c.Commitment.Create().SetProgramme(a).SetOrganisation(funder).SetKind("FUNDING").SetTitle("Navigator bid").
		SetStartsOn(now.AddDate(0, 0, 61)).SetPredecessor(nav).ExecX(ctx) // only PROPOSED
	cafe := grant("Crisis café grant", now.AddDate(0, 0, 60), "AGREED")
	c.Commitment.Create().SetProgramme(a).SetOrganisation(funder).SetKind("FUNDING").SetTitle("Café renewal").
		SetStartsOn(now.AddDate(0, 0, 61)).SetPredecessor(cafe).SetStatus("AGREED").ExecX(ctx)
	grant("Ends next year", now.AddDate(1, 0, 0), "AGREED")
	c.Commitment.Create().SetProgramme(a).SetOrganisation(funder).SetKind("DATA_SHARING").SetTitle("A&E data").
		SetStartsOn(now).SetReviewOn(now.Add(24 * time.Hour)).ExecX(ctx)
	return c, db.Dialect, people
}

func TestDigestContentsOverRealSMTP(t *testing.T) {
	now := time.Now()
	c, dialect, people := digestWorld(t, now)
	d := &alerts.Digest{Client: c, BaseURL: "https://convene.example.org"}
	res, err := d.Run(context.Background(), now)
	if err != nil {
		t.Fatal(err)
	}
	if res.Recipients != 2 || res.Enqueued != 2 {
		t.Fatalf("result = %+v, want 2 recipients (organiser and consultant of A with email)", res)
	}

	smtpd := outboxtest.NewSMTPServer(t)
	sender, err := mail.NewSMTPSender(smtpd.URL("convene@example.org"))
	if err != nil {
		t.Fatal(err)
	}
	w := &outbox.Worker{Client: c, Dialect: dialect, Sender: sender}
	if n, err := w.RunOnce(context.Background()); err != nil || n != 2 {
		t.Fatalf("worker sent %d, err %v", n, err)
	}
	got := map[string]string{}
	for _, m := range smtpd.Messages() {
		p, err := outboxtest.Parse(m.Raw)
		if err != nil {
			t.Fatal(err)
		}
		got[m.To[0]] = p.Header.Get("Subject") + "\n" + strings.ReplaceAll(string(p.Parts["text/plain"]), "\r\n", "\n")
	}
	if _, ok := got[*people["bea"].Email]; ok || len(got) != 2 {
		t.Fatalf("recipients = %v", keys(got))
	}
	body := got["olive@example.org"]
	for _, want := range []string{
		"4 items need attention",
		"== System change ==",
		"Overdue actions:\n  - Write to the ICB",
		"Actions due in the next 7 days:\n  - Map referral routes",
		"Commitments ending within 90 days with no successor agreed:\n  - Navigator grant (ends " + now.AddDate(0, 0, 60).In(london()).Format("Mon 2 Jan 2006") + ")",
		"Commitment reviews due:\n  - A&E data",
		"https://convene.example.org/programmes/",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("digest lacks %q:\n%s", want, body)
		}
	}
	for _, not := range []string{"Crisis café grant", "Already done", "Far off", "Ends next year"} {
		if strings.Contains(body, not) {
			t.Errorf("digest should not mention %q:\n%s", not, body)
		}
	}
	// The consultant gets the same items, addressed to them.
	if cai := got["cai@example.org"]; !strings.Contains(cai, "Hello Cai,") || !strings.Contains(cai, "Navigator grant") || !strings.Contains(cai, "4 items need attention") {
		t.Errorf("consultant digest = %s", cai)
	}

	// Running again the same day sends nothing more.
	// A later run on the same (UTC) day sends nothing new.
	later := now.Add(time.Hour)
	if later.UTC().YearDay() != now.UTC().YearDay() {
		later = now.Add(time.Second)
	}
	if res, err := d.Run(context.Background(), later); err != nil || res.Enqueued != 0 {
		t.Fatalf("second run = %+v, %v", res, err)
	}
}

func TestDigestRunConcurrentlySendsOnce(t *testing.T) {
	now := time.Now()
	c, dialect, _ := digestWorld(t, now)
	const replicas = 4
	var wg sync.WaitGroup
	results := make([]alerts.Result, replicas)
	errs := make([]error, replicas)
	for i := range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := &alerts.Digest{Client: c}
			results[i], errs[i] = d.Run(context.Background(), now)
		}()
	}
	wg.Wait()
	total := 0
	for i := range replicas {
		if errs[i] != nil {
			t.Fatalf("replica %d: %v", i, errs[i])
		}
		total += results[i].Enqueued
	}
	ctx := viewer.SystemContext(context.Background())
	n := c.OutboxMessage.Query().Where(outboxmessage.Kind("digest")).CountX(ctx)
	if n != 2 || total != 2 {
		t.Fatalf("%d digests queued (runs reported %d), want 2", n, total)
	}
	// And the worker then delivers each exactly once.
	rec := &mail.Recorder{}
	w := &outbox.Worker{Client: c, Dialect: dialect, Sender: rec}
	for {
		k, err := w.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if k == 0 {
			break
		}
	}
	if len(rec.Messages()) != 2 {
		t.Errorf("sent %d", len(rec.Messages()))
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func london() *time.Location {
	loc, _ := time.LoadLocation("Europe/London")
	return loc
}

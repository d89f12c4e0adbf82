package attendance_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/testutil"
	"github.com/convene/convene/internal/viewer"
)

// TestLiveUpdatesAcrossReplicas starts two `convene serve` processes on one
// PostgreSQL database, watches an occurrence on one and checks people in
// through the other: the door screen on replica A must see it, and the
// "missing voices" report must move.
func TestLiveUpdatesAcrossReplicas(t *testing.T) {
	if testutil.PostgresURL() == "" {
		t.Skip("multi-replica live updates need PostgreSQL (LISTEN/NOTIFY): set " + testutil.PostgresEnv + " to run this test")
	}
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dsn := testutil.DSN(t)
	bin := buildConvene(t)

	// Fixtures, straight into the database.
	ctx := viewer.SystemContext(context.Background())
	db, err := database.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	c := db.Client
	prog := c.Programme.Create().SetName("Replicas").SetSlug("replicas").SaveX(ctx)
	olive := c.Person.Create().SetName("Olive Organiser").SaveX(ctx)
	c.ProgrammeRole.Create().SetProgramme(prog).SetPerson(olive).SetRole("ORGANISER").ExecX(ctx)
	token := "cvn_" + auth.NewToken()
	c.APIToken.Create().SetName("replica test").SetPerson(olive).SetTokenHash(auth.Hash(token)).ExecX(ctx)
	start := time.Now().UTC().Truncate(time.Second).Add(-10 * time.Minute)
	ev := c.Event.Create().SetProgramme(prog).SetKind("FORUM").SetTitle("Today's forum").SetTimeZone("UTC").
		SetStartsAt(start).SetEndsAt(start.Add(2 * time.Hour)).SaveX(ctx)
	ash := c.Person.Create().SetName("Ash Attendee").SetStakeholderGroup(person.StakeholderGroupLIVED_EXPERIENCE).SaveX(ctx)
	cal := c.Person.Create().SetName("Cal Constable").SetStakeholderGroup(person.StakeholderGroupFRONTLINE).SaveX(ctx)
	for _, p := range []int{ash.ID, cal.ID} {
		c.Invitation.Create().SetEventID(ev.ID).SetPersonID(p).SetResponse(invitation.ResponseACCEPTED).ExecX(ctx)
	}
	_ = db.Close()

	a := startReplica(t, bin, dsn)
	b := startReplica(t, bin, dsn)
	if a == b {
		t.Fatalf("both replicas at %s", a)
	}
	authz := "Bearer " + token

	// The door screen, on replica A.
	screen, err := dialGraphQL(t, a, nil, map[string]any{"authorization": authz})
	if err != nil {
		t.Fatal(err)
	}
	screen.subscribe("door", liveSubscription, vars("e", ev.ID, "s", at(start)))
	var got liveOut
	screen.next(&got)
	if got.OccurrenceLive.CheckedIn != 0 || got.replies("ACCEPTED") != 2 {
		t.Fatalf("initial counts on A: %+v", got)
	}
	missing := func(base string) []string {
		var out struct {
			Data struct {
				RepresentationReport struct{ MissingGroups []string }
			}
			Errors []any
		}
		postGraphQL(t, base, authz, `query($e: ID!, $s: Time!) { representationReport(scope: {eventId: $e, occurrenceStart: $s}) { missingGroups } }`,
			vars("e", ev.ID, "s", at(start)), &out)
		if len(out.Errors) > 0 {
			t.Fatalf("report: %v", out.Errors)
		}
		return out.Data.RepresentationReport.MissingGroups
	}
	if m := missing(a); strings.Join(m, ",") != "FRONTLINE,LIVED_EXPERIENCE" {
		t.Fatalf("missing voices before anyone arrived: %v", m)
	}

	// A colleague's laptop, on replica B, checks Ash in.
	var res struct {
		Errors []any
	}
	postGraphQL(t, b, authz, checkInMutation, vars("e", ev.ID, "s", at(start), "p", ash.ID), &res)
	if len(res.Errors) > 0 {
		t.Fatalf("check-in on B: %v", res.Errors)
	}
	screen.next(&got)
	if got.OccurrenceLive.Reason != "attendance" || got.OccurrenceLive.CheckedIn != 1 ||
		len(got.OccurrenceLive.LatestCheckIns) != 1 || got.OccurrenceLive.LatestCheckIns[0].Person.Name != "Ash Attendee" {
		t.Fatalf("replica A did not see the check-in made on B: %+v", got)
	}
	if m := missing(a); strings.Join(m, ",") != "FRONTLINE" {
		t.Fatalf("missing voices after Ash arrived: %v", m)
	}

	// The code on the screen at the door comes from replica A; Cal's phone
	// reaches replica B and must accept it (the replicas share the key
	// through the database, with no --checkin-secret configured).
	code := func(base string) string {
		var out struct {
			Data   struct{ OccurrenceCheckIn struct{ Code string } }
			Errors []any
		}
		postGraphQL(t, base, authz, `query($e: ID!, $s: Time!) { occurrenceCheckIn(eventId: $e, occurrenceStart: $s) { code } }`,
			vars("e", ev.ID, "s", at(start)), &out)
		if len(out.Errors) > 0 || out.Data.OccurrenceCheckIn.Code == "" {
			t.Fatalf("check-in code from %s: %v", base, out.Errors)
		}
		return out.Data.OccurrenceCheckIn.Code
	}
	if ca, cb := code(a), code(b); ca != cb {
		t.Fatalf("replicas show different self check-in codes: %q on A, %q on B", ca, cb)
	}
	calToken := "cvn_" + auth.NewToken()
	db, err = database.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.Client.APIToken.Create().SetName("Cal's phone").SetPersonID(cal.ID).SetTokenHash(auth.Hash(calToken)).ExecX(ctx)
	_ = db.Close()
	res.Errors = nil
	postGraphQL(t, b, "Bearer "+calToken, `mutation($e: ID!, $s: Time!, $c: String!) { selfCheckIn(input: {eventId: $e, occurrenceStart: $s, code: $c}) { id } }`,
		vars("e", ev.ID, "s", at(start), "c", code(a)), &res)
	if len(res.Errors) > 0 {
		t.Fatalf("self check-in on B with A's code: %v", res.Errors)
	}
	screen.next(&got)
	if got.OccurrenceLive.CheckedIn != 2 {
		t.Fatalf("replica A after Cal checked themselves in on B: %+v", got)
	}
}

func buildConvene(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	bin := filepath.Join(t.TempDir(), "convene")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/convene")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startReplica runs `convene serve` on a free port and returns its URL
// once /readyz answers.
func startReplica(t *testing.T, bin, dsn string) string {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--db", dsn, "--addr", "127.0.0.1:0", "--log-level", "warn")
	// No CONVENE_CHECKIN_SECRET: the replicas must agree on check-in codes
	// through the key they share in the database.
	cmd.Env = os.Environ()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("replica stderr:\n%s", stderr.String())
		}
	})
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "Convene is running at "); ok {
				urls <- strings.Fields(rest)[0]
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	var base string
	select {
	case base = <-urls:
	case <-time.After(60 * time.Second):
		t.Fatalf("replica did not start:\n%s", stderr.String())
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica at %s never ready: %v\n%s", base, err, stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func postGraphQL(t *testing.T, base, authz, query string, vars map[string]any, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", authz)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("decode %d %s: %v", res.StatusCode, raw, err)
	}
}

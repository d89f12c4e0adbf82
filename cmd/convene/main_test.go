package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCLI(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	if err := run(context.Background(), args, &out, io.Discard); err != nil {
		t.Fatalf("convene %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

func TestMigrateSeedAndUserCommands(t *testing.T) {
	db := "sqlite://" + filepath.Join(t.TempDir(), "cli.db")
	if out := runCLI(t, "migrate", "--db", db, "--log-level", "error"); !strings.Contains(out, "up to date") {
		t.Fatalf("migrate: %q", out)
	}
	first := runCLI(t, "seed", "--demo", "--db", db, "--log-level", "error")
	if !strings.Contains(first, "demo data loaded") || !strings.Contains(first, "organiser@convene.test") {
		t.Fatalf("seed: %q", first)
	}
	if again := runCLI(t, "seed", "--demo", "--db", db, "--log-level", "error"); !strings.Contains(again, "already present") {
		t.Fatalf("second seed: %q", again)
	}
	out := runCLI(t, "user", "create", "--email", "Boss@Example.org", "--admin", "--db", db, "--log-level", "error")
	if !strings.Contains(out, "created admin boss@example.org") {
		t.Fatalf("user create: %q", out)
	}
	if out := runCLI(t, "user", "create", "--email", "boss@example.org", "--db", db, "--log-level", "error"); !strings.Contains(out, "updated admin") {
		t.Fatalf("user create again: %q", out)
	}
	var buf bytes.Buffer
	if err := run(context.Background(), []string{"nonsense"}, &buf, io.Discard); err == nil {
		t.Fatal("unknown command accepted")
	}
}

func TestServeStartsAndShutsDownGracefully(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		done <- run(ctx, []string{"serve", "--db", "sqlite://" + filepath.Join(t.TempDir(), "s.db"), "--addr", addr, "--log-level", "error"}, &out, io.Discard)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server never became ready: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	res, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), "convene_http_requests_total") || !strings.Contains(string(body), "go_sql_max_open_connections") {
		t.Fatalf("metrics lack HTTP or pool series")
	}
	cancel() // as SIGTERM does
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(25 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if !strings.Contains(out.String(), "Convene is running at http://"+addr) {
		t.Fatalf("stdout = %q", out.String())
	}
}

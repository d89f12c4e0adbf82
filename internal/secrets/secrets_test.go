package secrets_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/convene/convene/internal/secrets"
	"github.com/convene/convene/internal/testutil"
	"github.com/convene/convene/internal/viewer"
)

// Replicas that start together over one database all get the same secret,
// and a later start gets it again rather than a new one.
func TestSharedIsCreatedOnceAndSharedByConcurrentCallers(t *testing.T) {
	client := testutil.Open(t).Client
	ctx := context.Background()

	const replicas = 8
	got := make([][]byte, replicas)
	errs := make([]error, replicas)
	var wg sync.WaitGroup
	for i := range replicas {
		wg.Go(func() { got[i], errs[i] = secrets.Shared(ctx, client, "checkin-codes") })
	}
	wg.Wait()
	for i := range replicas {
		if errs[i] != nil {
			t.Fatalf("replica %d: %v", i, errs[i])
		}
		if len(got[i]) != secrets.Size || !bytes.Equal(got[i], got[0]) {
			t.Fatalf("replica %d got %x, replica 0 got %x", i, got[i], got[0])
		}
	}
	again, err := secrets.Shared(ctx, client, "checkin-codes")
	if err != nil || !bytes.Equal(again, got[0]) {
		t.Fatalf("a later start got %x (%v), want the stored %x", again, err, got[0])
	}
	other, err := secrets.Shared(ctx, client, "another")
	if err != nil || bytes.Equal(other, got[0]) {
		t.Fatalf("a second name got %x (%v): must be its own secret", other, err)
	}
	n := client.ServerSecret.Query().CountX(viewer.SystemContext(ctx))
	if n != 2 {
		t.Fatalf("%d rows, want 2", n)
	}
}

// Nobody but the system reads secrets, not even a site admin.
func TestSecretsAreSystemOnly(t *testing.T) {
	client := testutil.Open(t).Client
	ctx := context.Background()
	if _, err := secrets.Shared(ctx, client, "checkin-codes"); err != nil {
		t.Fatal(err)
	}
	admin := viewer.NewContext(ctx, &viewer.Viewer{PersonID: 1, Admin: true})
	if _, err := client.ServerSecret.Query().All(admin); err == nil {
		t.Fatal("a site admin read the server secrets")
	}
	if err := client.ServerSecret.Create().SetName("x").SetValue(make([]byte, 32)).Exec(admin); err == nil {
		t.Fatal("a site admin wrote a server secret")
	}
}

package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/requestid"
)

func TestPresentErrorMasksInternals(t *testing.T) {
	ctx := requestid.With(context.Background(), "req-123")
	sqlErr := fmt.Errorf("querying: %w", errors.New(`pq: relation "people" does not exist (SQLSTATE 42P01) SELECT * FROM people`))
	e := PresentError(ctx, sqlErr)
	if e.Extensions["code"] != "INTERNAL" {
		t.Fatalf("code = %v", e.Extensions["code"])
	}
	if !strings.Contains(e.Message, "req-123") || strings.Contains(e.Message, "SELECT") || strings.Contains(e.Message, "SQLSTATE") {
		t.Fatalf("message = %q", e.Message)
	}
}

func TestPresentErrorCodes(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		err  error
		code string
	}{
		{apperr.Invalid("endsAt", "the event must end after it starts"), "BAD_USER_INPUT"},
		{apperr.NotFoundf("no such invitation"), "NOT_FOUND"},
		{apperr.Forbiddenf("no"), "FORBIDDEN"},
		{apperr.Unauthenticatedf("sign in"), "UNAUTHENTICATED"},
		{apperr.Conflictf("full"), "CONFLICT"},
		{&ent.NotFoundError{}, "NOT_FOUND"},
		{&ent.ConstraintError{}, "CONFLICT"},
		{gqlerror.Errorf("Cannot query field \"nope\" on type \"Query\"."), "BAD_USER_INPUT"},
	}
	for _, c := range cases {
		if got := PresentError(ctx, c.err).Extensions["code"]; got != c.code {
			t.Errorf("%T %v → %v, want %s", c.err, c.err, got, c.code)
		}
	}
	// Field errors name the field.
	if f := PresentError(ctx, apperr.Invalid("endsAt", "x")).Extensions["field"]; f != "endsAt" {
		t.Errorf("field = %v", f)
	}
}

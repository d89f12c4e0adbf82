package seed

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/actionupdate"
	"github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/membership"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/ent/programme"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/audit"
	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/viewer"
)

// Sizes of the benchmark city at N=1. Everything scales linearly with N.
const (
	baseOrganisations = 200
	basePeople        = 5_000
	baseProgrammes    = 20
	baseEvents        = 2_000
	baseInvitations   = 100_000
	baseActions       = 20_000
	baseCommitments   = 1_000
)

// ScaleOptions configure ScaleWith.
type ScaleOptions struct {
	// N multiplies every base size (N=1: 200 organisations, 5,000 people,
	// 20 programmes, 2,000 events, 100,000 invitations, 20,000 actions,
	// 1,000 commitments).
	N int
	// Seed fixes the random source: the same options produce the same city.
	Seed int64
	// Fraction further scales the sizes (0 means 1), so tests can load a
	// miniature city, e.g. 0.01 of N=1.
	Fraction float64
	// Now anchors the calendar: events run from 18 months before it to 6
	// months after, and overdue actions are overdue relative to it. Zero
	// means the start of the current UTC day, so runs on the same day agree.
	Now time.Time
	// Progress, if set, is called after each stage (e.g. "invitations")
	// with the rows it wrote and how long it took.
	Progress func(stage string, rows int, took time.Duration)

	// Test hooks: a smaller bound-parameter limit and transaction size, to
	// exercise batching without generating a full city. Zero: the defaults.
	maxParams, txRows int
}

// ScaleResult counts the rows Scale created.
type ScaleResult struct {
	Programmes     int
	Organisations  int
	People         int
	Memberships    int
	ProgrammeRoles int
	Events         int
	Invitations    int
	Attendances    int
	Actions        int
	ActionUpdates  int
	Commitments    int
}

// ErrAlreadyScaled is returned when the database already holds a city
// generated with the same seed: its emails and event UIDs would collide.
var ErrAlreadyScaled = errors.New("seed: a benchmark city with this seed is already loaded")

// Scale generates the benchmark city at size n with the given random seed.
// See ScaleWith.
func Scale(ctx context.Context, db *database.DB, n int, seed int64) (*ScaleResult, error) {
	return ScaleWith(ctx, db, ScaleOptions{N: n, Seed: seed})
}

// ScaleWith generates a synthetic city for benchmarks and load tests.
//
// Rows are written with ent's CreateBulk (so hooks and validators still
// run) in statements as large as the database's bound-parameter limit
// allows, several statements per transaction. The audit log is skipped:
// hundreds of thousands of "created by the system" entries would only
// distort the benchmarks that read it.
//
// Output is deterministic for the same options, whatever the database,
// apart from the secret RSVP token hashes (random by design: nobody may
// know the tokens) and bookkeeping stamps the schema's hooks write with the
// current time (some updated_at values, created_at of memberships and
// roles). On error, the batches already committed stay: load into a fresh
// database and start again.
func ScaleWith(ctx context.Context, db *database.DB, opts ScaleOptions) (*ScaleResult, error) {
	if opts.N < 1 {
		return nil, fmt.Errorf("seed: scale N must be at least 1, got %d", opts.N)
	}
	if opts.Fraction == 0 {
		opts.Fraction = 1
	}
	if opts.Fraction < 0 || math.IsNaN(opts.Fraction) || math.IsInf(opts.Fraction, 0) {
		return nil, fmt.Errorf("seed: scale fraction must be positive, got %v", opts.Fraction)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC().Truncate(24 * time.Hour)
	}
	loc, err := loadLondon()
	if err != nil {
		return nil, err
	}
	var maxParams int
	switch db.Dialect {
	case dialect.SQLite:
		maxParams = sqliteMaxParams
	case dialect.Postgres:
		maxParams = postgresMaxParams
	default:
		return nil, fmt.Errorf("seed: unsupported dialect %q", db.Dialect)
	}
	if opts.maxParams > 0 {
		maxParams = opts.maxParams
	}
	txRows := rowsPerTx
	if opts.txRows > 0 {
		txRows = opts.txRows
	}
	s := &scaler{
		db:        db,
		opts:      opts,
		rng:       rand.New(rand.NewPCG(uint64(opts.Seed), 0x636f6e76656e65)), // "convene"
		now:       opts.Now.UTC().Truncate(time.Second),
		loc:       loc,
		maxParams: maxParams,
		txRows:    txRows,
		tag:       "city" + strconv.FormatUint(uint64(opts.Seed), 36),
	}
	ctx = audit.Skip(viewer.SystemContext(ctx))
	if err := s.run(ctx); err != nil {
		return nil, err
	}
	return &s.res, nil
}

// scaler holds the state of one ScaleWith run. Generation works on slice
// indexes; database IDs are filled in as each stage is inserted, and later
// stages translate indexes to IDs when they build rows.
type scaler struct {
	db        *database.DB
	opts      ScaleOptions
	rng       *rand.Rand
	now       time.Time
	loc       *time.Location
	maxParams int
	txRows    int
	tag       string // marks this seed's slugs and email domain
	res       ScaleResult

	orgs       []scaleOrg
	people     []scalePerson
	programmes []scaleProgramme
	events     []scaleEvent
	// invitations are kept between generation and attendance, which
	// follows their replies.
	invitations []scaleInvitation
	actions     []scaleAction
	updates     []scaleUpdate
}

// size scales a base count by N and Fraction, never below one.
func (s *scaler) size(base int) int {
	return max(1, int(math.Round(float64(base)*float64(s.opts.N)*s.opts.Fraction)))
}

func (s *scaler) run(ctx context.Context) error {
	slugPrefix := "scale-" + s.tag + "-"
	exists, err := s.db.Client.Programme.Query().Where(programme.SlugHasPrefix(slugPrefix)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("seed: check for an earlier city: %w", err)
	}
	if exists {
		return fmt.Errorf("%w (seed %d, programmes %s*)", ErrAlreadyScaled, s.opts.Seed, slugPrefix)
	}
	// Order matters: each stage links to rows of the stages before it.
	steps := []struct {
		name string
		fn   func(context.Context) error
		rows *int
	}{
		{"organisations", s.insertOrganisations, &s.res.Organisations},
		{"people", s.insertPeople, &s.res.People},
		{"memberships", s.insertMemberships, &s.res.Memberships},
		{"programmes", s.insertProgrammes, &s.res.Programmes},
		{"programme roles", s.insertProgrammeRoles, &s.res.ProgrammeRoles},
		{"events", s.insertEvents, &s.res.Events},
		{"invitations", s.insertInvitations, &s.res.Invitations},
		{"attendance", s.insertAttendance, &s.res.Attendances},
		{"actions", s.insertActions, &s.res.Actions},
		{"action updates", s.insertActionUpdates, &s.res.ActionUpdates},
		{"commitments", s.insertCommitments, &s.res.Commitments},
		{"statistics", s.analyze, nil},
	}
	for _, st := range steps {
		start := time.Now()
		if err := st.fn(ctx); err != nil {
			return fmt.Errorf("seed: scale %s: %w", st.name, err)
		}
		if s.opts.Progress != nil {
			rows := 0
			if st.rows != nil {
				rows = *st.rows
			}
			s.opts.Progress(st.name, rows, time.Since(start))
		}
	}
	return nil
}

// analyze refreshes the planner's statistics of the tables just filled, so
// that benchmarks run right after seeding see the plans a long-lived
// database would get (PostgreSQL's autovacuum would get there eventually;
// SQLite never does on its own). Only these tables: a bare ANALYZE on
// PostgreSQL also walks the system catalogs.
func (s *scaler) analyze(ctx context.Context) error {
	tables := []string{
		organisation.Table, person.Table, membership.Table, programme.Table, programmerole.Table,
		event.Table, invitation.Table, attendance.Table, actionitem.Table, actionupdate.Table,
		commitment.Table, commitment.ActionsTable,
	}
	if s.db.Dialect == dialect.Postgres {
		_, err := s.db.SQL.ExecContext(ctx, "ANALYZE "+strings.Join(tables, ", "))
		return err
	}
	for _, t := range tables { // SQLite analyzes one table per statement
		if _, err := s.db.SQL.ExecContext(ctx, "ANALYZE "+t); err != nil {
			return err
		}
	}
	return nil
}

// Random helpers. All draws go through s.rng, in a fixed order, which is
// what makes a seed reproduce the same city.

func (s *scaler) chance(percent int) bool { return s.rng.IntN(100) < percent }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// weightedChoice is one outcome of a weighted draw.
type weightedChoice[T any] struct {
	value  T
	weight int
}

// choose draws one value with probability proportional to its weight.
func choose[T any](r *rand.Rand, cs []weightedChoice[T]) T {
	total := 0
	for _, c := range cs {
		total += c.weight
	}
	n := r.IntN(total)
	for _, c := range cs {
		if n -= c.weight; n < 0 {
			return c.value
		}
	}
	return cs[len(cs)-1].value
}

// between returns a random duration in [lo, hi), in whole seconds: the
// generated instants then survive PostgreSQL's microsecond timestamps
// unchanged, so both databases hold the same city.
func (s *scaler) between(lo, hi time.Duration) time.Duration {
	if hi-lo < 2*time.Second {
		return lo
	}
	return lo + time.Duration(s.rng.Int64N(int64((hi-lo)/time.Second)))*time.Second
}

const day = 24 * time.Hour

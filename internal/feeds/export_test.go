package feeds

import (
	"context"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/icalendar"
)

// PersonalBuilder reads a personal feed's rows once and returns what builds
// the calendar from them, so that benchmarks can tell the database from
// the building.
func (s *Service) PersonalBuilder(ctx context.Context, p *ent.Person, opts PersonalOptions) (func() *icalendar.Calendar, error) {
	rows, err := s.loadPersonal(ctx, p, opts)
	if err != nil {
		return nil, err
	}
	return func() *icalendar.Calendar { return s.personalCalendar(rows) }, nil
}

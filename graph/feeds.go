package graph

import (
	"context"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/graph/model"
	"github.com/convene/convene/internal/feeds"
)

// feedService is the configured feeds service; a bare one (default base
// URL) when Deps did not provide it.
func (r *Resolver) feedService() *feeds.Service {
	if r.feeds != nil {
		return r.feeds
	}
	return &feeds.Service{Client: r.client}
}

func feedURLs(u feeds.URLs) *model.FeedURLs { return &model.FeedURLs{URL: u.URL, Webcal: u.Webcal} }

// seriesFeedURLs: only series of public programmes have a public feed. The
// programme is loaded through the viewer's privacy rules like any edge.
func seriesFeedURLs(ctx context.Context, svc *feeds.Service, ev *ent.Event) (*model.FeedURLs, error) {
	p := ev.Edges.Programme
	if p == nil {
		var err error
		if p, err = ev.QueryProgramme().Only(ctx); err != nil {
			if ent.IsNotFound(err) {
				return nil, nil
			}
			return nil, err
		}
	}
	if !p.Public {
		return nil, nil
	}
	return feedURLs(svc.SeriesURLs(ev.ID)), nil
}

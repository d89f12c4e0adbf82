package graph

import (
	"context"
	"sort"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/programme"
	"github.com/convene/convene/graph/model"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/viewer"
)

// signedIn returns the viewer or an UNAUTHENTICATED error.
func signedIn(ctx context.Context) (*viewer.Viewer, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, apperr.Unauthenticatedf("sign in first")
	}
	return v, nil
}

// viewerRoles lists the viewer's roles with their programmes, loaded in
// one query.
func viewerRoles(ctx context.Context, client *ent.Client, v *viewer.Viewer) ([]*model.ViewerRole, error) {
	ids := make([]int, 0, len(v.Roles))
	for id := range v.Roles {
		ids = append(ids, id)
	}
	progs, err := client.Programme.Query().Where(programme.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	sort.Slice(progs, func(i, j int) bool { return progs[i].Name < progs[j].Name })
	var out []*model.ViewerRole
	for _, p := range progs {
		for _, r := range v.Roles[p.ID] {
			out = append(out, &model.ViewerRole{Programme: p, Role: r})
		}
	}
	return out, nil
}

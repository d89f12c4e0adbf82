package graph

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"

	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/viewer"
)

// websocketTransport serves subscriptions over graphql-transport-ws.
//
// Who is asking is settled at connection_init: a bearer token in the init
// payload ({"authorization": "Bearer …"}) wins; otherwise the session
// cookie the upgrade request carried (resolved by the auth middleware).
// Connections with neither are refused.
//
// Browsers send cookies with cross-site WebSocket upgrades and CORS does
// not apply, so the origin is checked: the Origin header must name this
// host, or one of allowedOrigins. Clients that send no Origin (not
// browsers) are not subject to it and must authenticate like any other.
func websocketTransport(a *auth.Service, allowedOrigins []string) transport.Websocket {
	var patterns []string
	for _, o := range allowedOrigins {
		if u, err := url.Parse(o); err == nil && u.Host != "" {
			patterns = append(patterns, u.Host)
		}
	}
	return transport.Websocket{
		Implementation: noDeadlines{transport.CoderWebsocketImplementation{
			AcceptOptions: websocket.AcceptOptions{OriginPatterns: patterns},
		}},
		KeepAlivePingInterval: 25 * time.Second,
		InitTimeout:           15 * time.Second,
		InitFunc: func(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
			if h := p.Authorization(); h != "" {
				token, ok := strings.CutPrefix(h, "Bearer ")
				if !ok {
					token, ok = strings.CutPrefix(h, "bearer ")
				}
				if !ok || strings.TrimSpace(token) == "" {
					return refuse(ctx, "authorization must be 'Bearer <token>'")
				}
				if a == nil {
					return refuse(ctx, "sign-in is not available")
				}
				id, err := a.AuthenticateBearer(ctx, strings.TrimSpace(token))
				if err != nil {
					return refuse(ctx, "temporarily unavailable")
				}
				if id == nil {
					return refuse(ctx, "the API token is invalid or revoked")
				}
				return viewer.NewContext(ctx, id.Viewer), nil, nil
			}
			if viewer.FromContext(ctx) == nil {
				return refuse(ctx, "sign in, or send {\"authorization\": \"Bearer <token>\"} in connection_init")
			}
			return ctx, nil, nil
		},
	}
}

// noDeadlines clears the HTTP server's read/write timeouts before the
// upgrade: they exist for requests and would otherwise cut long-lived
// subscriptions (net/http leaves them on a hijacked connection).
type noDeadlines struct {
	transport.WebsocketImplementation
}

func (n noDeadlines) Accept(w http.ResponseWriter, r *http.Request, o transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})
	return n.WebsocketImplementation.Accept(w, r, o)
}

// refuse ends the connection with 4403 Forbidden, as graphql-transport-ws
// clients expect for failed authentication.
func refuse(ctx context.Context, msg string) (context.Context, *transport.InitPayload, error) {
	ctx = transport.WithWebsocketCloseCode(ctx, 4403)
	ctx = transport.AppendCloseReason(ctx, "Forbidden")
	return ctx, nil, errors.New(msg)
}

package attendance_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apitest"
)

// wsClient speaks graphql-transport-ws to a real server.
type wsClient struct {
	t    *testing.T
	conn *websocket.Conn
}

type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

func dialGraphQL(t *testing.T, serverURL string, header http.Header, initPayload map[string]any) (*wsClient, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(serverURL, "http")+"/graphql", &websocket.DialOptions{
		Subprotocols: []string{"graphql-transport-ws"}, HTTPHeader: header,
	})
	if err != nil {
		return nil, err
	}
	c := &wsClient{t: t, conn: conn}
	t.Cleanup(func() { _ = conn.CloseNow() })
	payload, _ := json.Marshal(initPayload)
	if err := wsjson.Write(ctx, conn, wsMessage{Type: "connection_init", Payload: payload}); err != nil {
		return nil, err
	}
	m, err := c.read(5 * time.Second)
	if err != nil {
		return nil, err
	}
	if m.Type != "connection_ack" {
		return nil, &initError{m}
	}
	return c, nil
}

type initError struct{ m wsMessage }

func (e *initError) Error() string { return "init refused: " + e.m.Type + " " + string(e.m.Payload) }

func (c *wsClient) subscribe(id, query string, vars map[string]any) {
	c.t.Helper()
	payload, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := wsjson.Write(ctx, c.conn, wsMessage{ID: id, Type: "subscribe", Payload: payload}); err != nil {
		c.t.Fatalf("subscribe: %v", err)
	}
}

// read returns the next message other than pings (which it answers).
func (c *wsClient) read(timeout time.Duration) (wsMessage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		var m wsMessage
		if err := wsjson.Read(ctx, c.conn, &m); err != nil {
			return m, err
		}
		if m.Type == "ping" {
			_ = wsjson.Write(ctx, c.conn, wsMessage{Type: "pong"})
			continue
		}
		return m, nil
	}
}

// next waits for a "next" message and decodes its data.
func (c *wsClient) next(out any) {
	c.t.Helper()
	m, err := c.read(10 * time.Second)
	if err != nil {
		c.t.Fatalf("waiting for an update: %v", err)
	}
	if m.Type != "next" {
		c.t.Fatalf("want next, got %s %s", m.Type, m.Payload)
	}
	var p struct {
		Data   json.RawMessage
		Errors []apitest.GQLError
	}
	if err := json.Unmarshal(m.Payload, &p); err != nil || len(p.Errors) > 0 {
		c.t.Fatalf("update: %v %s", err, m.Payload)
	}
	if err := json.Unmarshal(p.Data, out); err != nil {
		c.t.Fatalf("decode update: %v %s", err, p.Data)
	}
}

const liveSubscription = `subscription($e: ID!, $s: Time!) { occurrenceLive(eventId: $e, occurrenceStart: $s) {
  reason checkedIn noShows replies { response count } statuses { status count } latestCheckIns { person { name } status } } }`

type liveOut struct {
	OccurrenceLive struct {
		Reason    string
		CheckedIn int
		Replies   []struct {
			Response string
			Count    int
		}
		LatestCheckIns []struct {
			Person struct{ Name string }
			Status string
		}
	}
}

func (l liveOut) replies(resp string) int {
	for _, r := range l.OccurrenceLive.Replies {
		if r.Response == resp {
			return r.Count
		}
	}
	return -1
}

func bearer(a *apitest.API) string { return a.Header.Get("Authorization") }

func TestOccurrenceLiveOverWebSocket(t *testing.T) {
	d := newDoor(t)
	start := now().Add(-5 * time.Minute)
	ev := d.event(t, start, time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED, d.cora: invitation.ResponsePENDING})

	// The door screen: the organiser's token in connection_init.
	screen, err := dialGraphQL(t, d.api.Server.URL, nil, map[string]any{"authorization": bearer(d.organiser)})
	if err != nil {
		t.Fatal(err)
	}
	screen.subscribe("1", liveSubscription, vars("e", ev.ID, "s", at(start)))
	var got liveOut
	screen.next(&got)
	if got.OccurrenceLive.Reason != "initial" || got.OccurrenceLive.CheckedIn != 0 || got.replies("ACCEPTED") != 1 || got.replies("PENDING") != 1 {
		t.Fatalf("initial counts: %+v", got)
	}

	// A colleague checks Ash in over HTTP: the screen sees it.
	d.organiser.MustDo(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.ash.ID), nil)
	screen.next(&got)
	if got.OccurrenceLive.Reason != "attendance" || got.OccurrenceLive.CheckedIn != 1 ||
		len(got.OccurrenceLive.LatestCheckIns) != 1 || got.OccurrenceLive.LatestCheckIns[0].Person.Name != "Ash Attendee" {
		t.Fatalf("after check-in: %+v", got)
	}

	// A reply, whoever records it (here straight through ent), moves the
	// reply counts.
	inv := d.api.Client().Invitation.Query().Where(invitation.PersonID(d.cora.ID), invitation.EventID(ev.ID)).OnlyX(d.api.Ctx())
	d.api.Client().Invitation.UpdateOne(inv).SetResponse(invitation.ResponseACCEPTED).ExecX(d.api.Ctx())
	screen.next(&got)
	if got.OccurrenceLive.Reason != "invitation" || got.replies("ACCEPTED") != 2 || got.replies("PENDING") != 0 {
		t.Fatalf("after reply: %+v", got)
	}

	// A rolled-back mutation publishes nothing: the next update is the
	// bulk check-in, in one message.
	d.organiser.ErrorCode(`mutation($e: ID!, $s: Time!, $ps: [ID!]!) { checkInMany(input: {eventId: $e, occurrenceStart: $s, personIds: $ps}) { id } }`,
		vars("e", ev.ID, "s", at(start), "ps", []int{d.cora.ID, 999999}), "NOT_FOUND")
	d.organiser.MustDo(`mutation($e: ID!, $s: Time!, $ps: [ID!]!) { checkInMany(input: {eventId: $e, occurrenceStart: $s, personIds: $ps}) { id } }`,
		vars("e", ev.ID, "s", at(start), "ps", []int{d.cora.ID, d.dev.ID, d.eve.ID}), nil)
	screen.next(&got)
	if got.OccurrenceLive.CheckedIn != 4 {
		t.Fatalf("after bulk check-in: %+v", got)
	}

	// Another occurrence's changes are not this one's.
	other := d.event(t, start, time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED})
	d.organiser.MustDo(checkInMutation, vars("e", other.ID, "s", at(start), "p", d.ash.ID), nil)
	if m, err := screen.read(300 * time.Millisecond); err == nil {
		t.Fatalf("update for another event: %s %s", m.Type, m.Payload)
	}
}

func TestSubscriptionAuthentication(t *testing.T) {
	d := newDoor(t)
	start := now()
	ev := d.event(t, start, time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED})

	if _, err := dialGraphQL(t, d.api.Server.URL, nil, nil); err == nil {
		t.Fatal("anonymous connection accepted")
	}
	if _, err := dialGraphQL(t, d.api.Server.URL, nil, map[string]any{"authorization": "Bearer nope"}); err == nil {
		t.Fatal("bad token accepted")
	}
	// A page on another site cannot open a subscription with the user's cookie.
	h := http.Header{"Origin": {"https://evil.example"}}
	if _, err := dialGraphQL(t, d.api.Server.URL, h, map[string]any{"authorization": bearer(d.organiser)}); err == nil {
		t.Fatal("cross-origin upgrade accepted")
	}
	// The same origin is fine.
	h = http.Header{"Origin": {d.api.Server.URL}}
	if _, err := dialGraphQL(t, d.api.Server.URL, h, map[string]any{"authorization": bearer(d.organiser)}); err != nil {
		t.Fatalf("same-origin upgrade refused: %v", err)
	}
	// The bearer header on the upgrade request works too.
	if _, err := dialGraphQL(t, d.api.Server.URL, http.Header{"Authorization": {bearer(d.organiser)}}, nil); err != nil {
		t.Fatalf("upgrade with Authorization header refused: %v", err)
	}

	// Another programme's organiser: the event does not exist for them.
	c, err := dialGraphQL(t, d.api.Server.URL, nil, map[string]any{"authorization": bearer(d.outsider)})
	if err != nil {
		t.Fatal(err)
	}
	c.subscribe("1", liveSubscription, vars("e", ev.ID, "s", at(start)))
	m, err := c.read(5 * time.Second)
	// gqlgen reports a resolver's error as a "next" carrying errors.
	if err != nil || (m.Type != "error" && m.Type != "next") || !strings.Contains(string(m.Payload), "NOT_FOUND") || strings.Contains(string(m.Payload), `"occurrenceLive":{`) {
		t.Fatalf("outsider subscription: %v %s %s", err, m.Type, m.Payload)
	}
	// An invitee may watch (privacy decides what they count).
	a, err := dialGraphQL(t, d.api.Server.URL, nil, map[string]any{"authorization": bearer(d.api.As(d.ash.ID))})
	if err != nil {
		t.Fatal(err)
	}
	a.subscribe("1", liveSubscription, vars("e", ev.ID, "s", at(start)))
	var got liveOut
	a.next(&got)
}

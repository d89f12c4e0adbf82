// The one GraphQL client: urql with a normalised cache (graphcache).
// Connections merge their pages with relayPagination(), and mutations
// invalidate the lists they change so screens refetch what moved.
import { Client, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { cacheExchange, type Cache, type Resolver, type UpdateResolver, type KeyingConfig } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { sessionExchange } from './session';

/** Entity types exposed as connections (types with an id are keyed by it). */
const CONNECTED = [
  'Action',
  'ActionUpdate',
  'Attendance',
  'AuditEntry',
  'Commitment',
  'Event',
  'Invitation',
  'Membership',
  'Minutes',
  'OccurrenceOverride',
  'Organisation',
  'Person',
  'Programme',
  'ProgrammeRole',
] as const;

// Connections, edges and page info have no identity of their own: they are
// stored under their parent field, which is what relayPagination expects.
const keys: KeyingConfig = {
  PageInfo: () => null,
  // The signed-in viewer and their roles are values, not entities.
  Viewer: () => null,
  ViewerRole: () => null,
  Occurrence: () => null,
  // The viewer's agenda (Viewer.upcomingOccurrences): values, paged.
  AgendaConnection: () => null,
  AgendaEdge: () => null,
  AgendaItem: () => null,
  OccurrenceLive: () => null,
  OccurrenceCheckIn: () => null,
  AttendanceSheet: () => null,
  AttendanceSheetRow: () => null,
  ReplyCount: () => null,
  StatusCount: () => null,
  ReplySummary: () => null,
  ReplyCounts: () => null,
  ReplyBreakdown: () => null,
  FeedURLs: () => null,
  CreatedFeedToken: () => null,
  CreatedAPIToken: () => null,
  InviteResult: () => null,
  FundingView: () => null,
  FundingCliff: () => null,
  FundingMonth: () => null,
  MoneyAmount: () => null,
  FunderTotal: () => null,
  KindTotal: () => null,
  PeriodTotal: () => null,
  SecuredWindow: () => null,
  AttentionItem: () => null,
  // Reports: values computed per scope, not entities.
  ReportOccurrence: () => null,
  RepresentationReport: () => null,
  RepresentationCell: () => null,
  OrganisationAttendanceReport: () => null,
  OrganisationAttendance: () => null,
  OrganisationAttendancePoint: () => null,
  RepeatAttendanceReport: () => null,
  PartnershipNetwork: () => null,
  NetworkNode: () => null,
  NetworkEdge: () => null,
};
for (const t of CONNECTED) {
  keys[`${t}Connection`] = () => null;
  keys[`${t}Edge`] = () => null;
}

/**
 * Connection fields merged page by page ("Load more"), per parent type.
 * Only fields a screen actually pages through belong here, and they must
 * always be queried with `first`: relayPagination() cannot read back a
 * connection selected without arguments (e.g. `events { totalCount }`).
 */
const PAGINATED: Record<string, string[]> = {
  Query: ['actionBoard', 'actions', 'attendances', 'auditLog', 'commitments', 'events', 'invitations', 'organisations', 'people', 'programmes'],
  Viewer: ['invitations', 'upcomingOccurrences'],
};

const resolvers: Record<string, Record<string, Resolver>> = {};
for (const [type, fields] of Object.entries(PAGINATED)) {
  resolvers[type] = Object.fromEntries(fields.map((f) => [f, relayPagination()]));
}

/** Drops every cached variant (all arguments) of entity.field. */
export function invalidateField(cache: Cache, entity: string | { __typename: string; id: string }, fieldName: string) {
  const key = typeof entity === 'string' ? entity : cache.keyOfEntity(entity);
  if (!key) return;
  for (const f of cache.inspectFields(key)) {
    if (f.fieldName === fieldName) cache.invalidate(key, f.fieldKey);
  }
}

type Row = Record<string, unknown> | null | undefined;

function resultOf(result: Record<string, unknown>, field: string): Row {
  return result[field] as Row;
}

/** After a write, drop the root lists (and nested lists under a parent) it affects. */
function invalidatesLists(rootFields: string[], nested: Array<{ parentType: string; idField: string; field: string }> = []): UpdateResolver {
  return (result, _args, cache, info) => {
    for (const f of rootFields) invalidateField(cache, 'Query', f);
    const row = resultOf(result, info.fieldName);
    if (!row) return;
    for (const n of nested) {
      const id = row[n.idField];
      if (typeof id === 'string') invalidateField(cache, { __typename: n.parentType, id }, n.field);
    }
  };
}

/** After a delete (the mutation returns the deleted id), forget the entity. */
function deletes(typename: string, rootFields: string[]): UpdateResolver {
  return (result, _args, cache, info) => {
    const id = result[info.fieldName];
    if (typeof id === 'string') cache.invalidate({ __typename: typename, id });
    for (const f of rootFields) invalidateField(cache, 'Query', f);
  };
}

const eventLists = invalidatesLists(['events'], [{ parentType: 'Programme', idField: 'programmeID', field: 'events' }]);
const invitationLists = invalidatesLists(['invitations'], [
  { parentType: 'Event', idField: 'eventID', field: 'invitations' },
  { parentType: 'Person', idField: 'personID', field: 'invitations' },
]);
const actionLists = invalidatesLists(['actions'], [
  { parentType: 'Programme', idField: 'programmeID', field: 'actions' },
  { parentType: 'Event', idField: 'eventID', field: 'actions' },
]);
const commitmentLists = invalidatesLists(['commitments'], [
  { parentType: 'Programme', idField: 'programmeID', field: 'commitments' },
  { parentType: 'Organisation', idField: 'organisationID', field: 'commitments' },
]);

const updates: Record<string, Record<string, UpdateResolver>> = {
  Mutation: {
    createOrganisation: invalidatesLists(['organisations']),
    updateOrganisation: invalidatesLists(['organisations']),
    deleteOrganisation: deletes('Organisation', ['organisations']),
    createPerson: invalidatesLists(['people']),
    updatePerson: invalidatesLists(['people']),
    createProgramme: invalidatesLists(['programmes']),
    updateProgramme: invalidatesLists(['programmes']),
    createEvent: eventLists,
    updateEvent: eventLists,
    createInvitation: invitationLists,
    updateInvitation: invitationLists,
    createAction: actionLists,
    updateAction: actionLists,
    reportActionProgress: invalidatesLists(['actionBoard']),
    createCommitment: commitmentLists,
    updateCommitment: commitmentLists,
    invite: (_r, args, cache) => {
      invalidateField(cache, 'Query', 'invitations');
      const input = (args as { input?: { eventID?: string } }).input;
      if (input?.eventID) {
        invalidateField(cache, { __typename: 'Event', id: input.eventID }, 'invitations');
        invalidateField(cache, { __typename: 'Event', id: input.eventID }, 'replySummary');
      }
    },
    respondToInvitation: invitationLists,
    checkIn: invalidatesLists(['attendances']),
    createFeedToken: (_r, _a, cache) => invalidateField(cache, 'Query', 'viewer'),
    createAPIToken: (_r, _a, cache) => invalidateField(cache, 'Query', 'viewer'),
    revokeSession: (_r, _a, cache) => invalidateField(cache, 'Query', 'viewer'),
  },
};

/** The same-origin WebSocket address of a path (ws: or wss: as the page is http: or https:). */
export function wsUrl(path: string, loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}${path}`;
}

let ws: WsClient | null = null;

/** One lazy graphql-transport-ws connection, opened by the first subscription (the session cookie authenticates it). */
function wsClient(): WsClient {
  ws ??= createWsClient({ url: wsUrl('/graphql'), lazy: true, retryAttempts: 20, shouldRetry: () => true });
  return ws;
}

const subscriptions = subscriptionExchange({
  forwardSubscription(request) {
    const input = { ...request, query: request.query ?? '' };
    return {
      subscribe(sink) {
        const unsubscribe = wsClient().subscribe(input, sink);
        return { unsubscribe };
      },
    };
  },
});

export function createClient(url = '/graphql'): Client {
  return new Client({
    url,
    exchanges: [sessionExchange, cacheExchange({ keys, resolvers, updates }), fetchExchange, subscriptions],
    // Same origin: session cookies (sign-in) travel with every request.
    fetchOptions: { credentials: 'same-origin' },
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
  });
}

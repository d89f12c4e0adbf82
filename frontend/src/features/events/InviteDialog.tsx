// The invite dialog on the event page: invite people, every member of
// organisations, stakeholder groups or the attendees of earlier events
// (invite mutation), with the event's reply counts, live (eventReplies).
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { InvitationRole, InviteInput, PersonStakeholderGroup } from '../../graphql/gen/graphql';
import { nodesOf } from '../../graphql/usePaginated';
import { useDebounced } from '../../lib/useDebounced';
import { ROLE, STAKEHOLDER_GROUP } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { Loading, ProblemMessage } from '../../ui/Status';
import { RadioGroup } from '../../ui/form';
import { SearchList } from '../../ui/SearchList';
import { describeInviteResult, inviteInput, type InviteKind } from './invite';
import { EventOccurrencesQuery } from './OccurrenceActions';
import { LiveNote, ReplyCountsList, useEventReplies, type EventReplies } from './replies';

const InviteCandidatesDocument = graphql(`
  query InviteCandidates($q: String!, $people: Boolean!, $orgs: Boolean!, $events: Boolean!) {
    people(first: 20, where: { nameContainsFold: $q }, orderBy: { field: NAME, direction: ASC }) @include(if: $people) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
    organisations(first: 20, where: { nameContainsFold: $q }, orderBy: { field: NAME, direction: ASC }) @include(if: $orgs) {
      edges {
        node {
          id
          name
        }
      }
    }
    events(first: 20, where: { titleContainsFold: $q }, orderBy: { field: STARTS_AT, direction: DESC }) @include(if: $events) {
      edges {
        node {
          id
          title
          startsAt
        }
      }
    }
  }
`);

const InviteDocument = graphql(`
  mutation Invite($input: InviteInput!) {
    invite(input: $input) {
      skipped
      notEmailed
      invitations {
        id
        response
      }
    }
  }
`);

const KINDS: Array<{ value: InviteKind; label: string }> = [
  { value: 'people', label: 'People' },
  { value: 'organisations', label: 'Organisations (all their members)' },
  { value: 'groups', label: 'Stakeholder groups' },
  { value: 'events', label: 'Everyone who attended an earlier event' },
];

interface Shared {
  /**
   * The page's own live reply counts, when it has them: one subscription
   * per event (a second one to the same event would only hear of the next
   * change, not the counts now).
   */
  replies?: EventReplies | undefined;
}

export function InviteButton({ eventId, eventTitle, onInvited, replies, zone }: { eventId: string; eventTitle: string; onInvited?: () => void; zone?: string } & Shared) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal?.();
        }}
      >
        Invite people
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="invite-heading" onClose={() => setOpen(false)}>
        {open && (
          <InviteForm
            eventId={eventId}
            eventTitle={eventTitle}
            onInvited={onInvited}
            replies={replies}
            zone={zone}
            onClose={() => {
              dialog.current?.close?.();
              setOpen(false);
            }}
          />
        )}
      </dialog>
    </>
  );
}

export function InviteForm({
  eventId,
  eventTitle,
  onInvited,
  onClose,
  replies: shared,
  zone = 'UTC',
}: { eventId: string; eventTitle: string; onInvited?: (() => void) | undefined; onClose: () => void; zone?: string | undefined } & Shared) {
  const [kind, setKind] = useState<InviteKind>('organisations');
  const [role, setRole] = useState<InvitationRole>('PARTICIPANT');
  const [occurrence, setOccurrence] = useState('');
  // The next dates, so a recurring event can be offered one date only.
  const [window] = useState(() => ({ id: eventId, from: new Date().toISOString(), to: new Date(Date.now() + 365 * 86_400_000).toISOString() }));
  const [dates] = useQuery({ query: EventOccurrencesQuery, variables: window });
  const upcoming = dates.data?.node?.__typename === 'Event' ? dates.data.node.occurrences.filter((o) => !o.cancelled).slice(0, 24) : [];
  const [q, setQ] = useState('');
  const query = useDebounced(q, 250);
  const [selected, setSelected] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const own = useEventReplies(eventId, { pause: !!shared });
  const replies = shared ?? own;
  const [candidates] = useQuery({
    query: InviteCandidatesDocument,
    variables: { q: query, people: kind === 'people', orgs: kind === 'organisations', events: kind === 'events' },
    pause: kind === 'groups',
  });
  const [state, invite] = useMutation(InviteDocument);
  const options: Array<{ id: string; label: string }> =
    kind === 'groups'
      ? (Object.keys(STAKEHOLDER_GROUP) as PersonStakeholderGroup[]).map((g) => ({ id: g, label: STAKEHOLDER_GROUP[g] }))
      : kind === 'people'
        ? nodesOf(candidates.data?.people).map((p) => ({ id: p.id, label: p.email ? `${p.name} (${p.email})` : p.name }))
        : kind === 'organisations'
          ? nodesOf(candidates.data?.organisations).map((o) => ({ id: o.id, label: o.name }))
          : nodesOf(candidates.data?.events)
              .filter((e) => e.id !== eventId)
              .map((e) => ({ id: e.id, label: `${e.title} (${new Date(e.startsAt).toLocaleDateString('en-GB')})` }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ids = Object.keys(selected);
    if (!ids.length) {
      setError('Choose at least one to invite.');
      return;
    }
    setError(null);
    setDone(null);
    const input: InviteInput = inviteInput(eventId, kind, ids, { role, ...(occurrence ? { occurrence } : {}) });
    const r = await invite({ input });
    if (r.data) {
      setDone(describeInviteResult(r.data.invite));
      setSelected({});
      onInvited?.();
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <h2 id="invite-heading">Invite to {eventTitle}</h2>
      {replies.counts ? (
        <>
          <ReplyCountsList counts={replies.counts} label="Replies so far" small live={replies.live} />
          <LiveNote replies={replies} />
        </>
      ) : replies.error ? (
        <ProblemMessage error={replies.error} context="Could not load the reply counts." />
      ) : (
        <Loading label="Loading the reply counts…" />
      )}
      <RadioGroup
        name="inviteKind"
        label="Who to invite"
        options={KINDS}
        value={kind}
        onChange={(v) => {
          setKind(v as InviteKind);
          setSelected({});
          setQ('');
        }}
      />
      <div className="field-row">
        <div className="field">
          <label className="field__label" htmlFor="invite-role">
            Invited as
          </label>
          <select id="invite-role" className="input" value={role} onChange={(e) => setRole(e.target.value as InvitationRole)}>
            {(Object.keys(ROLE) as InvitationRole[]).map((r) => (
              <option key={r} value={r}>
                {ROLE[r]}
              </option>
            ))}
          </select>
        </div>
        {upcoming.length > 1 && (
          <div className="field">
            <label className="field__label" htmlFor="invite-dates">
              Which dates
            </label>
            <select id="invite-dates" className="input" value={occurrence} onChange={(e) => setOccurrence(e.target.value)}>
              <option value="">Every date of the series</option>
              {upcoming.map((o) => (
                <option key={o.recurrenceId} value={o.recurrenceId}>
                  Only {formatDateTime(o.startsAt, zone)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <SearchList
        id="invite-search"
        label={`Search ${kind === 'people' ? 'people by name' : kind === 'organisations' ? 'organisations by name' : 'events by title'}`}
        searchable={kind !== 'groups'}
        query={q}
        onQueryChange={setQ}
        items={options}
        itemKey={(o) => o.id}
        listClassName="checkbox-list"
        fetching={candidates.fetching && kind !== 'groups'}
        error={kind !== 'groups' ? candidates.error : undefined}
        noMatch={<p className="muted">Nothing matches “{query}”.</p>}
        empty={<p className="muted">Nothing to choose from yet.</p>}
        pick={{
          mode: 'many',
          legend: 'Choose',
          error,
          label: (o) => o.label,
          isPicked: (o) => o.id in selected,
          onToggle: (o, picked) =>
            setSelected((s) => {
              const next = { ...s };
              if (picked) next[o.id] = o.label;
              else delete next[o.id];
              return next;
            }),
        }}
      />
      {state.error && <ProblemMessage error={state.error} context="Nobody was invited." />}
      <p role="status" className="strong">
        {done}
      </p>
      <div className="form__actions">
        <button type="submit" className="button" disabled={state.fetching}>
          {state.fetching ? 'Inviting…' : `Send invitations${Object.keys(selected).length ? ` (${Object.keys(selected).length} chosen)` : ''}`}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}

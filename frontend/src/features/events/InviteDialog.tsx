// The invite dialog on the event page: invite people, every member of
// organisations, stakeholder groups or the attendees of earlier events
// (invite mutation), with the event's reply counts (replySummary).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { InviteInput, PersonStakeholderGroup } from '../../graphql/gen/graphql';
import { nodesOf } from '../../graphql/usePaginated';
import { useDebounced } from '../../lib/useDebounced';
import { STAKEHOLDER_GROUP } from '../../lib/labels';
import { Loading, ProblemMessage } from '../../ui/Status';
import { RadioGroup } from '../../ui/form';
import { describeInviteResult, inviteInput, type InviteKind } from './invite';

const ReplySummaryDocument = graphql(`
  query EventReplySummary($id: ID!) {
    node(id: $id) {
      __typename
      ... on Event {
        id
        replySummary {
          totals {
            total
            pending
            accepted
            tentative
            declined
            waitlisted
          }
        }
      }
    }
  }
`);

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

export function InviteButton({ eventId, eventTitle, onInvited }: { eventId: string; eventTitle: string; onInvited?: () => void }) {
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

export function InviteForm({ eventId, eventTitle, onInvited, onClose }: { eventId: string; eventTitle: string; onInvited?: (() => void) | undefined; onClose: () => void }) {
  const [kind, setKind] = useState<InviteKind>('organisations');
  const [q, setQ] = useState('');
  const query = useDebounced(q, 250);
  const [selected, setSelected] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [summary, refetchSummary] = useQuery({ query: ReplySummaryDocument, variables: { id: eventId }, requestPolicy: 'cache-and-network' });
  const [candidates] = useQuery({
    query: InviteCandidatesDocument,
    variables: { q: query, people: kind === 'people', orgs: kind === 'organisations', events: kind === 'events' },
    pause: kind === 'groups',
  });
  const [state, invite] = useMutation(InviteDocument);
  // Replies keep coming in while the dialog is open: refresh the counts every 15 s.
  useEffect(() => {
    const t = window.setInterval(() => refetchSummary({ requestPolicy: 'network-only' }), 15_000);
    return () => window.clearInterval(t);
  }, [refetchSummary]);

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
    const input: InviteInput = inviteInput(eventId, kind, ids);
    const r = await invite({ input });
    if (r.data) {
      setDone(describeInviteResult(r.data.invite));
      setSelected({});
      refetchSummary({ requestPolicy: 'network-only' });
      onInvited?.();
    }
  };

  const node = summary.data?.node;
  const totals = node?.__typename === 'Event' ? node.replySummary.totals : null;

  return (
    <form className="form" onSubmit={submit} noValidate>
      <h2 id="invite-heading">Invite to {eventTitle}</h2>
      {totals ? (
        <ul className="counts counts--small" aria-label="Replies so far">
          <li className="counts__item">
            <span className="counts__number">{totals.total}</span>
            <span className="counts__label">Invited</span>
          </li>
          <li className="counts__item counts__item--accepted">
            <span className="counts__number">{totals.accepted}</span>
            <span className="counts__label">Accepted</span>
          </li>
          <li className="counts__item">
            <span className="counts__number">{totals.tentative}</span>
            <span className="counts__label">Maybe</span>
          </li>
          <li className="counts__item counts__item--declined">
            <span className="counts__number">{totals.declined}</span>
            <span className="counts__label">Declined</span>
          </li>
          <li className="counts__item counts__item--pending">
            <span className="counts__number">{totals.pending}</span>
            <span className="counts__label">No reply</span>
          </li>
        </ul>
      ) : summary.error ? (
        <ProblemMessage error={summary.error} context="Could not load the reply counts." />
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
      {kind !== 'groups' && (
        <div className="field">
          <label className="field__label" htmlFor="invite-search">
            Search {kind === 'people' ? 'people by name' : kind === 'organisations' ? 'organisations by name' : 'events by title'}
          </label>
          <input id="invite-search" type="search" className="input" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        </div>
      )}
      <fieldset className="field fieldset">
        <legend className="field__label">Choose</legend>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        {candidates.fetching && kind !== 'groups' ? (
          <Loading label="Searching…" />
        ) : candidates.error && kind !== 'groups' ? (
          <ProblemMessage error={candidates.error} context="Could not search." />
        ) : options.length === 0 ? (
          <p className="muted">Nothing matches “{query}”.</p>
        ) : (
          <div className="checkbox-list">
            {options.map((o) => (
              <div className="checkbox" key={o.id}>
                <input
                  type="checkbox"
                  id={`invite-${o.id}`}
                  checked={o.id in selected}
                  onChange={(e) =>
                    setSelected((s) => {
                      const next = { ...s };
                      if (e.target.checked) next[o.id] = o.label;
                      else delete next[o.id];
                      return next;
                    })
                  }
                />
                <label htmlFor={`invite-${o.id}`}>{o.label}</label>
              </div>
            ))}
          </div>
        )}
      </fieldset>
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

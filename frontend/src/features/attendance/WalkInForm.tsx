// Record someone who is not on the door list (a walk-in), or who came in
// an invitee's place (a deputy): find them in the directory, or enter a
// name (and, if known, email, stakeholder group and organisation) to add
// them. One recordWalkIn mutation checks them in (and marks the invitee
// DEPUTY); the door's live counts move by themselves.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { PersonStakeholderGroup } from '../../graphql/gen/graphql';
import { describeError, type ProblemDescription } from '../../graphql/errors';
import { nodesOf } from '../../graphql/usePaginated';
import { useDebounced } from '../../lib/useDebounced';
import { STAKEHOLDER_GROUP, optionsOf } from '../../lib/labels';
import { ErrorSummary, SelectField, TextField, collectErrors, fieldId, useSummaryFocus, type FieldErrors } from '../../ui/form';
import { SearchList } from '../../ui/SearchList';
import { WALK_IN_FIELDS, describeWalkIn, walkInInput, type WalkInDraft } from './walkin';

/** How many matches a search shows; typing more narrows it. */
const MATCHES = 10;

const WalkInPeopleDocument = graphql(`
  query WalkInPeople($q: String!, $first: Int!) {
    people(first: $first, where: { nameContainsFold: $q }, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges {
        node {
          id
          name
          email
        }
      }
    }
  }
`);

const WalkInOrganisationsDocument = graphql(`
  query WalkInOrganisations($q: String!, $first: Int!) {
    organisations(first: $first, where: { nameContainsFold: $q }, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const RecordWalkInDocument = graphql(`
  mutation RecordWalkIn($input: WalkInInput!) {
    recordWalkIn(input: $input) {
      created
      person {
        id
        name
      }
      attendance {
        id
        personID
        status
      }
      represented {
        id
        personID
        status
      }
    }
  }
`);

interface Props {
  eventId: string;
  start: string;
  /** The invitee the person came instead of: records a deputy. */
  deputyFor?: { id: string; name: string } | undefined;
  /** What was typed in the door's search, to start from. */
  initialQuery?: string;
  onRecorded: (message: string) => void;
  onCancel: () => void;
}

type Picked = { id: string; name: string };

/** "3 of 41 shown: type more of the name to narrow the list." */
function moreNote(shown: number, total: number | undefined): string | null {
  return total !== undefined && total > shown ? `${shown} of ${total} shown: type more of the name to narrow the list.` : null;
}

export function WalkInForm({ eventId, start, deputyFor, initialQuery = '', onRecorded, onCancel }: Props) {
  const [mode, setMode] = useState<'directory' | 'new'>('directory');
  const [q, setQ] = useState(initialQuery);
  const query = useDebounced(q.trim(), 250);
  const [person, setPerson] = useState<Picked | null>(null);
  const [name, setName] = useState(initialQuery);
  const [email, setEmail] = useState('');
  const [group, setGroup] = useState<PersonStakeholderGroup | ''>('');
  const [orgQ, setOrgQ] = useState('');
  const orgQuery = useDebounced(orgQ.trim(), 250);
  const [organisation, setOrganisation] = useState<Picked | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [summaryFocus, requestSummaryFocus] = useSummaryFocus();
  const [state, record] = useMutation(RecordWalkInDocument);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opening the panel takes keyboard and screen-reader users to it.
  useEffect(() => heading.current?.focus(), []);

  const [people] = useQuery({
    query: WalkInPeopleDocument,
    variables: { q: query, first: MATCHES },
    pause: mode !== 'directory' || person !== null || query.length < 2,
  });
  const [orgs] = useQuery({
    query: WalkInOrganisationsDocument,
    variables: { q: orgQuery, first: MATCHES },
    pause: mode !== 'new' || organisation !== null || orgQuery.length < 2,
  });
  const personMatches = query.length < 2 ? [] : nodesOf(people.data?.people).filter((p) => p.id !== deputyFor?.id);
  const orgMatches = orgQuery.length < 2 ? [] : nodesOf(orgs.data?.organisations);

  const { byField, items } = collectErrors(WALK_IN_FIELDS, clientErrors, problem);
  const what = deputyFor ? 'deputy' : 'walk-in';
  const headingId = deputyFor ? `deputy-heading-${deputyFor.id}` : 'walk-in-heading';

  const switchTo = (next: 'directory' | 'new') => {
    setMode(next);
    setClientErrors({});
    setProblem(null);
    if (next === 'new' && !name.trim()) setName(q.trim());
    // Focus follows to the first field of the part just shown.
    window.setTimeout(() => document.getElementById(fieldId(next === 'new' ? 'name' : 'personId'))?.focus(), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const draft: WalkInDraft = mode === 'directory' ? { mode, person } : { mode, name, email, stakeholderGroup: group, organisation };
    const built = walkInInput(eventId, start, draft, deputyFor?.id);
    setProblem(null);
    if (built.errors) {
      setClientErrors(built.errors);
      requestSummaryFocus();
      return;
    }
    setClientErrors({});
    const r = await record({ input: built.input });
    if (r.error || !r.data) {
      setProblem(describeError(r.error ?? { graphQLErrors: [{ message: 'no answer', extensions: { code: 'INTERNAL' } }] }));
      requestSummaryFocus();
      return;
    }
    onRecorded(describeWalkIn(r.data.recordWalkIn, deputyFor?.name));
  };

  return (
    <section className="walk-in" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {deputyFor ? `Who came instead of ${deputyFor.name}?` : 'Record a walk-in'}
      </h3>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorSummary items={items} problem={problem} focusToken={summaryFocus} />
        {mode === 'directory' ? (
          <>
            {person ? (
              <div className={`field${byField.personId ? ' field--error' : ''}`}>
                <p className="field__label" id={`${fieldId('personId')}-label`}>
                  {deputyFor ? 'Deputy' : 'Walk-in'}
                </p>
                <p className="walk-in__chosen">
                  <span className="strong">{person.name}</span>{' '}
                  <button
                    type="button"
                    className="button button--link"
                    id={fieldId('personId')}
                    onClick={() => {
                      setPerson(null);
                      window.setTimeout(() => document.getElementById(fieldId('personId'))?.focus(), 0);
                    }}
                  >
                    Change<span className="visually-hidden"> {deputyFor ? 'deputy' : 'walk-in'}</span>
                  </button>
                </p>
              </div>
            ) : (
              <SearchList
                id={fieldId('personId')}
                label="Search the directory by name"
                hint="Type at least two letters."
                query={q}
                onQueryChange={setQ}
                items={personMatches}
                itemKey={(p) => p.id}
                fetching={people.fetching}
                error={people.error}
                errorContext="Could not search the directory."
                noMatch={query.length < 2 ? <></> : <p className="muted">Nobody in the directory matches “{query}”. Add them as someone new below.</p>}
                listLabel="People in the directory"
                pick={{
                  mode: 'one',
                  label: (p) => p.name,
                  note: (p) => p.email,
                  actionLabel: (p) => `Choose ${p.name}${p.email ? ` (${p.email})` : ''}`,
                  onPick: (p) => {
                    setPerson({ id: p.id, name: p.name });
                    setClientErrors({});
                    // The list goes away: keep focus on the form.
                    window.setTimeout(() => document.getElementById(fieldId('personId'))?.focus(), 0);
                  },
                }}
                fieldError={byField.personId}
              >
                {moreNote(personMatches.length, people.data?.people.totalCount) && <p className="muted small">{moreNote(personMatches.length, people.data?.people.totalCount)}</p>}
              </SearchList>
            )}
            <p>
              <button type="button" className="button button--link" onClick={() => switchTo('new')}>
                Not in the directory? Add someone new
              </button>
            </p>
          </>
        ) : (
          <>
            <TextField name="name" label="Name" value={name} onChange={(e) => setName(e.target.value)} error={byField.name} autoComplete="off" />
            <TextField
              name="email"
              label="Email"
              type="email"
              optional
              hint="If someone already has this address, they are used instead of adding a duplicate."
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={byField.email}
              autoComplete="off"
            />
            <SelectField
              name="stakeholderGroup"
              label="Stakeholder group"
              optional
              placeholder="Not known"
              options={optionsOf(STAKEHOLDER_GROUP)}
              value={group}
              onChange={(e) => setGroup(e.target.value as PersonStakeholderGroup | '')}
              error={byField.stakeholderGroup}
            />
            {organisation ? (
              <div className="field">
                <p className="field__label">
                  Organisation <span className="field__optional">(optional)</span>
                </p>
                <p className="walk-in__chosen">
                  <span className="strong">{organisation.name}</span>{' '}
                  <button
                    type="button"
                    className="button button--link"
                    id={fieldId('organisationId')}
                    onClick={() => {
                      setOrganisation(null);
                      window.setTimeout(() => document.getElementById(fieldId('organisationId'))?.focus(), 0);
                    }}
                  >
                    Change<span className="visually-hidden"> organisation</span>
                  </button>
                </p>
              </div>
            ) : (
              <SearchList
                id={fieldId('organisationId')}
                label="Organisation (optional)"
                hint="Search by name; type at least two letters."
                query={orgQ}
                onQueryChange={setOrgQ}
                items={orgMatches}
                itemKey={(o) => o.id}
                fetching={orgs.fetching}
                error={orgs.error}
                errorContext="Could not search the organisations."
                noMatch={orgQuery.length < 2 ? <></> : <p className="muted">No organisation matches “{orgQuery}”. Leave it empty, or add the organisation later.</p>}
                listLabel="Organisations"
                pick={{
                  mode: 'one',
                  label: (o) => o.name,
                  onPick: (o) => {
                    setOrganisation({ id: o.id, name: o.name });
                    window.setTimeout(() => document.getElementById(fieldId('organisationId'))?.focus(), 0);
                  },
                }}
                fieldError={byField.organisationId}
              />
            )}
            <p>
              <button type="button" className="button button--link" onClick={() => switchTo('directory')}>
                Search the directory instead
              </button>
            </p>
          </>
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={state.fetching}>
            {state.fetching ? 'Saving…' : `Record ${what}`}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

// Who works for or with an organisation (Membership): on the organisation's
// edit page its members, on a person's edit page their organisations; each
// with add (pick the other side, optional job title), a job title changed
// in place, and remove. Directory editors (organisers, admins) may change
// these; the server decides.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../graphql/gen';
import { describeError, type ProblemDescription } from '../../graphql/errors';
import { useNestedPaginated } from '../../graphql/useNestedPaginated';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { EntityPicker } from '../../ui/EntityPicker';
import { ErrorSummary, TextField, collectErrors, useSummaryFocus, type FieldErrors } from '../../ui/form';
import { optionalText } from '../../lib/formDiff';

graphql(`
  fragment MembershipRow on Membership {
    id
    jobTitle
    person {
      id
      name
    }
    organisation {
      id
      name
    }
  }
`);

// One page of memberships, the same from either side.
graphql(`
  fragment MembershipPage on MembershipConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...MembershipRow
      }
    }
  }
`);

export const OrganisationMembersQuery = graphql(`
  query OrganisationMembers($id: ID!, $first: Int, $after: Cursor) {
    node(id: $id) {
      __typename
      ... on Organisation {
        id
        memberships(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
          ...MembershipPage
        }
      }
    }
  }
`);

export const PersonMembershipsQuery = graphql(`
  query PersonMemberships($id: ID!, $first: Int, $after: Cursor) {
    node(id: $id) {
      __typename
      ... on Person {
        id
        memberships(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
          ...MembershipPage
        }
      }
    }
  }
`);

const CreateMembershipMutation = graphql(`
  mutation CreateMembership($input: CreateMembershipInput!) {
    createMembership(input: $input) {
      ...MembershipRow
    }
  }
`);

const UpdateMembershipMutation = graphql(`
  mutation UpdateMembership($id: ID!, $input: UpdateMembershipInput!) {
    updateMembership(id: $id, input: $input) {
      ...MembershipRow
    }
  }
`);

const DeleteMembershipMutation = graphql(`
  mutation DeleteMembership($id: ID!) {
    deleteMembership(id: $id)
  }
`);

interface Row {
  id: string;
  jobTitle?: string | null;
  person: { id: string; name: string };
  organisation: { id: string; name: string };
}

/** `of` is the organisation (list its members) or the person (list their organisations). */
export function Memberships({ of, id, name }: { of: 'organisation' | 'person'; id: string; name: string }) {
  const orgPage = useNestedPaginated(OrganisationMembersQuery, { id }, (d) => (d.node?.__typename === 'Organisation' ? d.node.memberships : null), {
    pause: of !== 'organisation',
  });
  const personPage = useNestedPaginated(PersonMembershipsQuery, { id }, (d) => (d.node?.__typename === 'Person' ? d.node.memberships : null), {
    pause: of !== 'person',
  });
  const page = (of === 'organisation' ? orgPage : personPage) as unknown as typeof orgPage & { nodes: Row[] };
  const [, remove] = useMutation(DeleteMembershipMutation);
  const [status, setStatus] = useState('');
  const [removeProblem, setRemoveProblem] = useState<ProblemDescription | null>(null);
  const other = (m: Row) => (of === 'organisation' ? m.person.name : m.organisation.name);
  const heading = of === 'organisation' ? 'Members' : 'Organisations';
  const headingId = `memberships-heading`;

  async function onRemove(m: Row) {
    setStatus('');
    setRemoveProblem(null);
    const r = await remove({ id: m.id });
    const failure = describeError(r.error);
    if (failure) {
      setRemoveProblem(failure);
      return;
    }
    setStatus(`${m.person.name} is no longer listed at ${m.organisation.name}.`);
    page.refresh();
  }

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{heading}</h2>
      <p className="muted">
        {of === 'organisation'
          ? `People who work for or with ${name}. “Invite an organisation” invites everyone listed here.`
          : `Organisations ${name} works for or with. Inviting one of them invites ${name} too.`}
      </p>
      <p role="status" className="field__note">
        {status}
      </p>
      {removeProblem && <ErrorSummary items={[]} problem={removeProblem} focusToken={1} />}
      <PaginatedTable<Row>
        page={page}
        caption={of === 'organisation' ? `Members of ${name}` : `Organisations of ${name}`}
        noun={of === 'organisation' ? 'members' : 'organisations'}
        rowKey={(m) => m.id}
        empty={{ title: of === 'organisation' ? 'No members listed yet.' : 'Not listed at any organisation yet.' }}
        columns={[
          { header: of === 'organisation' ? 'Person' : 'Organisation', cell: other },
          {
            header: 'Job title',
            cell: (m) => (
              <JobTitle
                membership={m}
                whose={of === 'organisation' ? m.person.name : `at ${m.organisation.name}`}
                onSaved={(saved) => setStatus(saved.jobTitle ? `${saved.person.name}’s job title at ${saved.organisation.name} is now “${saved.jobTitle}”.` : `${saved.person.name}’s job title at ${saved.organisation.name} is removed.`)}
              />
            ),
          },
          {
            header: 'Change',
            cell: (m) => (
              <button type="button" className="button button--secondary" onClick={() => void onRemove(m)}>
                Remove{' '}<span className="visually-hidden">{of === 'organisation' ? m.person.name : `from ${m.organisation.name}`}</span>
              </button>
            ),
          },
        ]}
      />
      <AddMembershipForm
        of={of}
        id={id}
        onAdded={(m) => {
          setStatus(`${m.person.name} is now listed at ${m.organisation.name}.`);
          page.refresh();
        }}
      />
    </section>
  );
}

/**
 * A membership's job title, changed in place: "Change" opens a field with
 * Save and Cancel; an empty field removes the title. Focus goes to the
 * field on opening and back to "Change" on closing.
 */
function JobTitle({ membership, whose, onSaved }: { membership: Row; whose: string; onSaved: (m: Row) => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(membership.jobTitle ?? '');
  const [error, setError] = useState<string | null>(null);
  const [state, update] = useMutation(UpdateMembershipMutation);
  const input = useRef<HTMLInputElement>(null);
  const change = useRef<HTMLButtonElement>(null);
  const reopened = useRef(false);
  const fieldId = `job-title-${membership.id}`;

  useEffect(() => {
    if (editing) input.current?.focus();
    else if (reopened.current) change.current?.focus();
  }, [editing]);

  function close() {
    reopened.current = true;
    setEditing(false);
    setError(null);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (state.fetching) return;
    const title = value.trim();
    if (title.length > 200) {
      setError('The job title must be 200 characters or fewer.');
      return;
    }
    const r = await update({ id: membership.id, input: title ? { jobTitle: title } : { clearJobTitle: true } });
    const failure = describeError(r.error);
    if (failure || !r.data) {
      setError(failure?.fieldErrors.jobTitle ?? (failure ? `${failure.title} ${failure.action}` : 'The job title was not saved.'));
      return;
    }
    onSaved(r.data.updateMembership);
    close();
  }

  if (!editing) {
    return (
      <span className="inline-edit">
        {membership.jobTitle || <span className="muted">Not given</span>}{' '}
        <button
          ref={change}
          type="button"
          className="button button--link"
          onClick={() => {
            setValue(membership.jobTitle ?? '');
            setEditing(true);
          }}
        >
          Change{' '}<span className="visually-hidden">the job title {whose}</span>
        </button>
      </span>
    );
  }
  return (
    <form className="inline-edit" noValidate onSubmit={save} aria-busy={state.fetching}>
      <label htmlFor={fieldId} className="visually-hidden">
        Job title {whose}
      </label>
      <input
        ref={input}
        id={fieldId}
        className="input"
        value={value}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      />{' '}
      <button type="submit" className="button button--secondary">
        {state.fetching ? 'Saving…' : 'Save'}
      </button>{' '}
      <button type="button" className="button button--link" onClick={close}>
        Cancel
      </button>
      {error && (
        <p id={`${fieldId}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

const FIELDS = ['personID', 'organisationID', 'jobTitle'] as const;

function AddMembershipForm({ of, id, onAdded }: { of: 'organisation' | 'person'; id: string; onAdded: (m: Row) => void }) {
  const pick = of === 'organisation' ? 'person' : 'organisation';
  const pickField = of === 'organisation' ? 'personID' : 'organisationID';
  const [chosen, setChosen] = useState<{ id: string; name: string }>({ id: '', name: '' });
  const [jobTitle, setJobTitle] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [state, create] = useMutation(CreateMembershipMutation);
  const { byField, items } = collectErrors(FIELDS, clientErrors, problem);
  const [summaryFocus, requestSummaryFocus] = useSummaryFocus();
  const [round, setRound] = useState(0);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (state.fetching) return;
    setProblem(null);
    const errors: FieldErrors = {};
    if (!chosen.id) errors[pickField] = of === 'organisation' ? 'Choose the person to add.' : 'Choose the organisation to add.';
    if (jobTitle.trim().length > 200) errors.jobTitle = 'The job title must be 200 characters or fewer.';
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      requestSummaryFocus();
      return;
    }
    const input =
      of === 'organisation'
        ? { organisationID: id, personID: chosen.id, jobTitle: optionalText(jobTitle) }
        : { personID: id, organisationID: chosen.id, jobTitle: optionalText(jobTitle) };
    const r = await create({ input });
    const failure = describeError(r.error);
    if (failure || !r.data) {
      setProblem(failure);
      requestSummaryFocus();
      return;
    }
    onAdded(r.data.createMembership);
    setChosen({ id: '', name: '' });
    setJobTitle('');
    setRound((n) => n + 1);
  }

  const title = of === 'organisation' ? 'Add a member' : 'Add an organisation';
  return (
    <form className="form card section" noValidate onSubmit={onSubmit} aria-busy={state.fetching} aria-labelledby="add-membership-heading">
      <h3 id="add-membership-heading">{title}</h3>
      <ErrorSummary focusToken={summaryFocus} items={items} problem={problem} />
      <EntityPicker
        key={round}
        kind={pick}
        name={pickField}
        label={of === 'organisation' ? 'Person' : 'Organisation'}
        hint={of === 'organisation' ? 'Search the directory by name.' : 'Search organisations by name.'}
        value={chosen.id}
        valueName={chosen.name || null}
        onChange={(cid, cname) => setChosen({ id: cid, name: cname })}
        error={byField[pickField]}
      />
      <TextField
        name="jobTitle"
        label="Job title or role there"
        optional
        hint="For example “Peer mentor” or “Housing officer”."
        autoComplete="off"
        value={jobTitle}
        onChange={(e) => setJobTitle(e.target.value)}
        error={byField.jobTitle}
      />
      <div className="form__actions">
        <button type="submit" className="button">
          {state.fetching ? 'Adding…' : title}
        </button>
      </div>
    </form>
  );
}

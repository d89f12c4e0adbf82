// "People and roles" on a programme page: its organisers and consultants,
// and (for its organisers and admins) adding and removing them. Who may do
// that is decided by the server (ProgrammeRole privacy policy); the
// controls are only hidden from people it would refuse.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../graphql/gen';
import type { ProgrammeRoleRole } from '../../graphql/gen/graphql';
import { describeError, type ProblemDescription } from '../../graphql/errors';
import { useNestedPaginated } from '../../graphql/useNestedPaginated';
import { PaginatedTable } from '../../ui/PaginatedTable';
import { EntityPicker } from '../../ui/EntityPicker';
import { ErrorSummary, SelectField, collectErrors, useSummaryFocus, type FieldErrors } from '../../ui/form';

export const PROGRAMME_ROLE: Record<ProgrammeRoleRole, string> = {
  ORGANISER: 'Organiser',
  CONSULTANT: 'Consultant',
};

const ROLE_HINT: Record<ProgrammeRoleRole, string> = {
  ORGANISER: 'Organisers schedule events, invite people, take minutes and manage this list.',
  CONSULTANT: 'Consultants see every event, reply and report in the programme and can take minutes.',
};

export const ProgrammeRolesQuery = graphql(`
  query ProgrammeRoles($id: ID!, $first: Int, $after: Cursor) {
    node(id: $id) {
      __typename
      ... on Programme {
        id
        roles(first: $first, after: $after, orderBy: { field: ROLE, direction: DESC }) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              role
              person {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

const GrantRoleMutation = graphql(`
  mutation GrantProgrammeRole($input: CreateProgrammeRoleInput!) {
    grantProgrammeRole(input: $input) {
      id
      role
      person {
        id
        name
      }
    }
  }
`);

const RevokeRoleMutation = graphql(`
  mutation RevokeProgrammeRole($id: ID!) {
    revokeProgrammeRole(id: $id)
  }
`);

const FIELDS = ['role', 'personID'] as const;

export function ProgrammeRoles({ programmeId, programmeName, canManage }: { programmeId: string; programmeName: string; canManage: boolean }) {
  const page = useNestedPaginated(ProgrammeRolesQuery, { id: programmeId }, (d) => (d.node?.__typename === 'Programme' ? d.node.roles : null));
  const [, revoke] = useMutation(RevokeRoleMutation);
  const [status, setStatus] = useState('');
  const [removeProblem, setRemoveProblem] = useState<ProblemDescription | null>(null);

  async function remove(id: string, name: string, role: ProgrammeRoleRole) {
    setRemoveProblem(null);
    setStatus('');
    const r = await revoke({ id });
    const failure = describeError(r.error);
    if (failure) {
      setRemoveProblem(failure);
      return;
    }
    setStatus(`${name} is no longer ${role === 'ORGANISER' ? 'an organiser' : 'a consultant'} of ${programmeName}.`);
    page.refresh();
  }

  return (
    <section aria-labelledby="roles-heading" className="section">
      <h2 id="roles-heading">People and roles</h2>
      <p className="muted">Organisers and consultants of {programmeName}. Everyone invited to one of its events is a member.</p>
      <p role="status" className="field__note">
        {status}
      </p>
      {removeProblem && <ErrorSummary items={[]} problem={removeProblem} focusToken={1} />}
      <PaginatedTable
        page={page}
        caption={`Organisers and consultants of ${programmeName}`}
        noun="people with roles"
        rowKey={(r) => r.id}
        empty={{ title: 'No organisers or consultants yet.', body: canManage ? <p>Add an organiser below, so someone can schedule its events.</p> : undefined }}
        columns={[
          { header: 'Person', cell: (r) => r.person.name },
          { header: 'Role', cell: (r) => PROGRAMME_ROLE[r.role] },
          ...(canManage
            ? [
                {
                  header: 'Change',
                  cell: (r: (typeof page.nodes)[number]) => (
                    <button type="button" className="button button--secondary" onClick={() => void remove(r.id, r.person.name, r.role)}>
                      Remove{' '}<span className="visually-hidden">{r.person.name} as {PROGRAMME_ROLE[r.role].toLowerCase()}</span>
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && (
        <AddRoleForm
          programmeId={programmeId}
          onAdded={(name, role) => {
            setStatus(`${name} is now ${role === 'ORGANISER' ? 'an organiser' : 'a consultant'} of ${programmeName}.`);
            page.refresh();
          }}
        />
      )}
    </section>
  );
}

function AddRoleForm({ programmeId, onAdded }: { programmeId: string; onAdded: (name: string, role: ProgrammeRoleRole) => void }) {
  const [role, setRole] = useState<ProgrammeRoleRole>('ORGANISER');
  const [person, setPerson] = useState<{ id: string; name: string }>({ id: '', name: '' });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [state, grant] = useMutation(GrantRoleMutation);
  const { byField, items } = collectErrors(FIELDS, clientErrors, problem);
  const [summaryFocus, requestSummaryFocus] = useSummaryFocus();
  // A fresh picker after each addition.
  const [round, setRound] = useState(0);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (state.fetching) return;
    setProblem(null);
    const errors: FieldErrors = {};
    if (!person.id) errors.personID = 'Choose the person to add.';
    setClientErrors(errors);
    if (errors.personID) {
      requestSummaryFocus();
      return;
    }
    const r = await grant({ input: { programmeID: programmeId, personID: person.id, role } });
    const failure = describeError(r.error);
    if (failure || !r.data) {
      setProblem(failure);
      requestSummaryFocus();
      return;
    }
    onAdded(person.name, role);
    setPerson({ id: '', name: '' });
    setRound((n) => n + 1);
  }

  return (
    <form className="form card section" noValidate onSubmit={onSubmit} aria-busy={state.fetching} aria-labelledby="add-role-heading">
      <h3 id="add-role-heading">Add an organiser or consultant</h3>
      <ErrorSummary focusToken={summaryFocus} items={items} problem={problem} />
      <SelectField
        name="role"
        label="Role"
        hint={ROLE_HINT[role]}
        value={role}
        onChange={(e) => setRole(e.target.value as ProgrammeRoleRole)}
        options={(Object.keys(PROGRAMME_ROLE) as ProgrammeRoleRole[]).map((value) => ({ value, label: PROGRAMME_ROLE[value] }))}
        error={byField.role}
      />
      <EntityPicker
        key={round}
        kind="person"
        name="personID"
        label="Person"
        hint="Search the directory by name. Someone new? Add them under People first."
        value={person.id}
        valueName={person.name || null}
        onChange={(id, name) => setPerson({ id, name })}
        error={byField.personID}
      />
      <div className="form__actions">
        <button type="submit" className="button">
          {state.fetching ? 'Adding…' : `Add ${PROGRAMME_ROLE[role].toLowerCase()}`}
        </button>
      </div>
    </form>
  );
}

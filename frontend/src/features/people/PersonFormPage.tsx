import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { CreatePersonInput, PersonStakeholderGroup, UpdatePersonInput } from '../../graphql/gen/graphql';
import { describeError, type ProblemDescription } from '../../graphql/errors';
import { Link, useNavigate } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { Loading, ProblemMessage } from '../../ui/Status';
import { Checkbox, ErrorSummary, SelectField, TextArea, TextField, collectErrors, useSummaryFocus, type FieldErrors } from '../../ui/form';
import { flash } from '../../ui/Flash';
import { DataRequests } from './DataRequests';
import { STAKEHOLDER_GROUP, enumValue, optionsOf } from '../../lib/labels';
import { diffOptionalText, diffRequired, optionalText } from '../../lib/formDiff';
import { Memberships } from '../organisations/Memberships';

graphql(`
  fragment PersonFields on Person {
    id
    name
    email
    phone
    stakeholderGroup
    accessNeeds
    hideFromAttendeeLists
  }
`);

const PersonForEditQuery = graphql(`
  query PersonForEdit($id: ID!) {
    node(id: $id) {
      __typename
      ... on Person {
        ...PersonFields
      }
    }
  }
`);

const CreatePersonMutation = graphql(`
  mutation CreatePerson($input: CreatePersonInput!) {
    createPerson(input: $input) {
      ...PersonFields
    }
  }
`);

const UpdatePersonMutation = graphql(`
  mutation UpdatePerson($id: ID!, $input: UpdatePersonInput!) {
    updatePerson(id: $id, input: $input) {
      ...PersonFields
    }
  }
`);

interface Values {
  name: string;
  email: string;
  phone: string;
  stakeholderGroup: string;
  accessNeeds: string;
  hideFromAttendeeLists: boolean;
}

const FIELDS = ['name', 'email', 'phone', 'stakeholderGroup', 'accessNeeds', 'hideFromAttendeeLists'] as const;

interface Saved {
  id: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  /** Null when withheld from this viewer. */
  stakeholderGroup?: PersonStakeholderGroup | null;
  accessNeeds?: string | null;
  hideFromAttendeeLists: boolean;
}

export function validatePerson(v: Values, isNew: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.name.trim()) errors.name = 'Enter the person’s name.';
  // On edit the group may be withheld from this viewer: leaving it blank keeps it.
  if ((isNew || v.stakeholderGroup) && !enumValue(STAKEHOLDER_GROUP, v.stakeholderGroup)) errors.stakeholderGroup = 'Choose the group that best describes them.';
  return errors;
}

export function PersonFormPage({ id }: { id?: string }) {
  const [result, refetch] = useQuery({ query: PersonForEditQuery, variables: { id: id ?? '' }, pause: !id, requestPolicy: 'network-only' });
  if (!id) return <PersonForm />;
  if (result.fetching && !result.data) return <Loading label="Loading the person…" />;
  const node = result.data?.node;
  if (!node || node.__typename !== 'Person') {
    return (
      <>
        <PageHeader title="Person not found" />
        <ProblemMessage error={result.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }} onRetry={() => refetch()} />
        <p>
          <Link to="/people">Back to people</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PersonForm saved={node} />
      <DataRequests personId={node.id} />
    </>
  );
}

function PersonForm({ saved }: { saved?: Saved }) {
  const navigate = useNavigate();
  const initial: Values = {
    name: saved?.name ?? '',
    email: saved?.email ?? '',
    phone: saved?.phone ?? '',
    stakeholderGroup: saved?.stakeholderGroup ?? '',
    accessNeeds: saved?.accessNeeds ?? '',
    hideFromAttendeeLists: saved?.hideFromAttendeeLists ?? false,
  };
  const [values, setValues] = useState<Values>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [createState, create] = useMutation(CreatePersonMutation);
  const [updateState, update] = useMutation(UpdatePersonMutation);
  const submitting = createState.fetching || updateState.fetching;
  const set = (field: 'name' | 'email' | 'phone' | 'stakeholderGroup' | 'accessNeeds') => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));
  const { byField, items } = collectErrors(FIELDS, clientErrors, problem);
  const [summaryFocus, requestSummaryFocus] = useSummaryFocus();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (submitting) return;
    const errors = validatePerson(values, !saved);
    setClientErrors(errors);
    setProblem(null);
    if (Object.keys(errors).length > 0) {
      requestSummaryFocus();
      return;
    }
    const group = values.stakeholderGroup as PersonStakeholderGroup;
    let savedId: string | undefined;
    let failure: ProblemDescription | null;
    if (!saved) {
      const input: CreatePersonInput = {
        name: values.name.trim(),
        email: optionalText(values.email),
        phone: optionalText(values.phone),
        stakeholderGroup: group,
        accessNeeds: optionalText(values.accessNeeds),
        hideFromAttendeeLists: values.hideFromAttendeeLists,
      };
      const r = await create({ input });
      savedId = r.data?.createPerson.id;
      failure = describeError(r.error);
    } else {
      const input: UpdatePersonInput = {};
      const rec = input as Record<string, unknown>;
      diffRequired(rec, 'name', values.name.trim(), initial.name);
      if (values.stakeholderGroup) diffRequired(rec, 'stakeholderGroup', group, initial.stakeholderGroup);
      diffRequired(rec, 'hideFromAttendeeLists', values.hideFromAttendeeLists, initial.hideFromAttendeeLists);
      for (const f of ['email', 'phone', 'accessNeeds'] as const) diffOptionalText(rec, f, values[f], initial[f]);
      const r = await update({ id: saved.id, input });
      savedId = r.data?.updatePerson.id;
      failure = describeError(r.error);
    }
    if (failure || !savedId) {
      setProblem(failure);
      requestSummaryFocus();
      return;
    }
    navigate('/people');
    flash(saved ? `${values.name.trim()} has been updated.` : `${values.name.trim()} has been added.`);
  }

  return (
    <>
      <PageHeader title={saved ? `Edit ${initial.name}` : 'New person'} eyebrow={<Link to="/people">People</Link>} />
      <form className="form" noValidate onSubmit={onSubmit} aria-busy={submitting}>
        <ErrorSummary focusToken={summaryFocus} items={items} problem={problem} />
        <TextField name="name" label="Full name" autoComplete="off" value={values.name} onChange={set('name')} error={byField.name} />
        <SelectField
          name="stakeholderGroup"
          label="Stakeholder group"
          hint="Used to check every voice is in the room; shown in representation reports."
          value={values.stakeholderGroup}
          onChange={set('stakeholderGroup')}
          options={optionsOf(STAKEHOLDER_GROUP)}
          placeholder="Choose a group"
          error={byField.stakeholderGroup}
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          optional
          hint="Invitations and calendar updates go here. Leave blank for someone who takes part without email."
          autoComplete="off"
          spellCheck={false}
          value={values.email}
          onChange={set('email')}
          error={byField.email}
        />
        <TextField name="phone" label="Phone" type="tel" optional autoComplete="off" value={values.phone} onChange={set('phone')} error={byField.phone} />
        <TextArea
          name="accessNeeds"
          label="Access needs"
          optional
          hint="For example: step-free access, an interpreter, papers in large print. Only organisers see this."
          value={values.accessNeeds}
          onChange={set('accessNeeds')}
          error={byField.accessNeeds}
        />
        <Checkbox
          name="hideFromAttendeeLists"
          label="Hide from “who else is going” lists"
          hint="Other attendees will not see this person’s name. Organisers still will."
          checked={values.hideFromAttendeeLists}
          onChange={(checked) => setValues((v) => ({ ...v, hideFromAttendeeLists: checked }))}
          error={byField.hideFromAttendeeLists}
        />
        <div className="form__actions">
          <button type="submit" className="button">
            {submitting ? 'Saving…' : saved ? 'Save changes' : 'Add person'}
          </button>
          <Link to="/people" className="button button--secondary">
            Cancel
          </Link>
        </div>
      </form>
      {saved && <Memberships of="person" id={saved.id} name={initial.name} />}
    </>
  );
}

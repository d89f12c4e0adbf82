import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { CreateOrganisationInput, OrganisationSector, UpdateOrganisationInput } from '../../graphql/gen/graphql';
import { describeError, type ProblemDescription } from '../../graphql/errors';
import { Link, useNavigate } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { Loading, ProblemMessage } from '../../ui/Status';
import { ErrorSummary, SelectField, TextArea, TextField, collectErrors, useSummaryFocus, type FieldErrors } from '../../ui/form';
import { flash } from '../../ui/Flash';
import { SECTOR, enumValue, optionsOf } from '../../lib/labels';
import { diffOptionalText, diffRequired, optionalText } from '../../lib/formDiff';
import { Memberships } from './Memberships';

graphql(`
  fragment OrganisationFields on Organisation {
    id
    name
    sector
    description
    contactName
    contactEmail
    contactPhone
    website
  }
`);

const OrganisationForEditQuery = graphql(`
  query OrganisationForEdit($id: ID!) {
    node(id: $id) {
      __typename
      ... on Organisation {
        ...OrganisationFields
      }
    }
  }
`);

const CreateOrganisationMutation = graphql(`
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      ...OrganisationFields
    }
  }
`);

const UpdateOrganisationMutation = graphql(`
  mutation UpdateOrganisation($id: ID!, $input: UpdateOrganisationInput!) {
    updateOrganisation(id: $id, input: $input) {
      ...OrganisationFields
    }
  }
`);

interface Values {
  name: string;
  sector: string;
  description: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  website: string;
}

const FIELDS = ['name', 'sector', 'description', 'contactName', 'contactEmail', 'contactPhone', 'website'] as const;

type Saved = { id: string } & { [K in keyof Values]?: string | null };

const empty: Values = { name: '', sector: '', description: '', contactName: '', contactEmail: '', contactPhone: '', website: '' };

function valuesOf(o: Saved): Values {
  return {
    name: o.name ?? '',
    sector: o.sector ?? '',
    description: o.description ?? '',
    contactName: o.contactName ?? '',
    contactEmail: o.contactEmail ?? '',
    contactPhone: o.contactPhone ?? '',
    website: o.website ?? '',
  };
}

/** Client-side checks: only what the browser can know (required fields). */
export function validateOrganisation(v: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.name.trim()) errors.name = 'Enter the organisation’s name.';
  if (!enumValue(SECTOR, v.sector)) errors.sector = 'Choose the sector the organisation works in.';
  return errors;
}

export function OrganisationFormPage({ id }: { id?: string }) {
  const [result, refetch] = useQuery({ query: OrganisationForEditQuery, variables: { id: id ?? '' }, pause: !id, requestPolicy: 'network-only' });
  if (!id) return <OrganisationForm />;
  if (result.fetching && !result.data) return <Loading label="Loading the organisation…" />;
  const node = result.data?.node;
  if (!node || node.__typename !== 'Organisation') {
    return (
      <>
        <PageHeader title="Organisation not found" />
        <ProblemMessage error={result.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }} onRetry={() => refetch()} />
        <p>
          <Link to="/organisations">Back to organisations</Link>
        </p>
      </>
    );
  }
  return <OrganisationForm saved={node} />;
}

function OrganisationForm({ saved }: { saved?: Saved }) {
  const navigate = useNavigate();
  const initial = saved ? valuesOf(saved) : empty;
  const [values, setValues] = useState<Values>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [createState, create] = useMutation(CreateOrganisationMutation);
  const [updateState, update] = useMutation(UpdateOrganisationMutation);
  const submitting = createState.fetching || updateState.fetching;

  const set = (field: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const { byField, items } = collectErrors(FIELDS, clientErrors, problem);
  const [summaryFocus, requestSummaryFocus] = useSummaryFocus();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (submitting) return;
    const errors = validateOrganisation(values);
    setClientErrors(errors);
    setProblem(null);
    if (Object.keys(errors).length > 0) {
      requestSummaryFocus();
      return;
    }
    const sector = values.sector as OrganisationSector;
    let savedId: string | undefined;
    let failure: ProblemDescription | null = null;
    if (!saved) {
      const input: CreateOrganisationInput = {
        name: values.name.trim(),
        sector,
        description: optionalText(values.description),
        contactName: optionalText(values.contactName),
        contactEmail: optionalText(values.contactEmail),
        contactPhone: optionalText(values.contactPhone),
        website: optionalText(values.website),
      };
      const r = await create({ input });
      savedId = r.data?.createOrganisation.id;
      failure = describeError(r.error);
    } else {
      const input: UpdateOrganisationInput = {};
      const rec = input as Record<string, unknown>;
      diffRequired(rec, 'name', values.name.trim(), initial.name);
      diffRequired(rec, 'sector', sector, initial.sector);
      for (const f of ['description', 'contactName', 'contactEmail', 'contactPhone', 'website'] as const) {
        diffOptionalText(rec, f, values[f], initial[f]);
      }
      const r = await update({ id: saved.id, input });
      savedId = r.data?.updateOrganisation.id;
      failure = describeError(r.error);
    }
    if (failure || !savedId) {
      setProblem(failure);
      requestSummaryFocus();
      return;
    }
    navigate('/organisations');
    flash(saved ? `${values.name.trim()} has been updated.` : `${values.name.trim()} has been added.`);
  }

  const title = saved ? `Edit ${initial.name}` : 'New organisation';
  return (
    <>
      <PageHeader title={title} eyebrow={<Link to="/organisations">Organisations</Link>} />
      <form className="form" noValidate onSubmit={onSubmit} aria-busy={submitting}>
        <ErrorSummary focusToken={summaryFocus} items={items} problem={problem} />
        <TextField name="name" label="Name" autoComplete="organization" value={values.name} onChange={set('name')} error={byField.name} />
        <SelectField
          name="sector"
          label="Sector"
          value={values.sector}
          onChange={set('sector')}
          options={optionsOf(SECTOR)}
          placeholder="Choose a sector"
          error={byField.sector}
        />
        <TextArea name="description" label="What they do" optional value={values.description} onChange={set('description')} error={byField.description} />
        <fieldset className="fieldset-group">
          <legend>Contact</legend>
          <TextField name="contactName" label="Contact name" optional autoComplete="name" value={values.contactName} onChange={set('contactName')} error={byField.contactName} />
          <TextField
            name="contactEmail"
            label="Contact email"
            type="email"
            optional
            autoComplete="email"
            spellCheck={false}
            value={values.contactEmail}
            onChange={set('contactEmail')}
            error={byField.contactEmail}
          />
          <TextField name="contactPhone" label="Contact phone" type="tel" optional autoComplete="tel" value={values.contactPhone} onChange={set('contactPhone')} error={byField.contactPhone} />
          <TextField
            name="website"
            label="Website"
            type="url"
            optional
            hint="A full address, starting https://"
            spellCheck={false}
            value={values.website}
            onChange={set('website')}
            error={byField.website}
          />
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button">
            {submitting ? 'Saving…' : saved ? 'Save changes' : 'Add organisation'}
          </button>
          <Link to="/organisations" className="button button--secondary">
            Cancel
          </Link>
        </div>
      </form>
      {saved && <Memberships of="organisation" id={saved.id} name={initial.name} />}
    </>
  );
}

// Creating (admins) and editing (the programme's organisers, admins) a
// programme: name, address name (slug), description, time zone and whether
// it publishes a public calendar feed.
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import { describeError, type ProblemDescription } from '../../graphql/errors';
import { Link, useNavigate } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { Loading, ProblemMessage } from '../../ui/Status';
import { Checkbox, ErrorSummary, TextArea, TextField, collectErrors, useSummaryFocus, type FieldErrors } from '../../ui/form';
import { flash } from '../../ui/Flash';
import { knownTimeZones } from '../../lib/time';
import { PROGRAMME_FIELDS, createInput, slugify, updateInput, validateProgramme, type ProgrammeValues } from './programmeForm';

graphql(`
  fragment ProgrammeFields on Programme {
    id
    name
    slug
    description
    timeZone
    public
  }
`);

const ProgrammeForEditQuery = graphql(`
  query ProgrammeForEdit($id: ID!) {
    node(id: $id) {
      __typename
      ... on Programme {
        ...ProgrammeFields
      }
    }
  }
`);

const CreateProgrammeMutation = graphql(`
  mutation CreateProgramme($input: CreateProgrammeInput!) {
    createProgramme(input: $input) {
      ...ProgrammeFields
    }
  }
`);

const UpdateProgrammeMutation = graphql(`
  mutation UpdateProgramme($id: ID!, $input: UpdateProgrammeInput!) {
    updateProgramme(id: $id, input: $input) {
      ...ProgrammeFields
      feedURLs {
        url
        webcal
      }
    }
  }
`);

interface Saved {
  id: string;
  name: string;
  slug: string;
  description?: string | null;
  timeZone: string;
  public: boolean;
}

export function ProgrammeFormPage({ id }: { id?: string }) {
  const [result, refetch] = useQuery({ query: ProgrammeForEditQuery, variables: { id: id ?? '' }, pause: !id, requestPolicy: 'network-only' });
  if (!id) return <ProgrammeForm />;
  if (result.fetching && !result.data) return <Loading label="Loading the programme…" />;
  const node = result.data?.node;
  if (!node || node.__typename !== 'Programme') {
    return (
      <>
        <PageHeader title="Programme not found" eyebrow={<Link to="/programmes">Programmes</Link>} />
        <ProblemMessage error={result.error ?? { graphQLErrors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] }} onRetry={() => refetch()} />
      </>
    );
  }
  return <ProgrammeForm saved={node} />;
}

function ProgrammeForm({ saved }: { saved?: Saved }) {
  const navigate = useNavigate();
  const zones = useMemo(knownTimeZones, []);
  const initial: ProgrammeValues = {
    name: saved?.name ?? '',
    slug: saved?.slug ?? '',
    description: saved?.description ?? '',
    timeZone: saved?.timeZone ?? 'Europe/London',
    public: saved?.public ?? false,
  };
  const [values, setValues] = useState<ProgrammeValues>(initial);
  // On a new programme the address name follows the name until edited.
  const [slugTouched, setSlugTouched] = useState(Boolean(saved));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [createState, create] = useMutation(CreateProgrammeMutation);
  const [updateState, update] = useMutation(UpdateProgrammeMutation);
  const submitting = createState.fetching || updateState.fetching;
  const { byField, items } = collectErrors(PROGRAMME_FIELDS, clientErrors, problem);
  const [summaryFocus, requestSummaryFocus] = useSummaryFocus();
  const back = saved ? `/programmes/${encodeURIComponent(saved.id)}` : '/programmes';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (submitting) return;
    const errors = validateProgramme(values, zones);
    setClientErrors(errors);
    setProblem(null);
    if (Object.keys(errors).length > 0) {
      requestSummaryFocus();
      return;
    }
    let savedId: string | undefined;
    let failure: ProblemDescription | null;
    if (!saved) {
      const r = await create({ input: createInput(values) });
      savedId = r.data?.createProgramme.id;
      failure = describeError(r.error);
    } else {
      const r = await update({ id: saved.id, input: updateInput(values, initial) });
      savedId = r.data?.updateProgramme.id;
      failure = describeError(r.error);
    }
    if (failure || !savedId) {
      setProblem(failure);
      requestSummaryFocus();
      return;
    }
    navigate(`/programmes/${encodeURIComponent(savedId)}`);
    flash(saved ? `${values.name.trim()} has been updated.` : `${values.name.trim()} has been created. Add its organisers below.`);
  }

  return (
    <>
      <PageHeader title={saved ? `Edit ${initial.name}` : 'New programme'} eyebrow={<Link to="/programmes">Programmes</Link>} />
      <form className="form" noValidate onSubmit={onSubmit} aria-busy={submitting}>
        <ErrorSummary focusToken={summaryFocus} items={items} problem={problem} />
        <TextField
          name="name"
          label="Name"
          hint="For example “Multiple disadvantage: system change 2026”."
          autoComplete="off"
          value={values.name}
          onChange={(e) => {
            const name = e.target.value;
            setValues((v) => ({ ...v, name, slug: slugTouched ? v.slug : slugify(name) }));
          }}
          error={byField.name}
        />
        <TextField
          name="slug"
          label="Short address name"
          hint="Lower-case letters, digits and hyphens; used in links and calendar feed addresses. Changing it breaks old links."
          autoComplete="off"
          spellCheck={false}
          className="input--mono"
          value={values.slug}
          onChange={(e) => {
            setSlugTouched(true);
            setValues((v) => ({ ...v, slug: e.target.value }));
          }}
          error={byField.slug}
        />
        <TextArea
          name="description"
          label="Description"
          optional
          hint="What the programme is for; shown on its page and in its public calendar."
          value={values.description}
          onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))}
          error={byField.description}
        />
        <TextField
          name="timeZone"
          label="Time zone"
          hint="New events start in this zone, and its calendar shows times in it. For example Europe/London."
          list="programme-time-zones"
          autoComplete="off"
          spellCheck={false}
          value={values.timeZone}
          onChange={(e) => setValues((v) => ({ ...v, timeZone: e.target.value }))}
          error={byField.timeZone}
        />
        <datalist id="programme-time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <Checkbox
          name="public"
          label="Public calendar"
          hint="Anyone with the address can subscribe to this programme’s events: titles, times and places, not who is invited."
          checked={values.public}
          onChange={(checked) => setValues((v) => ({ ...v, public: checked }))}
          error={byField.public}
        />
        <div className="form__actions">
          <button type="submit" className="button">
            {submitting ? 'Saving…' : saved ? 'Save changes' : 'Create programme'}
          </button>
          <Link to={back} className="button button--secondary">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

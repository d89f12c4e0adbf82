// Recording a new commitment in the ledger: who pledges what to whom, for
// which programme and period. It starts as Proposed; the commitment's page
// moves it on (Agreed, Delivered…) and links the actions that serve it.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import { describeError, type ProblemDescription } from '../../graphql/errors';
import { Link, useNavigate, useSearchParam } from '../../app/router';
import { PageHeader } from '../../ui/PageHeader';
import { Loading, ProblemMessage } from '../../ui/Status';
import { ErrorSummary, SelectField, TextArea, TextField, collectErrors, useSummaryFocus, type FieldErrors } from '../../ui/form';
import { EntityPicker } from '../../ui/EntityPicker';
import { flash } from '../../ui/Flash';
import { COMMITMENT_KIND, HOURS_PERIOD, optionsOf } from '../../lib/labels';
import { useViewer } from '../account/viewer';
import { COMMITMENT_FIELDS, commitmentInput, emptyCommitment, type CommitmentValues } from './commitmentForm';

const LedgerProgrammesQuery = graphql(`
  query LedgerProgrammes {
    programmes(first: 100, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges {
        node {
          id
          name
          timeZone
        }
      }
    }
  }
`);

const CreateCommitmentMutation = graphql(`
  mutation CreateCommitment($input: CreateCommitmentInput!) {
    createCommitment(input: $input) {
      id
      title
      programmeID
      organisationID
    }
  }
`);

export function NewCommitmentPage() {
  const [programmeParam] = useSearchParam('programme');
  const viewer = useViewer();
  const [result, refetch] = useQuery({ query: LedgerProgrammesQuery });
  if (!result.data) {
    if (result.error) {
      return (
        <>
          <PageHeader title="New commitment" eyebrow={<Link to="/commitments">Commitments</Link>} />
          <ProblemMessage context="Could not load your programmes." error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        </>
      );
    }
    return <Loading label="Loading your programmes…" />;
  }
  const all = (result.data.programmes.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  // Organisers and consultants record commitments (the server decides; this narrows the choice).
  const programmes =
    viewer.status === 'signed-in' && !viewer.viewer.isAdmin
      ? all.filter((p) => viewer.viewer.roles.some((r) => (r.role === 'ORGANISER' || r.role === 'CONSULTANT') && r.programme.id === p.id))
      : all;
  const initialProgramme = programmes.some((p) => p.id === programmeParam) ? programmeParam : programmes.length === 1 ? programmes[0]!.id : '';
  return <CommitmentForm programmes={programmes} initialProgramme={initialProgramme} />;
}

interface ProgrammeOption {
  id: string;
  name: string;
  timeZone: string;
}

function CommitmentForm({ programmes, initialProgramme }: { programmes: ProgrammeOption[]; initialProgramme: string }) {
  const navigate = useNavigate();
  const [values, setValues] = useState<CommitmentValues>({ ...emptyCommitment, programmeID: initialProgramme });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [state, create] = useMutation(CreateCommitmentMutation);
  const [focusToken, focusSummary] = useSummaryFocus();
  const { byField, items } = collectErrors(COMMITMENT_FIELDS, clientErrors, problem);
  const set = (f: keyof CommitmentValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));
  const programme = programmes.find((p) => p.id === values.programmeID);
  const zone = programme?.timeZone ?? 'UTC';

  if (programmes.length === 0) {
    return (
      <>
        <PageHeader title="New commitment" eyebrow={<Link to="/commitments">Commitments</Link>} />
        <p>Only organisers and consultants of a programme record its commitments, and you are neither in any programme.</p>
      </>
    );
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (state.fetching) return;
    const { input, errors } = commitmentInput(values, zone);
    setClientErrors(errors);
    setProblem(null);
    if (!input) {
      focusSummary();
      return;
    }
    const r = await create({ input });
    const failure = describeError(r.error);
    const id = r.data?.createCommitment.id;
    if (failure || !id) {
      setProblem(failure);
      focusSummary();
      return;
    }
    navigate(`/commitments/${encodeURIComponent(id)}`);
    flash(`“${input.title}” has been recorded as proposed.`);
  }

  const funding = values.kind === 'FUNDING';
  const staffTime = values.kind === 'STAFF_TIME';
  return (
    <>
      <PageHeader title="New commitment" eyebrow={<Link to="/commitments">Commitments</Link>}>
        <p className="lead">It is recorded as proposed. Once agreed, mark it so on its page, where you can also link the actions that serve it.</p>
      </PageHeader>
      <form className="form" noValidate onSubmit={onSubmit} aria-busy={state.fetching}>
        <ErrorSummary focusToken={focusToken} items={items} problem={problem} />
        <SelectField
          name="programmeID"
          label="Programme"
          value={values.programmeID}
          onChange={set('programmeID')}
          options={programmes.map((p) => ({ value: p.id, label: p.name }))}
          placeholder="Choose a programme"
          error={byField.programmeID}
        />
        <TextField name="title" label="What is committed" value={values.title} onChange={set('title')} error={byField.title} />
        <SelectField name="kind" label="Kind" value={values.kind} onChange={set('kind')} options={optionsOf(COMMITMENT_KIND)} placeholder="Choose a kind" error={byField.kind} />
        <EntityPicker
          kind="organisation"
          name="organisationID"
          label="Organisation making it"
          hint="The funder, or the organisation giving the staff time, pathway or data."
          placeholder="Type a name"
          value={values.organisationID}
          onChange={(id) => setValues((v) => ({ ...v, organisationID: id }))}
          error={byField.organisationID}
        />
        <EntityPicker
          kind="organisation"
          name="beneficiaryID"
          label="Organisation it is for"
          optional
          hint="Leave empty when it is for the partnership as a whole."
          placeholder="Type a name"
          value={values.beneficiaryID}
          onChange={(id) => setValues((v) => ({ ...v, beneficiaryID: id }))}
          error={byField.beneficiaryID}
        />
        <fieldset className="fieldset-group">
          <legend>Amount</legend>
          <div className="field-row">
            <TextField
              name="amount"
              label="Amount"
              optional={!funding}
              inputMode="decimal"
              hint={funding ? 'The whole grant for the period, like 25000.' : 'Only for funding or other money.'}
              value={values.amount}
              onChange={set('amount')}
              error={byField.amount}
            />
            <TextField
              name="currency"
              label="Currency"
              optional={!funding}
              className="input--short"
              hint="Three letters, like GBP"
              autoComplete="off"
              spellCheck={false}
              value={values.currency}
              onChange={set('currency')}
              error={byField.currency}
            />
          </div>
          {(staffTime || values.hours) && (
            <div className="field-row">
              <TextField name="hours" label="Hours" optional inputMode="decimal" value={values.hours} onChange={set('hours')} error={byField.hours} />
              <SelectField name="hoursPeriod" label="Hours per" optional value={values.hoursPeriod} onChange={set('hoursPeriod')} options={optionsOf(HOURS_PERIOD)} error={byField.hoursPeriod} />
            </div>
          )}
        </fieldset>
        <fieldset className="fieldset-group">
          <legend>Period</legend>
          <p className="field__hint">Days in {programme ? `${programme.name}’s time zone (${zone})` : 'the programme’s time zone'}.</p>
          <div className="field-row">
            <TextField name="startsOn" label="Starts" type="date" value={values.startsOn} onChange={set('startsOn')} error={byField.startsOn} />
            <TextField name="endsOn" label="Ends" type="date" optional hint="Leave empty if open-ended." value={values.endsOn} onChange={set('endsOn')} error={byField.endsOn} />
            <TextField name="reviewOn" label="Review" type="date" optional value={values.reviewOn} onChange={set('reviewOn')} error={byField.reviewOn} />
          </div>
        </fieldset>
        <TextArea name="conditions" label="Conditions" optional value={values.conditions} onChange={set('conditions')} error={byField.conditions} />
        <div className="form__actions">
          <button type="submit" className="button">
            {state.fetching ? 'Saving…' : 'Record commitment'}
          </button>
          <Link to="/commitments" className="button button--secondary">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

// Data-subject requests (GDPR): download everything held about a person as
// JSON, and erase a person. The server decides who may (an admin, or the
// person themselves); these controls are offered to admins on a person's
// page and to everyone for themselves on their account page.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createRequest, useClient, useMutation, useQuery } from 'urql';
import { pipe, take, toPromise } from 'wonka';
import { graphql } from '../../graphql/gen';
import { useViewer } from '../account/viewer';
import { useNavigate } from '../../app/router';
import { ProblemMessage } from '../../ui/Status';
import { TextField } from '../../ui/form';
import { flash } from '../../ui/Flash';
import type { CombinedError } from 'urql';

const PersonExportQuery = graphql(`
  query PersonExport($id: ID!) {
    personExport(id: $id)
  }
`);

const DataRequestPersonQuery = graphql(`
  query DataRequestPerson($id: ID!) {
    node(id: $id) {
      __typename
      ... on Person {
        id
        name
        erasedAt
      }
    }
  }
`);

const ErasePersonMutation = graphql(`
  mutation ErasePerson($id: ID!) {
    erasePerson(id: $id) {
      id
      name
      email
      phone
      accessNeeds
      erasedAt
    }
  }
`);

/** "Zoë O’Brien" → "zoe-obrien", for a file name. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'person';
}

/** Saves text as a file through a temporary link (the browser's own download). */
export function saveFile(name: string, text: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Whether the typed confirmation matches the name (case and outer spaces ignored). */
export function confirmsName(typed: string, name: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
  return norm(typed) !== '' && norm(typed) === norm(name);
}

/** A button that fetches the person's data afresh and saves it as JSON. */
export function DownloadData({ person, label }: { person: { id: string; name: string }; label: string }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const [done, setDone] = useState('');
  const download = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setDone('');
    // Always fresh from the server: the export is the record as it is now.
    const r = await pipe(client.executeQuery(createRequest(PersonExportQuery, { id: person.id }), { requestPolicy: 'network-only' }), take(1), toPromise);
    setBusy(false);
    if (r.error || !r.data) {
      setError(r.error);
      return;
    }
    const file = `convene-data-${fileSlug(person.name)}.json`;
    saveFile(file, JSON.stringify(r.data.personExport, null, 2));
    setDone(`Downloaded ${file}.`);
  };
  return (
    <div>
      <div className="form__actions">
        <button type="button" className="button button--secondary" aria-disabled={busy} onClick={() => void download()}>
          {busy ? 'Preparing the download…' : label}
        </button>
      </div>
      {error && <ProblemMessage error={error} context="The data could not be downloaded." />}
      <p role="status" className="field__note">
        {done}
      </p>
    </div>
  );
}

/** Erasing a person, with their name typed to confirm. */
export function ErasePerson({ person, onErased }: { person: { id: string; name: string }; onErased: (erasedName: string) => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [state, erase] = useMutation(ErasePersonMutation);
  const panel = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) panel.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = wasOpen.current || open;
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (state.fetching) return;
    if (!confirmsName(typed, person.name)) {
      setFieldError(`Type “${person.name}” exactly to confirm.`);
      return;
    }
    setFieldError(undefined);
    const r = await erase({ id: person.id });
    if (r.data) onErased(r.data.erasePerson.name);
  };

  if (!open) {
    return (
      <div className="form__actions">
        <button ref={opener} type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          Erase this person…
        </button>
      </div>
    );
  }
  return (
    <div ref={panel} className="notice notice--danger" role="group" aria-labelledby="erase-person-heading" tabIndex={-1}>
      <h3 id="erase-person-heading">Erase {person.name}?</h3>
      <p>This cannot be undone. It removes:</p>
      <ul>
        <li>their name (replaced by “Erased person”), email, phone and access needs;</li>
        <li>their job titles, and access needs given with invitations;</li>
        <li>their sign-ins, API tokens and calendar subscriptions (all stop working);</li>
        <li>what the change history recorded about them.</li>
      </ul>
      <p>
        What survives, without anything that identifies them: that someone was invited, replied and attended, so attendance and representation
        counts and reports stay correct. Download their data first if they asked for a copy.
      </p>
      <form className="form form--narrow" noValidate onSubmit={submit}>
        <TextField
          name="eraseConfirm"
          label={`Type their name, “${person.name}”, to confirm`}
          autoComplete="off"
          value={typed}
          error={fieldError}
          onChange={(e) => setTyped(e.target.value)}
        />
        {state.error && <ProblemMessage error={state.error} context="The person was not erased." />}
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={state.fetching}>
            {state.fetching ? 'Erasing…' : 'Erase permanently'}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setOpen(false);
              setTyped('');
              setFieldError(undefined);
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

/**
 * The data-request section of a person's page, for site admins (and the
 * person themselves); nothing for anyone else, who could not act on it.
 */
export function DataRequests({ personId }: { personId: string }) {
  const state = useViewer();
  const navigate = useNavigate();
  const allowed = state.status === 'signed-in' && (state.viewer.isAdmin || state.viewer.person.id === personId);
  const [result] = useQuery({ query: DataRequestPersonQuery, variables: { id: personId }, pause: !allowed });
  const node = result.data?.node;
  if (!allowed || node?.__typename !== 'Person') return null;
  const person = node;
  return (
    <section aria-labelledby="data-requests-heading" className="section card">
      <h2 id="data-requests-heading">Data requests</h2>
      <p>When someone asks for a copy of what is held about them, or to be forgotten.</p>
      <DownloadData person={person} label="Download their data (JSON)" />
      {person.erasedAt ? (
        <p className="muted">This person has been erased.</p>
      ) : (
        <ErasePerson
          person={person}
          onErased={(name) => {
            navigate('/people');
            flash(`${person.name} was erased. They now appear as “${name}” in counts.`);
          }}
        />
      )}
    </section>
  );
}

// "My account": calendar feed subscription (webcal:// and https://), the
// viewer's feed tokens, signed-in sessions and API tokens, each revocable.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { CreatedFeedTokenFieldsFragment } from '../../graphql/gen/graphql';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Loading, ProblemMessage } from '../../ui/Status';
import { Badge } from '../../ui/Badge';
import { DataTable } from '../../ui/DataTable';
import { TextField } from '../../ui/form';
import { formatDateTime, viewerTimeZone } from '../../lib/time';
import { activeFirst, describeUserAgent } from './tokens';
import { DownloadData } from '../people/DataRequests';

const AccountDocument = graphql(`
  query Account {
    viewer {
      currentSessionID
      person {
        id
        name
        email
      }
      feedTokens {
        id
        name
        createdAt
        lastUsedAt
        revokedAt
      }
      sessions {
        id
        createdAt
        lastSeenAt
        expiresAt
        userAgent
        ip
      }
      apiTokens {
        id
        name
        createdAt
        lastUsedAt
        revokedAt
      }
    }
  }
`);

graphql(`
  fragment CreatedFeedTokenFields on CreatedFeedToken {
    urls {
      url
      webcal
    }
    withTodos {
      url
      webcal
    }
    feedToken {
      id
      name
    }
  }
`);

const CreateFeedTokenDocument = graphql(`
  mutation CreateFeedToken($name: String!) {
    createFeedToken(name: $name) {
      ...CreatedFeedTokenFields
    }
  }
`);

const RevokeFeedTokenDocument = graphql(`
  mutation RevokeFeedToken($id: ID!) {
    revokeFeedToken(id: $id) {
      id
      revokedAt
    }
  }
`);

const RevokeSessionDocument = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

const SignOutEverywhereDocument = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere
  }
`);

const CreateAPITokenDocument = graphql(`
  mutation CreateApiToken($name: String!) {
    createAPIToken(name: $name) {
      token
      apiToken {
        id
        name
      }
    }
  }
`);

const RevokeAPITokenDocument = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeAPIToken(id: $id) {
      id
      revokedAt
    }
  }
`);

export function AccountPage() {
  const [result, refetch] = useQuery({ query: AccountDocument });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const viewer = result.data?.viewer;

  if (!viewer) {
    if (result.error) {
      return (
        <>
          <PageHeader title="My account" />
          <ProblemMessage error={result.error} context="Could not load your account." onRetry={reload} />
        </>
      );
    }
    if (result.data) {
      return (
        <>
          <PageHeader title="My account" />
          <EmptyState title="You are not signed in.">
            <p>Sign in to see your account.</p>
          </EmptyState>
        </>
      );
    }
    return (
      <>
        <PageHeader title="My account" />
        <Loading label="Loading your account…" />
      </>
    );
  }

  return (
    <>
      <PageHeader title="My account">
        <p className="lead">
          Signed in as {viewer.person.name}
          {viewer.person.email ? ` (${viewer.person.email})` : ''}.
        </p>
      </PageHeader>
      <CalendarFeeds tokens={viewer.feedTokens} onChange={reload} />
      <Sessions sessions={viewer.sessions} current={viewer.currentSessionID ?? null} onChange={reload} />
      <ApiTokens tokens={viewer.apiTokens} onChange={reload} />
      <Section id="my-data" title="My data">
        <p>Everything Convene holds about you (profile, invitations, attendance, actions and sign-ins), as a JSON file.</p>
        <DownloadData person={viewer.person} label="Download my data" />
      </Section>
    </>
  );
}

type Token = { id: string; name: string; createdAt: string; lastUsedAt?: string | null; revokedAt?: string | null };

function when(iso: string | null | undefined): string {
  return iso ? formatDateTime(iso, viewerTimeZone()) : 'Never';
}

/** A read-only address with a Copy button (falls back to selecting it). */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    const input = document.getElementById(id) as HTMLInputElement | null;
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied.');
    } catch {
      input?.select();
      setCopied('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-field">
        <input id={id} className="input input--mono" readOnly value={value} onFocus={(e) => e.target.select()} />
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          Copy{" "}<span className="visually-hidden">{label}</span>
        </button>
      </div>
      <p role="status" className="field__note">
        {copied}
      </p>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="section card">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

function CalendarFeeds({ tokens, onChange }: { tokens: readonly Token[]; onChange: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [created, setCreated] = useState<CreatedFeedTokenFieldsFragment | null>(null);
  const [createState, create] = useMutation(CreateFeedTokenDocument);
  const [revokeState, revoke] = useMutation(RevokeFeedTokenDocument);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Name the feed after where you will use it, for example “work phone”.');
      return;
    }
    setError(undefined);
    const r = await create({ name: name.trim() });
    if (r.data) {
      setCreated(r.data.createFeedToken as CreatedFeedTokenFieldsFragment);
      setName('');
      onChange();
    }
  };

  return (
    <Section id="feeds" title="Subscribe to my calendar">
      <p>
        Your invitations can appear in your own calendar app and stay up to date. Each subscription has its own private address: name it after
        where you use it, so you can revoke just that one if it leaks.
      </p>
      <form className="form form--narrow" onSubmit={submit} noValidate>
        <TextField name="feedName" label="Name this subscription" hint="For example “work phone” or “home laptop”." value={name} error={error} onChange={(e) => setName(e.target.value)} />
        {createState.error && <ProblemMessage error={createState.error} context="The subscription was not created." />}
        <div className="form__actions">
          <button type="submit" className="button" disabled={createState.fetching}>
            {createState.fetching ? 'Creating…' : 'Create calendar subscription'}
          </button>
        </div>
      </form>

      {created && (
        <div className="notice feed-created" role="region" aria-labelledby="feed-created-heading">
          <h3 id="feed-created-heading">Your calendar address for “{created.feedToken.name}”</h3>
          <p>This address is shown once. Keep it private: anyone with it can see your invitations.</p>
          <p>
            <a className="button" href={created.urls.webcal}>
              Open in my calendar app
            </a>
          </p>
          <CopyField id="feed-https-url" label="Calendar address (https)" value={created.urls.url} />
          <CopyField id="feed-todos-url" label="With my open actions as to-dos" value={created.withTodos.url} />
          <h4>How to add it</h4>
          <ul className="instructions">
            <li>
              <strong>Google Calendar</strong>: on a computer, open Google Calendar, next to “Other calendars” choose <em>+</em> then <em>From URL</em>,
              paste the https address and choose <em>Add calendar</em>.
            </li>
            <li>
              <strong>Outlook</strong>: choose <em>Add calendar</em>, then <em>Subscribe from web</em>, paste the https address and choose{' '}
              <em>Import</em>. In the Windows app, the “Open in my calendar app” button also works.
            </li>
            <li>
              <strong>Apple Calendar</strong> (Mac, iPhone, iPad): choose “Open in my calendar app”, or choose <em>File → New Calendar Subscription</em>{' '}
              and paste the address.
            </li>
            <li>
              <strong>Thunderbird</strong>: choose “Open in my calendar app”, or <em>New Calendar → On the Network</em> and paste the https address.
            </li>
          </ul>
          <p className="muted">Calendar apps check for changes every few hours, Google sometimes only once a day.</p>
        </div>
      )}

      <h3>Your subscriptions</h3>
      {revokeState.error && <ProblemMessage error={revokeState.error} context="The subscription was not revoked." />}
      {tokens.length === 0 ? (
        <EmptyState title="You have no calendar subscriptions yet." />
      ) : (
        <TokenTable caption="Calendar subscriptions" tokens={tokens} noun="subscription" onRevoke={async (id) => (await revoke({ id }), onChange())} busy={revokeState.fetching} />
      )}
    </Section>
  );
}

function TokenTable({
  caption,
  tokens,
  noun,
  onRevoke,
  busy,
}: {
  caption: string;
  tokens: readonly Token[];
  noun: string;
  onRevoke: (id: string) => Promise<void>;
  busy: boolean;
}) {
  return (
    <DataTable
      caption={caption}
      rows={activeFirst(tokens)}
      rowKey={(t) => t.id}
      columns={[
        { header: 'Name', cell: (t) => t.name },
        { header: 'Created', cell: (t) => when(t.createdAt) },
        { header: 'Last used', cell: (t) => when(t.lastUsedAt) },
        {
          header: 'Status',
          cell: (t) =>
            t.revokedAt ? (
              <Badge tone="neutral">Revoked {when(t.revokedAt)}</Badge>
            ) : (
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => {
                  if (window.confirm(`Revoke the ${noun} “${t.name}”? Anything using it stops working at once.`)) void onRevoke(t.id);
                }}
              >
                Revoke{" "}<span className="visually-hidden">{t.name}</span>
              </button>
            ),
        },
      ]}
    />
  );
}

type SessionRow = { id: string; createdAt: string; lastSeenAt?: string | null; expiresAt: string; userAgent?: string | null; ip?: string | null };

function Sessions({ sessions, current, onChange }: { sessions: readonly SessionRow[]; current: string | null; onChange: () => void }) {
  const [state, revoke] = useMutation(RevokeSessionDocument);
  return (
    <Section id="sessions" title="Where you are signed in">
      {state.error && <ProblemMessage error={state.error} context="The session was not ended." />}
      {sessions.length === 0 ? (
        <EmptyState title="No open sessions." />
      ) : (
        <DataTable
          caption="Signed-in browsers"
          rows={[...sessions]}
          rowKey={(s) => s.id}
          columns={[
            {
              header: 'Browser',
              cell: (s) => (
                <>
                  {describeUserAgent(s.userAgent)} {s.id === current && <Badge tone="info">This browser</Badge>}
                  {s.ip && <span className="cell-note">{s.ip}</span>}
                </>
              ),
            },
            { header: 'Signed in', cell: (s) => when(s.createdAt) },
            { header: 'Last active', cell: (s) => when(s.lastSeenAt) },
            {
              header: 'End',
              cell: (s) =>
                s.id === current ? (
                  <span className="muted">Use “Sign out”</span>
                ) : (
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={state.fetching}
                    onClick={async () => {
                      await revoke({ id: s.id });
                      onChange();
                    }}
                  >
                    Sign out{" "}<span className="visually-hidden">{describeUserAgent(s.userAgent)} signed in {when(s.createdAt)}</span>
                  </button>
                ),
            },
          ]}
        />
      )}
      <SignOutEverywhere />
    </Section>
  );
}

/**
 * Ends every session, this one included, after a confirmation step; then
 * reloads, which lands on the sign-in page.
 */
export function SignOutEverywhere({ afterSignOut = () => window.location.assign('/') }: { afterSignOut?: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [state, signOutAll] = useMutation(SignOutEverywhereDocument);
  const panel = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    // Focus follows the step: into the question, and back to the button on "Cancel".
    if (confirming) panel.current?.focus();
    else if (opened.current) opener.current?.focus();
    opened.current = opened.current || confirming;
  }, [confirming]);

  const confirm = async () => {
    const r = await signOutAll({});
    if (!r.error) afterSignOut();
  };

  if (!confirming) {
    return (
      <div className="form__actions">
        <button ref={opener} type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </button>
      </div>
    );
  }
  return (
    <div ref={panel} className="notice notice--danger" role="group" aria-labelledby="sign-out-everywhere-heading" tabIndex={-1}>
      <h3 id="sign-out-everywhere-heading">Sign out everywhere?</h3>
      <p>
        This ends every session: each browser and device where you are signed in, this one included. To come back you will need a new sign-in
        link. Calendar subscriptions and API tokens keep working; revoke them on this page if you need to.
      </p>
      {state.error && <ProblemMessage error={state.error} context="You were not signed out." />}
      <div className="form__actions">
        <button type="button" className="button" disabled={state.fetching} onClick={() => void confirm()}>
          {state.fetching ? 'Signing out…' : 'Yes, sign out everywhere'}
        </button>
        <button type="button" className="button button--secondary" disabled={state.fetching} onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function ApiTokens({ tokens, onChange }: { tokens: readonly Token[]; onChange: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [createState, create] = useMutation(CreateAPITokenDocument);
  const [revokeState, revoke] = useMutation(RevokeAPITokenDocument);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Name the token after what will use it, for example “reporting script”.');
      return;
    }
    setError(undefined);
    const r = await create({ name: name.trim() });
    if (r.data) {
      setSecret({ name: r.data.createAPIToken.apiToken.name, token: r.data.createAPIToken.token });
      setName('');
      onChange();
    }
  };
  return (
    <Section id="api-tokens" title="API tokens">
      <p>For scripts and other tools using the GraphQL API: send the token as <code>Authorization: Bearer …</code>.</p>
      <form className="form form--narrow" onSubmit={submit} noValidate>
        <TextField name="apiTokenName" label="Token name" value={name} error={error} onChange={(e) => setName(e.target.value)} />
        {createState.error && <ProblemMessage error={createState.error} context="The token was not created." />}
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={createState.fetching}>
            Create API token
          </button>
        </div>
      </form>
      {secret && (
        <div className="notice">
          <p>The token “{secret.name}” is shown this once only: copy it now.</p>
          <CopyField id="api-token-secret" label="API token" value={secret.token} />
        </div>
      )}
      {revokeState.error && <ProblemMessage error={revokeState.error} context="The token was not revoked." />}
      {tokens.length === 0 ? (
        <EmptyState title="You have no API tokens." />
      ) : (
        <TokenTable caption="API tokens" tokens={tokens} noun="API token" onRevoke={async (id) => (await revoke({ id }), onChange())} busy={revokeState.fetching} />
      )}
    </Section>
  );
}

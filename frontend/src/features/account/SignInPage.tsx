import { useState, type FormEvent } from 'react';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorSummary, TextField, collectErrors, useSummaryFocus, type FieldErrors } from '../../ui/form';
import { describeError, type ErrorLike, type ProblemDescription } from '../../graphql/errors';

type Sent = { kind: 'link'; message: string } | null;

/** POSTs JSON to a sign-in endpoint; returns a problem or null on success. */
async function post(path: string, body: Record<string, string>): Promise<{ problem: ProblemDescription | null; json: unknown }> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (e) {
    return { problem: describeError({ networkError: e as Error }), json: null };
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return { problem: null, json };
  const errors = (json as { errors?: ErrorLike['graphQLErrors'] } | null)?.errors;
  return { problem: describeError(errors?.length ? { graphQLErrors: errors } : { response: { status: res.status } }), json };
}

/**
 * Sign in by emailed link (everyone) or password (those who set one). On
 * success the page reloads at the address asked for, so every screen starts
 * from the new session.
 */
export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [usePassword, setUsePassword] = useState(false);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemDescription | null>(null);
  const [sent, setSent] = useState<Sent>(null);
  const [busy, setBusy] = useState(false);
  const fields = usePassword ? ['email', 'password'] : ['email'];
  const { byField, items } = collectErrors(fields, clientErrors, problem);
  const [summaryFocus, requestSummaryFocus] = useSummaryFocus();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const errors: FieldErrors = {};
    if (!email.trim() || !email.includes('@')) errors.email = 'Enter the email address you were invited with, like name@example.org.';
    if (usePassword && !password) errors.password = 'Enter your password.';
    setClientErrors(errors);
    setProblem(null);
    if (Object.keys(errors).length) return requestSummaryFocus();
    setBusy(true);
    const body: Record<string, string> = usePassword ? { email: email.trim(), password } : { email: email.trim() };
    const { problem: p, json } = await post(usePassword ? '/auth/password' : '/auth/magic-link', body);
    setBusy(false);
    if (p) {
      // A wrong password comes back as UNAUTHENTICATED: say so plainly.
      if (p.code === 'UNAUTHENTICATED') {
        setProblem({ ...p, title: 'Those details did not match an account.', action: 'Check the email and password, or ask for a sign-in link instead.' });
      } else setProblem(p);
      return requestSummaryFocus();
    }
    if (usePassword) {
      window.location.assign(window.location.pathname + window.location.search);
      return;
    }
    const message = (json as { message?: string } | null)?.message ?? 'If that address is registered, a sign-in link is on its way.';
    setSent({ kind: 'link', message });
  }

  if (sent) {
    return (
      <>
        <PageHeader title="Check your email" />
        <div className="notice" role="status">
          <p>{sent.message}</p>
          <p>The link works once and expires in 15 minutes. You can close this tab.</p>
        </div>
        <p>
          <button type="button" className="button button--link" onClick={() => setSent(null)}>
            Use a different email address
          </button>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Sign in to Convene">
        <p className="lead">Convene holds the partnership’s forums, workshops, actions and commitments. Sign in to see them.</p>
      </PageHeader>
      <form className="form form--narrow" noValidate onSubmit={onSubmit} aria-busy={busy}>
        <ErrorSummary focusToken={summaryFocus} items={items} problem={problem?.code === 'BAD_USER_INPUT' ? null : problem} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={byField.email}
        />
        {usePassword && (
          <TextField
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={byField.password}
          />
        )}
        <div className="form__actions">
          <button type="submit" className="button">
            {busy ? 'Please wait…' : usePassword ? 'Sign in' : 'Email me a sign-in link'}
          </button>
          <button type="button" className="button button--link" onClick={() => setUsePassword((u) => !u)}>
            {usePassword ? 'Email me a link instead' : 'Use a password instead'}
          </button>
        </div>
      </form>
    </>
  );
}

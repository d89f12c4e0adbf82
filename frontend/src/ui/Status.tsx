import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeError, type ErrorLike } from '../graphql/errors';

/** A polite "loading" message (announced once, not a bare spinner). */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="status status--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** What an empty list means, and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children && <div className="empty-state__body">{children}</div>}
    </div>
  );
}

interface ProblemProps {
  error: ErrorLike | CombinedError | null | undefined;
  /** Offered when trying again could work (network, internal errors). */
  onRetry?: () => void;
  /** Overrides the generic title, e.g. "Could not load the events." */
  context?: string;
}

/** An error that says what happened and what to do next. */
export function ProblemMessage({ error, onRetry, context }: ProblemProps) {
  const p = describeError(error);
  if (!p) return null;
  return (
    <div className="problem" role="alert">
      <p className="problem__title">{context ? `${context} ${p.title}` : p.title}</p>
      {p.messages.length > 0 && (
        <ul className="problem__messages">
          {p.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <p className="problem__action">{p.action}</p>
      {p.reference && (
        <p className="problem__reference">
          Reference: <code>{p.reference}</code>
        </p>
      )}
      {onRetry && p.retryable && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

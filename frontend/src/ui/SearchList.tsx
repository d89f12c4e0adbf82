// "Search a list and pick": a labelled search box over a list, with the
// loading, error, empty and no-match states, and three ways to pick —
// tick several (checkboxes in a fieldset), choose one (a button per row),
// or rows that render their own actions (the door's "Check in").
// The caller filters or fetches; this only shows.
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import type { ErrorLike } from '../graphql/errors';
import { EmptyState, Loading, ProblemMessage } from './Status';

/** Tick several: each row is a checkbox labelled with label(item). */
export interface PickMany<T> {
  mode: 'many';
  /** The fieldset's legend. */
  legend: string;
  label: (item: T) => string;
  isPicked: (item: T) => boolean;
  onToggle: (item: T, picked: boolean) => void;
  /** A message about the picking (e.g. "Choose at least one"), announced. */
  error?: string | null | undefined;
}

/** Choose one: each row is a button; its accessible name is actionLabel(item). */
export interface PickOne<T> {
  mode: 'one';
  label: (item: T) => string;
  /** Extra text under the label (an email, an organisation). */
  note?: (item: T) => ReactNode;
  /** Defaults to "Choose <label>". */
  actionLabel?: (item: T) => string;
  onPick: (item: T) => void;
}

export interface SearchListProps<T> {
  /** The search box's id (and the prefix of row control ids). */
  id: string;
  /** The search box's label. */
  label: string;
  hint?: ReactNode;
  /** An error about this search field (e.g. "Choose someone"), tied to the box. */
  fieldError?: string | undefined;
  query: string;
  onQueryChange: (query: string) => void;
  /** False hides the search box (a short fixed list). */
  searchable?: boolean;
  items: readonly T[];
  itemKey: (item: T) => string;
  /** How to pick; or renderItem for rows with their own controls. */
  pick?: PickMany<T> | PickOne<T>;
  renderItem?: (item: T) => ReactNode;
  itemClassName?: (item: T) => string;
  /** Class of the <ul>; "search-list__items" always applies. */
  listClassName?: string;
  /** The list's accessible name (e.g. "3 of 40 people"). */
  listLabel?: string;
  fetching?: boolean;
  loadingLabel?: string;
  error?: ErrorLike | CombinedError | null | undefined;
  errorContext?: string;
  onRetry?: () => void;
  /** Shown when the list is empty and nothing is typed. */
  empty?: ReactNode;
  /** Shown when what is typed matches nothing; defaults to “Nothing matches …”. */
  noMatch?: ReactNode;
  /** Shown between the search box and the list (a live status, a mutation's error). */
  children?: ReactNode;
  /** Autofocus the search box (a panel that just opened). */
  autoFocus?: boolean;
}

export function SearchList<T>(props: SearchListProps<T>) {
  const { id, label, hint, fieldError, query, onQueryChange, searchable = true, pick, children } = props;
  const describedBy = [hint ? `${id}-hint` : null, fieldError ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const body = <SearchListBody {...props} />;
  return (
    <div className="search-list">
      {searchable && (
        <div className={`field${fieldError ? ' field--error' : ''}`}>
          <label className="field__label" htmlFor={id}>
            {label}
          </label>
          {hint && (
            <div className="field__hint" id={`${id}-hint`}>
              {hint}
            </div>
          )}
          {fieldError && (
            <p className="field__error" id={`${id}-error`}>
              <span className="visually-hidden">Error: </span>
              {fieldError}
            </p>
          )}
          <input
            id={id}
            type="search"
            className="input"
            autoComplete="off"
            value={query}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onQueryChange(e.target.value)}
            autoFocus={props.autoFocus}
          />
        </div>
      )}
      {children}
      {pick?.mode === 'many' ? (
        <fieldset className="field fieldset">
          <legend className="field__label">{pick.legend}</legend>
          {pick.error && (
            <p className="field__error" role="alert">
              {pick.error}
            </p>
          )}
          {body}
        </fieldset>
      ) : (
        body
      )}
    </div>
  );
}

function SearchListBody<T>({
  id,
  query,
  items,
  itemKey,
  pick,
  renderItem,
  itemClassName,
  listClassName,
  listLabel,
  fetching,
  loadingLabel = 'Searching…',
  error,
  errorContext = 'Could not search.',
  onRetry,
  empty,
  noMatch,
}: SearchListProps<T>) {
  if (fetching && items.length === 0) return <Loading label={loadingLabel} />;
  if (error) return <ProblemMessage error={error} context={errorContext} {...(onRetry ? { onRetry } : {})} />;
  if (items.length === 0) {
    if (!query.trim()) return <>{empty ?? null}</>;
    return <>{noMatch ?? <EmptyState title={`Nothing matches “${query.trim()}”.`} />}</>;
  }
  const rowId = (item: T) => `${id}-${itemKey(item)}`;
  return (
    <ul className={`search-list__items ${listClassName ?? ''}`.trim()} aria-label={listLabel}>
      {items.map((item) => (
        <li key={itemKey(item)} className={itemClassName?.(item)}>
          {pick?.mode === 'many' ? (
            <div className="checkbox">
              <input type="checkbox" id={rowId(item)} checked={pick.isPicked(item)} onChange={(e) => pick.onToggle(item, e.target.checked)} />
              <label htmlFor={rowId(item)}>{pick.label(item)}</label>
            </div>
          ) : pick?.mode === 'one' ? (
            <button
              type="button"
              className="search-list__pick"
              aria-label={pick.actionLabel ? pick.actionLabel(item) : `Choose ${pick.label(item)}`}
              onClick={() => pick.onPick(item)}
            >
              <span className="strong">{pick.label(item)}</span>
              {pick.note && <span className="cell-note">{pick.note(item)}</span>}
            </button>
          ) : (
            renderItem?.(item)
          )}
        </li>
      ))}
    </ul>
  );
}

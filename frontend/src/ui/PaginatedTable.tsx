import type { ReactNode } from 'react';
import type { Paginated } from '../graphql/usePaginated';
import { DataTable, type Column } from './DataTable';
import { EmptyState, Loading, ProblemMessage } from './Status';

/**
 * A filter applied in the browser to the rows loaded so far, for filters
 * the API does not offer. The count line says how much has been checked.
 */
export interface ClientFilter<T> {
  keep: (row: T) => boolean;
  /** "in this group" → "Showing 4 people in this group, from the first 50 of 61." */
  description: string;
}

interface Props<T> {
  page: Paginated<T, unknown>;
  caption: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  /** Plural noun for counts: "organisations". */
  noun: string;
  /** Shown when the list is empty. */
  empty: { title: string; body?: ReactNode };
  /** Rendered below the table once every page is loaded (e.g. totals). */
  footer?: ReactNode;
  clientFilter?: ClientFilter<T> | undefined;
}

/** A connection-backed table with loading, empty and error states and "Load more". */
export function PaginatedTable<T>({ page, caption, columns, rowKey, rowClassName, noun, empty, footer, clientFilter }: Props<T>) {
  if (page.loading) return <Loading label={`Loading ${noun}…`} />;
  if (page.error && page.nodes.length === 0) {
    return <ProblemMessage error={page.error} onRetry={page.retry} context={`Could not load the ${noun}.`} />;
  }
  const rows = clientFilter ? page.nodes.filter(clientFilter.keep) : page.nodes;
  const more = page.hasNextPage && (
    <div className="paginated__more">
      <button
        type="button"
        className="button button--secondary"
        // aria-disabled, not disabled: a disabled button would drop keyboard focus.
        aria-disabled={page.fetchingMore}
        onClick={() => {
          if (!page.fetchingMore) page.loadMore();
        }}
      >
        {page.fetchingMore ? 'Loading…' : clientFilter ? `Check more ${noun}` : `Load more ${noun}`}
      </button>
    </div>
  );
  const count = clientFilter
    ? `Showing ${rows.length} ${noun} ${clientFilter.description}, from ${page.hasNextPage ? `the first ${page.nodes.length} of ${page.totalCount}` : `all ${page.totalCount}`}`
    : `Showing ${page.nodes.length} of ${page.totalCount} ${noun}`;

  if (rows.length === 0 && !page.hasNextPage) {
    return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  }
  return (
    <div className="paginated">
      <p className="paginated__count" aria-live="polite">
        {count}
      </p>
      {rows.length > 0 && <DataTable caption={caption} columns={columns} rows={rows} rowKey={rowKey} rowClassName={rowClassName} />}
      {page.error && <ProblemMessage error={page.error} onRetry={page.retry} context={`Could not load more ${noun}.`} />}
      {more || footer}
    </div>
  );
}

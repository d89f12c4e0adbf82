// Cursor pagination over a Relay connection with "Load more": the query is
// re-run with `after` set to the last end cursor, and graphcache's
// relayPagination() merges the pages, so the result always holds every
// page loaded so far. Changing any other variable (a filter) starts again.
import { useMemo, useRef, useState } from 'react';
import { useQuery, type AnyVariables, type CombinedError } from 'urql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export interface ConnectionLike<TNode> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges?: ReadonlyArray<{ node?: TNode | null } | null> | null;
}

export interface Paginated<TNode, TData> {
  nodes: TNode[];
  totalCount: number;
  hasNextPage: boolean;
  /** First page loading, nothing to show yet. */
  loading: boolean;
  /** A further page (or a refresh) is on its way. */
  fetchingMore: boolean;
  error: CombinedError | undefined;
  data: TData | undefined;
  loadMore: () => void;
  retry: () => void;
}

export const PAGE_SIZE = 25;

/** Collects the non-null nodes of a connection. */
export function nodesOf<TNode>(connection: { edges?: ReadonlyArray<{ node?: TNode | null } | null> | null } | null | undefined): TNode[] {
  const out: TNode[] = [];
  for (const edge of connection?.edges ?? []) {
    if (edge?.node) out.push(edge.node);
  }
  return out;
}

export function usePaginated<TData, TVars extends AnyVariables & { first?: number | null; after?: string | null }, TNode>(
  query: TypedDocumentNode<TData, TVars>,
  variables: Omit<TVars, 'first' | 'after'>,
  pick: (data: TData) => ConnectionLike<TNode> | null | undefined,
  options: { pageSize?: number; pause?: boolean } = {},
): Paginated<TNode, TData> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const key = JSON.stringify(variables);
  const [cursor, setCursor] = useState<{ key: string; after: string | null }>({ key, after: null });
  const after = cursor.key === key ? cursor.after : null;
  const vars = useMemo(
    () => ({ ...JSON.parse(key), first: pageSize, after }) as TVars,
    [key, pageSize, after],
  );
  const [result, reexecute] = useQuery<TData, TVars>({ query, variables: vars, pause: options.pause ?? false });

  // While the next page is fetched the merged result may be briefly
  // unavailable; keep showing what was there for the same filters.
  // (urql reports a cache miss or a failed query as data null or undefined.)
  const last = useRef<{ key: string; data: TData } | null>(null);
  if (result.data != null) last.current = { key, data: result.data };
  const data: TData | undefined = result.data ?? (last.current?.key === key ? last.current.data : undefined);

  const connection = data != null ? pick(data) : undefined;
  const nodes = nodesOf(connection);
  return {
    nodes,
    totalCount: connection?.totalCount ?? nodes.length,
    hasNextPage: connection?.pageInfo.hasNextPage ?? false,
    loading: data === undefined && (result.fetching || !result.error),
    fetchingMore: data !== undefined && result.fetching,
    error: result.error,
    data,
    loadMore: () => {
      const end = connection?.pageInfo.endCursor;
      if (end && connection?.pageInfo.hasNextPage) setCursor({ key, after: end });
    },
    retry: () => reexecute({ requestPolicy: 'network-only' }),
  };
}

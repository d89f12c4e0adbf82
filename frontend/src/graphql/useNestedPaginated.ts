// "Load more" over a connection nested under a node (e.g. an organisation's
// memberships). graphcache merges pages only for root lists (client.ts,
// PAGINATED), so here the first page comes from the cache as usual and
// further pages are fetched on demand and appended locally. `refresh()`
// (after a write) drops the extra pages and asks the server again.
import { useCallback, useMemo, useState } from 'react';
import { createRequest, useClient, useQuery, type AnyVariables, type CombinedError } from 'urql';
import { pipe, take, toPromise } from 'wonka';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { PAGE_SIZE, nodesOf, type ConnectionLike, type Paginated } from './usePaginated';

export interface NestedPaginated<TNode, TData> extends Paginated<TNode, TData> {
  /** Reloads from the first page, past the cache (after adding or removing a row). */
  refresh: () => void;
}

interface Extra<TNode> {
  key: string;
  nodes: TNode[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export function useNestedPaginated<TData, TVars extends AnyVariables & { first?: number | null; after?: string | null }, TNode>(
  query: TypedDocumentNode<TData, TVars>,
  variables: Omit<TVars, 'first' | 'after'>,
  pick: (data: TData) => ConnectionLike<TNode> | null | undefined,
  options: { pageSize?: number; pause?: boolean } = {},
): NestedPaginated<TNode, TData> {
  const client = useClient();
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const key = JSON.stringify(variables);
  const vars = useMemo(() => ({ ...JSON.parse(key), first: pageSize, after: null }) as TVars, [key, pageSize]);
  const [result, reexecute] = useQuery<TData, TVars>({ query, variables: vars, pause: options.pause ?? false });
  const [extra, setExtra] = useState<Extra<TNode> | null>(null);
  const [more, setMore] = useState<{ fetching: boolean; error: CombinedError | undefined }>({ fetching: false, error: undefined });

  const first = result.data != null ? pick(result.data) : undefined;
  const own = extra?.key === key ? extra : null;
  const seen = new Set<unknown>();
  const nodes: TNode[] = [];
  for (const n of [...nodesOf(first), ...(own?.nodes ?? [])]) {
    const id = (n as { id?: unknown }).id ?? n;
    if (seen.has(id)) continue;
    seen.add(id);
    nodes.push(n);
  }
  const endCursor = own ? own.endCursor : (first?.pageInfo.endCursor ?? null);
  const hasNextPage = own ? own.hasNextPage : (first?.pageInfo.hasNextPage ?? false);

  const refresh = useCallback(() => {
    setExtra(null);
    setMore({ fetching: false, error: undefined });
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);

  return {
    nodes,
    totalCount: first?.totalCount ?? nodes.length,
    hasNextPage,
    loading: result.data == null && (result.fetching || !result.error),
    fetchingMore: more.fetching || (result.data != null && result.fetching),
    error: more.error ?? result.error,
    data: result.data,
    loadMore: () => {
      if (!endCursor || !hasNextPage || more.fetching) return;
      setMore({ fetching: true, error: undefined });
      void pipe(client.executeQuery(createRequest(query, { ...vars, after: endCursor } as TVars), { requestPolicy: 'network-only' }), take(1), toPromise)
        .then((r) => {
          const page = r.data != null ? pick(r.data) : undefined;
          if (!page) {
            setMore({ fetching: false, error: r.error });
            return;
          }
          setExtra((prev) => ({
            key,
            nodes: [...(prev?.key === key ? prev.nodes : []), ...nodesOf(page)],
            endCursor: page.pageInfo.endCursor ?? null,
            hasNextPage: page.pageInfo.hasNextPage,
          }));
          setMore({ fetching: false, error: undefined });
        });
    },
    retry: refresh,
    refresh,
  };
}

// Choosing a person or an organisation: a Combobox that searches the server
// by name (entgql's nameContainsFold, debounced), pages through the matches
// ("Show more matches"), and shows the chosen one's name — looked up by id
// when the caller only has the id (a URL filter, a saved record).
import { useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../graphql/gen';
import { usePaginated } from '../graphql/usePaginated';
import { useDebounced } from '../lib/useDebounced';
import { Combobox, type ComboOption } from './Combobox';

const PickPeopleQuery = graphql(`
  query PickPeople($first: Int, $after: Cursor, $where: PersonWhereInput) {
    people(first: $first, after: $after, where: $where, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const PickOrganisationsQuery = graphql(`
  query PickOrganisations($first: Int, $after: Cursor, $where: OrganisationWhereInput) {
    organisations(first: $first, after: $after, where: $where, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const PickedNameQuery = graphql(`
  query PickedName($id: ID!) {
    node(id: $id) {
      __typename
      ... on Person {
        id
        name
      }
      ... on Organisation {
        id
        name
      }
    }
  }
`);

export const PICKER_PAGE_SIZE = 20;
/** Typing pauses this long before the server is asked. */
export const PICKER_DEBOUNCE_MS = 250;

export interface EntityPickerProps {
  kind: 'person' | 'organisation';
  name: string;
  label: string;
  variant?: 'field' | 'filter';
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  /** The chosen id, "" for none. */
  value: string;
  /** The chosen one's name when the caller has it (e.g. editing a saved record); otherwise it is looked up. */
  valueName?: string | null;
  onChange: (id: string, name: string) => void;
  placeholder?: string;
}

export function EntityPicker({ kind, value, valueName, onChange, placeholder, ...field }: EntityPickerProps) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), PICKER_DEBOUNCE_MS);
  // Names of options chosen here, so a choice needs no lookup.
  const [picked, setPicked] = useState<ComboOption | null>(null);

  const typing = search.trim() !== settled;
  const where = settled ? { nameContainsFold: settled } : {};
  // Nothing is asked until the list is first opened, nor while typing goes on.
  const people = usePaginated(PickPeopleQuery, { where }, (d) => d.people, { pageSize: PICKER_PAGE_SIZE, pause: !open || typing || kind !== 'person' });
  const orgs = usePaginated(PickOrganisationsQuery, { where }, (d) => d.organisations, { pageSize: PICKER_PAGE_SIZE, pause: !open || typing || kind !== 'organisation' });
  const page = kind === 'person' ? people : orgs;

  const known = value && picked?.id === value ? picked.label : valueName;
  const [named] = useQuery({ query: PickedNameQuery, variables: { id: value }, pause: !value || known != null });
  const node = named.data?.node;
  const lookedUp = node && (node.__typename === 'Person' || node.__typename === 'Organisation') && node.id === value ? node.name : null;
  const selected: ComboOption | null = value ? { id: value, label: known ?? lookedUp ?? '' } : null;

  return (
    <Combobox
      {...field}
      placeholder={value && selected?.label === '' ? (named.error ? 'Unknown or hidden' : 'Loading…') : placeholder}
      selected={selected}
      onSelect={(o) => {
        setPicked(o);
        onChange(o?.id ?? '', o?.label ?? '');
      }}
      onSearch={(text) => {
        setOpen(true);
        setSearch(text);
      }}
      options={page.nodes.map((n) => ({ id: n.id, label: n.name }))}
      searching={typing || page.loading || page.fetchingMore}
      failed={Boolean(page.error) && !page.loading}
      totalCount={page.totalCount}
      hasMore={page.hasNextPage}
      onLoadMore={page.loadMore}
    />
  );
}

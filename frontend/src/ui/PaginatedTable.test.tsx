// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PaginatedTable } from './PaginatedTable';
import type { Paginated } from '../graphql/usePaginated';

type Row = { id: string; name: string };

function page(over: Partial<Paginated<Row, unknown>>): Paginated<Row, unknown> {
  return {
    nodes: [],
    totalCount: 0,
    hasNextPage: false,
    loading: false,
    fetchingMore: false,
    error: undefined,
    data: {},
    loadMore: vi.fn(),
    retry: vi.fn(),
    ...over,
  };
}

const columns = [{ header: 'Name', cell: (r: Row) => r.name }];

describe('PaginatedTable', () => {
  it('announces loading', () => {
    render(<PaginatedTable page={page({ loading: true, data: undefined })} caption="Orgs" columns={columns} rowKey={(r) => r.id} noun="organisations" empty={{ title: 'None' }} />);
    expect(screen.getByRole('status').textContent).toContain('Loading organisations');
  });

  it('explains an empty list', () => {
    render(<PaginatedTable page={page({})} caption="Orgs" columns={columns} rowKey={(r) => r.id} noun="organisations" empty={{ title: 'No organisations yet.', body: <p>Add one.</p> }} />);
    expect(screen.getByText('No organisations yet.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows rows with a count, and loads more on request', async () => {
    const p = page({ nodes: [{ id: '1', name: 'Northgate Mind' }], totalCount: 2, hasNextPage: true });
    render(<PaginatedTable page={p} caption="Orgs" columns={columns} rowKey={(r) => r.id} noun="organisations" empty={{ title: 'None' }} />);
    expect(screen.getByRole('table', { name: 'Orgs' })).toBeTruthy();
    expect(screen.getByRole('cell').textContent).toBe('Northgate Mind');
    expect(screen.getByText('Showing 1 of 2 organisations')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Load more organisations' }));
    expect(p.loadMore).toHaveBeenCalledOnce();
  });

  it('says what to do when loading failed', () => {
    const error = { graphQLErrors: [{ message: 'sign in to see this', extensions: { code: 'UNAUTHENTICATED' } }] };
    render(<PaginatedTable page={page({ data: undefined, error: error as never })} caption="Orgs" columns={columns} rowKey={(r) => r.id} noun="organisations" empty={{ title: 'None' }} />);
    expect(screen.getByRole('alert').textContent).toMatch(/Could not load the organisations\. You need to sign in/);
  });

  it('filters loaded rows in the browser when asked, saying how much was checked', () => {
    const p = page({ nodes: [{ id: '1', name: 'A' }, { id: '2', name: 'B' }], totalCount: 5, hasNextPage: true });
    render(
      <PaginatedTable
        page={p}
        caption="People"
        columns={columns}
        rowKey={(r) => r.id}
        noun="people"
        empty={{ title: 'None' }}
        clientFilter={{ keep: (r) => r.name === 'B', description: 'in this group' }}
      />,
    );
    expect(screen.getByText('Showing 1 people in this group, from the first 2 of 5')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check more people' })).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SearchList } from './SearchList';

type Item = { id: string; name: string };
const items: Item[] = [
  { id: 'a', name: 'Amir Khan' },
  { id: 'b', name: 'Bea Lowe' },
];

/** A SearchList over a fixed list, filtered as you type. */
function Filtered({ onPick }: { onPick: (i: Item) => void }) {
  const [q, setQ] = useState('');
  const shown = items.filter((i) => i.name.toLowerCase().includes(q.toLowerCase()));
  return (
    <SearchList
      id="s"
      label="Search people"
      query={q}
      onQueryChange={setQ}
      items={shown}
      itemKey={(i) => i.id}
      listLabel={`${shown.length} people`}
      pick={{ mode: 'one', label: (i) => i.name, onPick }}
    />
  );
}

describe('SearchList', () => {
  it('filters as you type, says when nothing matches, and picks one from the keyboard', async () => {
    const onPick = vi.fn();
    render(<Filtered onPick={onPick} />);
    expect(screen.getByRole('list', { name: '2 people' })).toBeTruthy();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search people' }), 'zz');
    expect(screen.getByText('Nothing matches “zz”.')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search people' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search people' }), 'bea');
    // Tab from the search box to the only match, Enter picks it.
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Choose Bea Lowe' }));
    await userEvent.keyboard('{Enter}');
    expect(onPick).toHaveBeenCalledWith(items[1]);
  });

  it('ticks several in a fieldset, with the picking error announced', async () => {
    const onToggle = vi.fn();
    render(
      <SearchList
        id="inv"
        label="Search"
        searchable={false}
        query=""
        onQueryChange={() => {}}
        items={items}
        itemKey={(i) => i.id}
        pick={{ mode: 'many', legend: 'Choose', label: (i) => i.name, isPicked: (i) => i.id === 'a', onToggle, error: 'Choose at least one to invite.' }}
      />,
    );
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.getByRole('group', { name: 'Choose' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Choose at least one to invite.');
    expect((screen.getByLabelText('Amir Khan') as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByLabelText('Bea Lowe'));
    expect(onToggle).toHaveBeenCalledWith(items[1], true);
    await userEvent.click(screen.getByLabelText('Amir Khan'));
    expect(onToggle).toHaveBeenCalledWith(items[0], false);
  });

  it('shows loading, errors and the empty state, and ties a field error to the box', () => {
    const base = { id: 's', label: 'Search', onQueryChange: () => {}, itemKey: (i: Item) => i.id, renderItem: (i: Item) => i.name };
    const { rerender } = render(<SearchList {...base} query="am" items={[]} fetching />);
    expect(screen.getByRole('status').textContent).toContain('Searching…');
    rerender(<SearchList {...base} query="am" items={[]} error={{ graphQLErrors: [{ message: 'x', extensions: { code: 'FORBIDDEN' } }] }} errorContext="Could not search." />);
    expect(screen.getByRole('alert').textContent).toContain('Could not search. You do not have permission to do this.');
    rerender(<SearchList {...base} query="" items={[]} empty={<p>Nobody yet.</p>} />);
    expect(screen.getByText('Nobody yet.')).toBeTruthy();
    // Stale matches stay on screen while the next search runs.
    rerender(<SearchList {...base} query="am" items={items} fetching fieldError="Choose someone." />);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('list').textContent).toContain('Amir Khan');
    const box = screen.getByRole('searchbox', { name: 'Search' });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent).toContain('Choose someone.');
  });
});

// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityPicker } from './EntityPicker';
import { mockClient, opName, renderWithClient } from '../test/render';

const PEOPLE = ['Amir Khan', 'Amy Lowe', 'Pam Fisher', 'Sam Ortiz', 'Zara Ali'].map((name, i) => ({ id: `per${i + 1}`, name }));

type Vars = { first?: number; after?: string | null; where?: { nameContainsFold?: string } };

/** A people search over PEOPLE, two to a page, as the server would answer it. */
function peopleClient(pageSize = 2) {
  return mockClient({
    query: (op) => {
      if (opName(op) === 'PickedName') {
        const id = (op.variables as { id: string }).id;
        const p = PEOPLE.find((x) => x.id === id);
        return { data: { node: p ? { __typename: 'Person', ...p } : null } };
      }
      const v = op.variables as Vars;
      const q = v.where?.nameContainsFold?.toLowerCase() ?? '';
      const all = PEOPLE.filter((p) => p.name.toLowerCase().includes(q));
      const from = v.after ? Number(v.after) : 0;
      const page = all.slice(from, from + pageSize);
      return {
        data: {
          people: {
            totalCount: all.length,
            pageInfo: { hasNextPage: from + pageSize < all.length, endCursor: String(from + page.length) },
            edges: page.map((node) => ({ node })),
          },
        },
      };
    },
  });
}

function searches(client: ReturnType<typeof mockClient>): Vars[] {
  return client.executeQuery.mock.calls.map((c) => c[0] as { query: unknown; variables: Vars }).filter((o) => opName(o) === 'PickPeople').map((o) => o.variables);
}

function Harness({ initial = '', onChange }: { initial?: string; onChange?: (id: string, name: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <EntityPicker
        kind="person"
        name="owner"
        label="Owner"
        optional
        value={value}
        onChange={(id, name) => {
          setValue(id);
          onChange?.(id, name);
        }}
      />
      <span data-testid="value">{value}</span>
    </form>
  );
}

describe('EntityPicker', { timeout: 20_000 }, () => {
  it('searches the server as you type (debounced) and is driven from the keyboard', async () => {
    const client = peopleClient(10);
    const onChange = vi.fn();
    renderWithClient(<Harness onChange={onChange} />, client);
    const input = screen.getByRole('combobox', { name: /Owner/ });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(client.executeQuery).not.toHaveBeenCalled(); // nothing loads until the list is opened

    await userEvent.type(input, 'am');
    const list = await screen.findByRole('listbox', { name: 'Owner' }, { timeout: 4000 });
    await waitFor(() => expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['Amir Khan', 'Amy Lowe', 'Pam Fisher', 'Sam Ortiz']), { timeout: 4000 });
    // One request for the settled text, filtered on the server.
    expect(searches(client).map((v) => v.where)).toEqual([{ nameContainsFold: 'am' }]);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(list.id);
    expect(screen.getByRole('status').textContent).toMatch(/^4 matches/);

    const options = within(list).getAllByRole('option');
    await userEvent.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[2]!.id);
    await userEvent.keyboard('{ArrowUp}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    // Up from the first wraps to the last.
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[3]!.id);
    await userEvent.keyboard('{ArrowUp}{ArrowUp}{Enter}');
    expect(onChange).toHaveBeenCalledWith('per2', 'Amy Lowe');
    expect((input as HTMLInputElement).value).toBe('Amy Lowe');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(document.activeElement).toBe(input);

    // Escape closes the list and puts the chosen name back.
    await userEvent.type(input, 'zz');
    expect((input as HTMLInputElement).value).toBe('Amy Lowezz');
    await userEvent.keyboard('{Escape}');
    expect((input as HTMLInputElement).value).toBe('Amy Lowe');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByTestId('value').textContent).toBe('per2');

    // Emptying the field and leaving it clears the choice.
    await userEvent.clear(input);
    await userEvent.tab();
    expect(onChange).toHaveBeenLastCalledWith('', '');
    expect(screen.getByTestId('value').textContent).toBe('');
  });

  it('says when nothing matches, and Enter on an open list never submits the form', async () => {
    const client = peopleClient();
    const submit = vi.fn((e: SubmitEvent) => e.preventDefault());
    renderWithClient(<Harness />, client);
    const input = screen.getByRole('combobox', { name: /Owner/ });
    input.closest('form')!.addEventListener('submit', submit);
    await userEvent.type(input, 'xq');
    expect(await screen.findByText('No matches for “xq”.', { selector: 'p' }, { timeout: 4000 })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('No matches for “xq”.');
    expect(input.getAttribute('aria-expanded')).toBe('false'); // no options to show
    await userEvent.keyboard('{Enter}');
    expect(submit).not.toHaveBeenCalled();
    await userEvent.keyboard('{Escape}');
    expect((input as HTMLInputElement).value).toBe('');
  });

  it('loads more matches on demand', async () => {
    const client = peopleClient(2);
    renderWithClient(<Harness />, client);
    const input = screen.getByRole('combobox', { name: /Owner/ });
    input.focus();
    await userEvent.keyboard('{ArrowDown}'); // opens with every name
    const more = await screen.findByRole('option', { name: 'Show more matches (2 of 5 shown)' }, { timeout: 4000 });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Amir Khan', 'Amy Lowe', 'Show more matches (2 of 5 shown)']);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(more.id);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(searches(client).at(-1)).toMatchObject({ first: 20, after: '2', where: {} }));
    // The stand-in client does not merge pages (graphcache does): the next page is shown.
    await screen.findByRole('option', { name: 'Pam Fisher' }, { timeout: 4000 });
    expect(screen.getByTestId('value').textContent).toBe('');
  });

  it('shows the chosen name when it only has the id', async () => {
    const client = peopleClient();
    renderWithClient(<Harness initial="per4" />, client);
    const input = screen.getByRole('combobox', { name: /Owner/ });
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('Sam Ortiz'), { timeout: 4000 });
    expect(screen.getByRole('button', { name: 'Clear owner: Sam Ortiz' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Clear owner: Sam Ortiz' }));
    expect(screen.getByTestId('value').textContent).toBe('');
    expect((input as HTMLInputElement).value).toBe('');
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProgrammeFormPage } from './ProgrammeFormPage';
import { slugify, updateInput, validateProgramme } from './programmeForm';
import { mockClient, opName, renderWithClient } from '../../test/render';

const SAVED = {
  __typename: 'Programme',
  id: 'prog1',
  name: 'System change 2026',
  slug: 'system-change-2026',
  description: 'Multiple disadvantage',
  timeZone: 'Europe/London',
  public: false,
};

type Op = { variables: { id?: string; input: Record<string, unknown> } };

describe('programme form helpers', () => {
  it('makes an address name the server accepts from any name', () => {
    expect(slugify('  Housing & Health: 2026! ')).toBe('housing-health-2026');
    expect(slugify('Café Forum — Leeds')).toBe('cafe-forum-leeds');
    expect(slugify('x'.repeat(100)).length).toBe(80);
  });

  it('checks name, address name and time zone', () => {
    const zones = ['Europe/London', 'Europe/Paris'];
    expect(validateProgramme({ name: ' ', slug: 'Bad Slug', description: '', timeZone: 'Mars/Olympus', public: false }, zones)).toEqual({
      name: 'Enter the programme’s name.',
      slug: 'Use lower-case letters, digits and single hyphens only (at most 80 characters).',
      timeZone: '“Mars/Olympus” is not a time zone we know. Choose one from the list, for example Europe/London.',
    });
    expect(validateProgramme({ name: 'A', slug: 'a--b', description: '', timeZone: 'Europe/Paris', public: true }, zones).slug).toBeDefined();
    expect(validateProgramme({ name: 'A', slug: 'a-b', description: '', timeZone: 'Europe/Paris', public: true }, zones)).toEqual({});
  });

  it('sends only what changed on update, clearing an emptied description', () => {
    const initial = { name: 'A', slug: 'a', description: 'About', timeZone: 'Europe/London', public: false };
    expect(updateInput(initial, initial)).toEqual({});
    expect(updateInput({ ...initial, description: ' ', public: true }, initial)).toEqual({ clearDescription: true, public: true });
  });
});

describe('ProgrammeFormPage', { timeout: 20_000 }, () => {
  it('has labelled fields, fills the address name from the name, and creates the programme', async () => {
    const client = mockClient({
      mutation: () => ({ data: { createProgramme: { ...SAVED, id: 'prog9', name: 'Housing and health', slug: 'housing-and-health', public: true } } }),
    });
    renderWithClient(<ProgrammeFormPage />, client);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('New programme');
    await userEvent.type(screen.getByLabelText('Name'), 'Housing and health');
    expect((screen.getByLabelText('Short address name') as HTMLInputElement).value).toBe('housing-and-health');
    expect((screen.getByLabelText('Time zone') as HTMLInputElement).value).toBe('Europe/London');
    await userEvent.type(screen.getByLabelText('Description (optional)'), 'Joint work on homelessness');
    // The public toggle is a real checkbox, operable from the keyboard.
    const toggle = screen.getByRole('checkbox', { name: 'Public calendar' });
    toggle.focus();
    await userEvent.keyboard(' ');
    expect((toggle as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Create programme' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    const op = client.executeMutation.mock.calls[0]![0] as Op;
    expect(op.variables.input).toEqual({
      name: 'Housing and health',
      slug: 'housing-and-health',
      description: 'Joint work on homelessness',
      timeZone: 'Europe/London',
      public: true,
    });
    await waitFor(() => expect(window.location.pathname).toBe('/programmes/prog9'));
  });

  it('stops at client-side problems, focusing the summary, and sends nothing', async () => {
    const client = mockClient();
    renderWithClient(<ProgrammeFormPage />, client);
    await userEvent.clear(screen.getByLabelText('Time zone'));
    await userEvent.click(screen.getByRole('button', { name: 'Create programme' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(summary.textContent).toContain('Enter the programme’s name.');
    expect(summary.textContent).toContain('Enter the programme’s time zone');
    expect(screen.getByLabelText('Short address name').getAttribute('aria-invalid')).toBe('true');
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it('shows the server’s field errors next to their fields (a taken address name)', async () => {
    const client = mockClient({
      mutation: () => ({
        error: {
          name: 'CombinedError',
          message: '[GraphQL] conflict',
          graphQLErrors: [{ message: 'a programme with this slug already exists', extensions: { code: 'BAD_USER_INPUT', field: 'slug' } }],
        } as never,
      }),
    });
    renderWithClient(<ProgrammeFormPage />, client);
    await userEvent.type(screen.getByLabelText('Name'), 'System change 2026');
    await userEvent.click(screen.getByRole('button', { name: 'Create programme' }));
    const slug = screen.getByLabelText('Short address name');
    await waitFor(() => expect(slug.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('field-slug-error')?.textContent).toBe('Error: A programme with this slug already exists');
    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain('There is a problem');
    // The summary links to the field at fault.
    await userEvent.click(screen.getByRole('link', { name: 'A programme with this slug already exists' }));
    expect(document.activeElement).toBe(slug);
  });

  it('edits a saved programme, sending only the changes, and keeps the address name as it was', async () => {
    const client = mockClient({
      query: (op) => (opName(op) === 'ProgrammeForEdit' ? { data: { node: SAVED } } : undefined),
      mutation: () => ({ data: { updateProgramme: { ...SAVED, name: 'System change 2027', public: true, feedURLs: { url: 'http://x/calendar/programme/system-change-2026.ics', webcal: 'webcal://x/calendar/programme/system-change-2026.ics' } } } }),
    });
    renderWithClient(<ProgrammeFormPage id="prog1" />, client);
    const name = await screen.findByLabelText('Name');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Edit System change 2026');
    await userEvent.clear(name);
    await userEvent.type(name, 'System change 2027');
    expect((screen.getByLabelText('Short address name') as HTMLInputElement).value).toBe('system-change-2026');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Public calendar' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    const op = client.executeMutation.mock.calls[0]![0] as Op;
    expect(op.variables).toEqual({ id: 'prog1', input: { name: 'System change 2027', public: true } });
    await waitFor(() => expect(window.location.pathname).toBe('/programmes/prog1'));
  });
});

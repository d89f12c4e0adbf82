// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountPage, SignOutEverywhere } from './AccountPage';
import { mockClient, opName, renderWithClient } from '../../test/render';

const viewer = {
  currentSessionID: 's1',
  person: { id: 'me', name: 'Olu Organiser', email: 'organiser@convene.test' },
  feedTokens: [{ id: 'f1', name: 'old phone', createdAt: '2026-01-01T00:00:00Z', lastUsedAt: null, revokedAt: null }],
  sessions: [
    { id: 's1', createdAt: '2026-11-01T00:00:00Z', lastSeenAt: null, expiresAt: '2026-12-01T00:00:00Z', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36', ip: '127.0.0.1' },
    { id: 's2', createdAt: '2026-10-01T00:00:00Z', lastSeenAt: null, expiresAt: '2026-12-01T00:00:00Z', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1', ip: null },
  ],
  apiTokens: [],
};

describe('AccountPage', () => {
  it('creates a named calendar subscription and shows the webcal and https addresses', async () => {
    const client = mockClient({
      query: () => ({ data: { viewer } }),
      mutation: (op) =>
        opName(op) === 'CreateFeedToken'
          ? {
              data: {
                createFeedToken: {
                  urls: { url: 'https://convene.test/calendar/abc.ics', webcal: 'webcal://convene.test/calendar/abc.ics' },
                  withTodos: { url: 'https://convene.test/calendar/abc.ics?todos=1', webcal: 'webcal://convene.test/calendar/abc.ics?todos=1' },
                  feedToken: { id: 'f2', name: 'work phone' },
                },
              },
            }
          : undefined,
    });
    renderWithClient(<AccountPage />, client);
    await screen.findByRole('heading', { name: 'Subscribe to my calendar' });
    await userEvent.click(screen.getByRole('button', { name: 'Create calendar subscription' }));
    expect(screen.getByText(/Name the feed after where you will use it/)).toBeTruthy();
    expect(client.executeMutation).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Name this subscription'), 'work phone');
    await userEvent.click(screen.getByRole('button', { name: 'Create calendar subscription' }));
    const link = await screen.findByRole('link', { name: 'Open in my calendar app' });
    expect(link.getAttribute('href')).toBe('webcal://convene.test/calendar/abc.ics');
    expect((screen.getByLabelText('Calendar address (https)') as HTMLInputElement).value).toBe('https://convene.test/calendar/abc.ics');
    expect(screen.getByText('Google Calendar')).toBeTruthy();
    expect(screen.getByText('Thunderbird')).toBeTruthy();
  });

  it('lists sessions, marks this browser and revokes a feed after confirming', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const client = mockClient({
      query: () => ({ data: { viewer } }),
      mutation: () => ({ data: { revokeFeedToken: { id: 'f1', revokedAt: '2026-11-24T00:00:00Z' } } }),
    });
    renderWithClient(<AccountPage />, client);
    const sessions = await screen.findByRole('table', { name: 'Signed-in browsers' });
    expect(within(sessions).getByText('This browser')).toBeTruthy();
    expect(within(sessions).getByText('Safari on iOS')).toBeTruthy();
    expect(within(sessions).getAllByRole('button')).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Revoke old phone' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({ id: 'f1' });
    expect(screen.getByText('You have no API tokens.')).toBeTruthy();
  });

  it('offers anyone a download of their own data', async () => {
    const client = mockClient({ query: (op) => (opName(op) === 'PersonExport' ? { data: { personExport: { person: { name: 'Olu Organiser' } } } } : { data: { viewer } }) });
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderWithClient(<AccountPage />, client);
    const section = await screen.findByRole('region', { name: 'My data' });
    await userEvent.click(within(section).getByRole('button', { name: 'Download my data' }));
    expect(await within(section).findByText('Downloaded convene-data-olu-organiser.json.')).toBeTruthy();
    const sent = client.executeQuery.mock.calls.find((c) => opName(c[0] as { query: unknown }) === 'PersonExport')![0] as { variables: unknown };
    expect(sent.variables).toEqual({ id: 'me' });
    expect(click).toHaveBeenCalledOnce();
    click.mockRestore();
  });

  it('offers to sign out everywhere, with a confirmation step', async () => {
    const client = mockClient({ query: () => ({ data: { viewer } }) });
    renderWithClient(<AccountPage />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    const question = screen.getByRole('group', { name: 'Sign out everywhere?' });
    expect(document.activeElement).toBe(question);
    expect(question.textContent).toMatch(/this one included/);
    // Cancel: nothing is sent, and focus returns to the button.
    await userEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: 'Sign out everywhere?' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign out everywhere' }));
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it('ends every session once confirmed, then leaves for sign-in', async () => {
    const afterSignOut = vi.fn();
    const client = mockClient({ mutation: () => ({ data: { signOutEverywhere: 3 } }) });
    renderWithClient(<SignOutEverywhere afterSignOut={afterSignOut} />, client);
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    expect(afterSignOut).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Yes, sign out everywhere' }));
    await waitFor(() => expect(afterSignOut).toHaveBeenCalledOnce());
    expect(client.executeMutation).toHaveBeenCalledOnce();
    expect(opName(client.executeMutation.mock.calls[0]![0] as { query: unknown })).toBe('SignOutEverywhere');
  });

  it('stays put and says so when signing out everywhere fails', async () => {
    const afterSignOut = vi.fn();
    const client = mockClient({ mutation: () => ({ error: { graphQLErrors: [{ message: 'sign in first', extensions: { code: 'UNAUTHENTICATED' } }] } as never }) });
    renderWithClient(<SignOutEverywhere afterSignOut={afterSignOut} />, client);
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, sign out everywhere' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/You were not signed out/);
    expect(afterSignOut).not.toHaveBeenCalled();
  });
});

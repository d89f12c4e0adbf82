// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataRequests, DownloadData, confirmsName, fileSlug } from './DataRequests';
import { ViewerProvider } from '../account/viewer';
import { mockClient, opName, renderWithClient } from '../../test/render';

function viewer(isAdmin: boolean, id = 'admin1') {
  return { viewer: { isAdmin, person: { id, name: 'Ada Admin' }, roles: [] } };
}
const zoe = { node: { __typename: 'Person', id: 'p1', name: 'Zoë O’Brien', erasedAt: null } };
const exported = { person: { id: 1, name: 'Zoë O’Brien', email: 'zoe@example.org' }, invitations: [] };

/** Captures what saveFile hands the browser. */
function captureDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  Object.assign(URL, { createObjectURL: vi.fn((b: Blob) => (blobs.push(b), 'blob:x')), revokeObjectURL: vi.fn() });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { blobs, names };
}

afterEach(() => vi.restoreAllMocks());

describe('data requests', () => {
  it('makes file names and checks the typed confirmation', () => {
    expect(fileSlug('Zoë O’Brien')).toBe('zoe-obrien');
    expect(fileSlug('  ')).toBe('person');
    expect(confirmsName(' zoë  o’brien ', 'Zoë O’Brien')).toBe(true);
    expect(confirmsName('Zoe O’Brien', 'Zoë O’Brien')).toBe(false);
    expect(confirmsName('', '')).toBe(false);
  });

  it('shows nothing to someone who is neither an admin nor the person', async () => {
    const client = mockClient({ query: (op) => (opName(op) === 'Viewer' ? { data: viewer(false, 'org1') } : { data: zoe }) });
    const { container } = renderWithClient(
      <ViewerProvider>
        <DataRequests personId="p1" />
      </ViewerProvider>,
      client,
    );
    await waitFor(() => expect(client.executeQuery).toHaveBeenCalled());
    expect(container.textContent).toBe('');
    // The person is not even looked up.
    expect(client.executeQuery.mock.calls.map((c) => opName(c[0] as { query: unknown }))).toEqual(['Viewer']);
  });

  it('lets an admin download a person’s data as JSON', async () => {
    const { blobs, names } = captureDownloads();
    const client = mockClient({
      query: (op) => {
        switch (opName(op)) {
          case 'Viewer':
            return { data: viewer(true) };
          case 'PersonExport':
            return { data: { personExport: exported } };
          default:
            return { data: zoe };
        }
      },
    });
    renderWithClient(
      <ViewerProvider>
        <DataRequests personId="p1" />
      </ViewerProvider>,
      client,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Download their data (JSON)' }));
    expect(await screen.findByText('Downloaded convene-data-zoe-obrien.json.')).toBeTruthy();
    expect(names).toEqual(['convene-data-zoe-obrien.json']);
    expect(blobs[0]!.type).toBe('application/json');
    expect(JSON.parse(await blobs[0]!.text())).toEqual(exported);
    const sent = client.executeQuery.mock.calls.find((c) => opName(c[0] as { query: unknown }) === 'PersonExport')![0] as { variables: unknown };
    expect(sent.variables).toEqual({ id: 'p1' });
  });

  it('says when the download is refused', async () => {
    const { names } = captureDownloads();
    const client = mockClient({ query: () => ({ error: { graphQLErrors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] } as never }) });
    renderWithClient(<DownloadData person={{ id: 'me', name: 'Me' }} label="Download my data" />, client);
    await userEvent.click(screen.getByRole('button', { name: 'Download my data' }));
    expect(await screen.findByText(/The data could not be downloaded/)).toBeTruthy();
    expect(names).toEqual([]);
  });

  it('erases only after the name is typed, explaining what survives', async () => {
    const client = mockClient({
      query: (op) => (opName(op) === 'Viewer' ? { data: viewer(true) } : { data: zoe }),
      mutation: () => ({ data: { erasePerson: { id: 'p1', name: 'Erased person 1', email: '', phone: '', accessNeeds: '', erasedAt: '2027-01-01T00:00:00Z' } } }),
    });
    renderWithClient(
      <ViewerProvider>
        <DataRequests personId="p1" />
      </ViewerProvider>,
      client,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Erase this person…' }));
    const panel = screen.getByRole('group', { name: 'Erase Zoë O’Brien?' });
    expect(document.activeElement).toBe(panel);
    expect(panel.textContent).toMatch(/attendance and representation\s+counts and reports stay correct/);

    const confirm = within(panel).getByLabelText('Type their name, “Zoë O’Brien”, to confirm');
    await userEvent.type(confirm, 'Zoe');
    await userEvent.click(within(panel).getByRole('button', { name: 'Erase permanently' }));
    expect(await within(panel).findByText(/Type “Zoë O’Brien” exactly to confirm/)).toBeTruthy();
    expect(client.executeMutation).not.toHaveBeenCalled();

    await userEvent.clear(confirm);
    await userEvent.type(confirm, 'zoë o’brien');
    await userEvent.click(within(panel).getByRole('button', { name: 'Erase permanently' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    expect((client.executeMutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({ id: 'p1' });
    await waitFor(() => expect(window.location.pathname).toBe('/people'));
  });

  it('Cancel closes the question and returns focus', async () => {
    const client = mockClient({ query: (op) => (opName(op) === 'Viewer' ? { data: viewer(false, 'p1') } : { data: zoe }) });
    renderWithClient(
      <ViewerProvider>
        <DataRequests personId="p1" />
      </ViewerProvider>,
      client,
    );
    // The person themselves may act too.
    const open = await screen.findByRole('button', { name: 'Erase this person…' });
    await userEvent.click(open);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Erase this person…' })));
    expect(client.executeMutation).not.toHaveBeenCalled();
  });
});

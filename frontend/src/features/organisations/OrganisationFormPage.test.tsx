// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OrganisationFormPage } from './OrganisationFormPage';
import { mockClient, renderWithClient } from '../../test/render';

describe('OrganisationFormPage', () => {
  it('checks required fields before sending anything, and focuses the summary', async () => {
    const client = mockClient();
    renderWithClient(<OrganisationFormPage />, client);
    await userEvent.click(screen.getByRole('button', { name: 'Add organisation' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Enter the organisation’s name.');
    expect(summary.textContent).toContain('Choose the sector the organisation works in.');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it('sends the trimmed input and leaves empty optional fields out', async () => {
    const client = mockClient({
      mutation: () => ({ data: { createOrganisation: { __typename: 'Organisation', id: '99', name: 'Aire Valley Foodbank', sector: 'VOLUNTARY' } } }),
    });
    renderWithClient(<OrganisationFormPage />, client);
    await userEvent.type(screen.getByLabelText('Name'), '  Aire Valley Foodbank ');
    await userEvent.selectOptions(screen.getByLabelText('Sector'), 'VOLUNTARY');
    await userEvent.type(screen.getByLabelText('Contact email (optional)'), 'hello@aire.example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Add organisation' }));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalledOnce());
    const operation = client.executeMutation.mock.calls[0]![0] as { variables: { input: Record<string, unknown> } };
    expect(operation.variables.input).toEqual({
      name: 'Aire Valley Foodbank',
      sector: 'VOLUNTARY',
      description: undefined,
      contactName: undefined,
      contactEmail: 'hello@aire.example.org',
      contactPhone: undefined,
      website: undefined,
    });
    await waitFor(() => expect(window.location.pathname).toBe('/organisations'));
  });

  it('shows the server’s field errors next to the fields they belong to', async () => {
    const client = mockClient({
      mutation: () => ({
        error: {
          name: 'CombinedError',
          message: '[GraphQL] bad',
          graphQLErrors: [{ message: '"nope" is not a valid email address', extensions: { code: 'BAD_USER_INPUT', field: 'contact_email' } }],
        } as never,
      }),
    });
    renderWithClient(<OrganisationFormPage />, client);
    await userEvent.type(screen.getByLabelText('Name'), 'Aire Valley Foodbank');
    await userEvent.selectOptions(screen.getByLabelText('Sector'), 'VOLUNTARY');
    await userEvent.type(screen.getByLabelText('Contact email (optional)'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Add organisation' }));
    const email = screen.getByLabelText('Contact email (optional)');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('field-contactEmail-error')?.textContent).toBe('Error: "nope" is not a valid email address');
    expect(screen.getByRole('alert').textContent).toContain('There is a problem');
  });
});

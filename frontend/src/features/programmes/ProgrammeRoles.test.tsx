// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProgrammeRoles } from './ProgrammeRoles';
import { SeriesFeedLink } from './PublicFeeds';
import { mockClient, opName, renderWithClient } from '../../test/render';

const ROLES = [
  { __typename: 'ProgrammeRole', id: 'r1', role: 'ORGANISER', person: { __typename: 'Person', id: 'p1', name: 'Olu Organiser' } },
  { __typename: 'ProgrammeRole', id: 'r2', role: 'CONSULTANT', person: { __typename: 'Person', id: 'p2', name: 'Cara Consultant' } },
];

function rolesAnswer(rows = ROLES) {
  return {
    data: {
      node: {
        __typename: 'Programme',
        id: 'prog1',
        roles: { __typename: 'ProgrammeRoleConnection', totalCount: rows.length, pageInfo: { hasNextPage: false, endCursor: null }, edges: rows.map((node) => ({ node })) },
      },
    },
  };
}

function client(mutation?: NonNullable<Parameters<typeof mockClient>[0]>['mutation']) {
  return mockClient({
    query: (op) => {
      if (opName(op) === 'ProgrammeRoles') return rolesAnswer();
      if (opName(op) === 'PickPeople') {
        return { data: { people: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, edges: [{ node: { id: 'p3', name: 'Amy Lowe' } }] } } };
      }
      return undefined;
    },
    mutation,
  });
}

type Op = { variables: Record<string, unknown> };

describe('ProgrammeRoles', { timeout: 20_000 }, () => {
  it('lists organisers and consultants, without controls for people who cannot change them', async () => {
    renderWithClient(<ProgrammeRoles programmeId="prog1" programmeName="System change" canManage={false} />, client());
    const table = await screen.findByRole('table', { name: 'Organisers and consultants of System change' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['Olu OrganiserOrganiser', 'Cara ConsultantConsultant']);
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('form', { name: /Add an organiser/ })).toBeNull();
  });

  it('adds a consultant chosen from the keyboard', async () => {
    const c = client(() => ({ data: { grantProgrammeRole: { __typename: 'ProgrammeRole', id: 'r3', role: 'CONSULTANT', person: { __typename: 'Person', id: 'p3', name: 'Amy Lowe' } } } }));
    renderWithClient(<ProgrammeRoles programmeId="prog1" programmeName="System change" canManage />, c);
    await screen.findByRole('table');
    await userEvent.selectOptions(screen.getByLabelText('Role'), 'CONSULTANT');
    const picker = screen.getByRole('combobox', { name: /Person/ });
    await userEvent.type(picker, 'am');
    await screen.findByRole('option', { name: 'Amy Lowe' }, { timeout: 4000 });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect((picker as HTMLInputElement).value).toBe('Amy Lowe');
    await userEvent.click(screen.getByRole('button', { name: 'Add consultant' }));
    await waitFor(() => expect(c.executeMutation).toHaveBeenCalledOnce());
    expect((c.executeMutation.mock.calls[0]![0] as Op).variables).toEqual({ input: { programmeID: 'prog1', personID: 'p3', role: 'CONSULTANT' } });
    await waitFor(() => expect(screen.getByText('Amy Lowe is now a consultant of System change.')).toBeTruthy());
    // The list is asked again, past the cache.
    const rolesQueries = c.executeQuery.mock.calls.filter((call) => opName(call[0] as { query: unknown }) === 'ProgrammeRoles');
    expect(rolesQueries.length).toBeGreaterThanOrEqual(2);
  });

  it('asks for a person before sending, and shows the server’s refusal', async () => {
    const c = client(() => ({
      error: {
        name: 'CombinedError',
        message: '[GraphQL] conflict',
        graphQLErrors: [{ message: 'this person already has this role', extensions: { code: 'CONFLICT' } }],
      } as never,
    }));
    renderWithClient(<ProgrammeRoles programmeId="prog1" programmeName="System change" canManage />, c);
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Add organiser' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Choose the person to add.');
    expect(screen.getByRole('combobox', { name: /Person/ }).getAttribute('aria-invalid')).toBe('true');
    expect(c.executeMutation).not.toHaveBeenCalled();

    await userEvent.type(screen.getByRole('combobox', { name: /Person/ }), 'am');
    await userEvent.click(await screen.findByRole('option', { name: 'Amy Lowe' }, { timeout: 4000 }));
    await userEvent.click(screen.getByRole('button', { name: 'Add organiser' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('This person already has this role'));
  });

  it('removes a role', async () => {
    const c = client(() => ({ data: { revokeProgrammeRole: 'r2' } }));
    renderWithClient(<ProgrammeRoles programmeId="prog1" programmeName="System change" canManage />, c);
    await screen.findByRole('table');
    await userEvent.click(await screen.findByRole('button', { name: 'Remove Cara Consultant as consultant' }));
    await waitFor(() => expect(c.executeMutation).toHaveBeenCalledOnce());
    expect((c.executeMutation.mock.calls[0]![0] as Op).variables).toEqual({ id: 'r2' });
    expect(await screen.findByText('Cara Consultant is no longer a consultant of System change.')).toBeTruthy();
  });
});

describe('SeriesFeedLink', () => {
  it('offers the series feed of a public programme’s event, and nothing otherwise', async () => {
    const urls = { url: 'http://x/calendar/series/7.ics', webcal: 'webcal://x/calendar/series/7.ics' };
    const pub = mockClient({ query: () => ({ data: { node: { __typename: 'Event', id: 'e7', rrule: 'FREQ=MONTHLY', seriesFeedURLs: urls } } }) });
    const { unmount } = renderWithClient(<SeriesFeedLink eventId="e7" />, pub);
    expect(await screen.findByRole('heading', { name: 'Subscribe to this series' })).toBeTruthy();
    expect((screen.getByLabelText('Calendar address for this series (https)') as HTMLInputElement).value).toBe(urls.url);
    expect(screen.getByRole('link', { name: /Open in my calendar app/ }).getAttribute('href')).toBe(urls.webcal);
    unmount();
    const priv = mockClient({ query: () => ({ data: { node: { __typename: 'Event', id: 'e8', rrule: null, seriesFeedURLs: null } } }) });
    const { container } = renderWithClient(<SeriesFeedLink eventId="e8" />, priv);
    await waitFor(() => expect(priv.executeQuery).toHaveBeenCalled());
    expect(container.textContent).toBe('');
  });
});

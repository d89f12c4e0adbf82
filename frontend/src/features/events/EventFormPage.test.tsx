// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { EditEventPage, NewEventPage } from './EventFormPage';
import { MEMBER, renderAs, viewerWith } from '../../test/viewer';
import { opName } from '../../test/render';

describe('Event form for people who may not use it', () => {
  it('tells a member that only organisers create events, with no form', async () => {
    const { client } = renderAs(MEMBER, <NewEventPage />);
    expect(await screen.findByText('Only organisers can create events.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('New event');
    expect(document.querySelector('form')).toBeNull();
    expect(client.executeQuery.mock.calls.map((c) => opName(c[0] as never))).toEqual(['Viewer']);
  });

  it('tells a member that only organisers change events, linking back to the event', async () => {
    renderAs(MEMBER, <EditEventPage id="e1" />);
    expect(await screen.findByText('Only organisers can change events.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the event' }).getAttribute('href')).toBe('/events/e1');
    expect(document.querySelector('form')).toBeNull();
  });

  it('tells an organiser of another programme the same once the event is loaded', async () => {
    const event = { __typename: 'Event', id: 'e1', programme: { id: 'p2', name: 'Other', timeZone: 'Europe/London' } };
    renderAs(viewerWith(['ORGANISER', 'p1']), <EditEventPage id="e1" />, { query: (op) => (opName(op) === 'EventForEdit' ? { data: { node: event } } : undefined) });
    expect(await screen.findByText('Only organisers can change events.')).toBeTruthy();
    expect(document.querySelector('form')).toBeNull();
  });
});

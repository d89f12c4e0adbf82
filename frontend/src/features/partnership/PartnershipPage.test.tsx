// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Network } from './PartnershipPage';
import { mockClient, renderWithClient } from '../../test/render';

// The drawing library needs a real canvas; the table carries the same data.
vi.mock('./NetworkGraph', () => ({
  default: ({ elements, focus, label }: { elements: unknown[]; focus: string; label: string }) => (
    <div role="img" aria-label={label} data-testid="graph">{`${elements.length} elements, focus ${focus || 'none'}`}</div>
  ),
}));

const network = {
  nodes: [
    { organisation: { id: 'a', name: 'Shelter North', sector: 'HOUSING' }, commitments: 2, actions: 1 },
    { organisation: { id: 'b', name: 'City Council', sector: 'LOCAL_AUTHORITY' }, commitments: 1, actions: 0 },
    { organisation: { id: 'c', name: 'Ambulance Trust', sector: 'HEALTH' }, commitments: 1, actions: 1 },
  ],
  edges: [
    { from: 'b', to: 'a', kind: 'COMMITMENT', weight: 1 },
    { from: 'a', to: 'c', kind: 'SHARED_ACTION', weight: 3 },
  ],
};

describe('Network', () => {
  it('draws the map, lists the links and focuses on a chosen organisation', async () => {
    const client = mockClient({ query: () => ({ data: { partnershipNetwork: network } }) });
    renderWithClient(<Network programmeID="p1" from="2026-01-01T00:00:00Z" />, client);
    expect(await screen.findByText('3 organisations, 1 commitment and 3 shared actions between them.')).toBeTruthy();
    expect(client.executeQuery.mock.calls[0]![0].variables).toEqual({ filter: { programmeID: 'p1', from: '2026-01-01T00:00:00Z' } });
    expect(await screen.findByTestId('graph')).toBeTruthy();
    expect(screen.getByTestId('graph').textContent).toBe('5 elements, focus none');
    expect(screen.getByRole('img', { name: /Network map of 3 organisations/ })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Links between organisations, heaviest first' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('list', { name: 'Sectors' }).textContent).toContain('Local authority');

    await userEvent.selectOptions(screen.getByLabelText('Organisation'), 'City Council');
    expect(await screen.findByRole('heading', { name: 'Links of City Council' })).toBeTruthy();
    const focused = screen.getByRole('table', { name: 'Links of City Council, heaviest first' });
    expect(within(focused).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByTestId('graph').textContent).toBe('5 elements, focus b');
  });

  it('says what to do when there are no partnerships', async () => {
    renderWithClient(<Network programmeID="" />, mockClient({ query: () => ({ data: { partnershipNetwork: { nodes: [], edges: [] } } }) }));
    expect(await screen.findByText('No partnerships in this period.')).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { StaffOnly } from './StaffOnly';
import { MEMBER, renderAs, viewerWith } from '../test/viewer';
import { FundingPage } from '../features/funding/FundingPage';
import { RepresentationPage, EventRepresentationPage } from '../features/representation/RepresentationPage';
import PartnershipPage from '../features/partnership/PartnershipPage';
import { opName } from '../test/render';

describe('StaffOnly', () => {
  it('tells a member the screen is for organisers and consultants, without loading it', async () => {
    const { client } = renderAs(MEMBER, <StaffOnly title="Funding"><p>Secret chart</p></StaffOnly>);
    expect(await screen.findByText('These screens are for organisers and consultants.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Funding');
    expect(screen.queryByText('Secret chart')).toBeNull();
    expect(screen.getByRole('link', { name: 'Go to your upcoming dates' }).getAttribute('href')).toBe('/upcoming');
    expect(client.executeQuery.mock.calls.map((c) => opName(c[0] as never))).toEqual(['Viewer']);
  });

  it('shows the screen to a consultant', async () => {
    renderAs(viewerWith(['CONSULTANT', 'p1']), <StaffOnly title="Funding"><p>Secret chart</p></StaffOnly>);
    expect(await screen.findByText('Secret chart')).toBeTruthy();
    expect(screen.queryByTestId('staff-only')).toBeNull();
  });

  it.each([
    ['Funding', <FundingPage />],
    ['Representation', <RepresentationPage />],
    ['Representation', <EventRepresentationPage id="e1" />],
    ['Partnership map', <PartnershipPage />],
  ])('guards the %s screen: no “nothing recorded” or false funding cliff for members', async (title, page) => {
    const { client } = renderAs(MEMBER, page);
    expect(await screen.findByTestId('staff-only')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title);
    expect(screen.queryByText(/cliff|No .* recorded/i)).toBeNull();
    expect(client.executeQuery.mock.calls.map((c) => opName(c[0] as never))).toEqual(['Viewer']);
  });
});

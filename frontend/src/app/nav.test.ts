import { describe, expect, it } from 'vitest';
import { homeFor, navFor } from './nav';
import type { Viewer, ViewerState } from '../features/account/viewer';

function signedIn(roles: string[], isAdmin = false): ViewerState {
  const viewer = {
    __typename: 'Viewer',
    isAdmin,
    person: { __typename: 'Person', id: 'p1', name: 'Sam' },
    roles: roles.map((role, i) => ({ __typename: 'ProgrammeRole', role, programme: { __typename: 'Programme', id: `g${i}`, name: 'P' } })),
  } as unknown as Viewer;
  return { status: 'signed-in', viewer };
}

describe('navigation by role', () => {
  it('offers members only the screens that concern them, and lands them on their own dates', () => {
    const member = signedIn(['MEMBER']);
    expect(navFor(member).map((i) => i.label)).toEqual(['Programmes', 'Events', 'Actions']);
    expect(homeFor(member)).toBe('/upcoming');
  });

  it('offers organisers, consultants and admins everything', () => {
    for (const state of [signedIn(['MEMBER', 'ORGANISER']), signedIn(['CONSULTANT']), signedIn([], true)]) {
      expect(navFor(state).map((i) => i.label)).toContain('Funding');
      expect(navFor(state).map((i) => i.label)).toContain('Audit log');
      expect(navFor(state)).toHaveLength(10);
      expect(homeFor(state)).toBe('/programmes');
    }
  });
});

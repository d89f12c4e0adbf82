// Signed-in viewers for component tests: wrap the screen in ViewerProvider
// and answer its Viewer query with one of these.
import type { ReactElement } from 'react';
import { ViewerProvider } from '../features/account/viewer';
import { mockClient, opName, renderWithClient } from './render';

type Role = 'ORGANISER' | 'CONSULTANT' | 'MEMBER';

export function viewerWith(...roles: [Role, string][]) {
  return {
    __typename: 'Viewer',
    isAdmin: false,
    person: { __typename: 'Person', id: 'me', name: 'Ada Attendee' },
    roles: roles.map(([role, id]) => ({ __typename: 'ProgrammeRole', role, programme: { __typename: 'Programme', id, name: `Programme ${id}` } })),
  };
}

/** A member of forums: no organiser or consultant role anywhere. */
export const MEMBER = viewerWith();

type Answer = NonNullable<Parameters<typeof mockClient>[0]>['query'];

/** Renders ui as the given viewer; other queries go to answer. */
export function renderAs(viewer: unknown, ui: ReactElement, answers: { query?: Answer; mutation?: Answer } = {}) {
  const client = mockClient({
    query: (op) => (opName(op) === 'Viewer' ? { data: { viewer } } : answers.query?.(op)),
    mutation: answers.mutation,
  });
  const r = renderWithClient(<ViewerProvider>{ui}</ViewerProvider>, client);
  return { ...r, client };
}

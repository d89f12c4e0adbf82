// Who is signed in. The app asks once at start; signed-out people get the
// sign-in page instead of screens that would only say "sign in".
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { ViewerQuery } from '../../graphql/gen/graphql';
import { onSessionLost } from '../../graphql/session';

const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      isAdmin
      person {
        id
        name
      }
      roles {
        role
        programme {
          id
          name
        }
      }
    }
  }
`);

export type Viewer = NonNullable<ViewerQuery['viewer']>;

export type ViewerState =
  | { status: 'loading' }
  | { status: 'signed-in'; viewer: Viewer }
  | { status: 'signed-out' }
  /** The server could not say (network trouble, or an API without accounts): let screens try. */
  | { status: 'unknown' };

const ViewerContext = createContext<ViewerState>({ status: 'unknown' });

export function ViewerProvider({ children }: { children: ReactNode }) {
  const [result] = useQuery({ query: ViewerDocument, requestPolicy: 'network-only' });
  // Any UNAUTHENTICATED answer means the session is gone: show sign-in.
  const [lost, setLost] = useState(false);
  useEffect(() => onSessionLost(() => setLost(true)), []);
  let state: ViewerState;
  if (lost) state = { status: 'signed-out' };
  else if (result.data?.viewer) state = { status: 'signed-in', viewer: result.data.viewer };
  else if (result.data && result.data.viewer === null) state = { status: 'signed-out' };
  else if (result.fetching) state = { status: 'loading' };
  else state = { status: 'unknown' };
  return <ViewerContext.Provider value={state}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerState {
  return useContext(ViewerContext);
}

/** Ends the session, then reloads so nothing from it stays in memory. */
export async function signOut() {
  try {
    await fetch('/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
  } finally {
    window.location.assign('/');
  }
}

/**
 * Whether to offer organiser actions (the server decides; this only hides
 * buttons that would end in "you are not allowed"). With no programme id:
 * organiser anywhere, which is what editing the directory needs.
 */
export function useCanOrganise(programmeId?: string): boolean {
  const state = useViewer();
  if (state.status !== 'signed-in') return state.status === 'unknown';
  const v = state.viewer;
  return v.isAdmin || v.roles.some((r) => r.role === 'ORGANISER' && (programmeId === undefined || r.programme.id === programmeId));
}

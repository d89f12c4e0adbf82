// Who is signed in. The app asks once at start; signed-out people get the
// sign-in page instead of screens that would only say "sign in".
import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql/gen';
import type { ViewerQuery } from '../../graphql/gen/graphql';

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
  let state: ViewerState;
  if (result.data?.viewer) state = { status: 'signed-in', viewer: result.data.viewer };
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

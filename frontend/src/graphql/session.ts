// Tells the app when the server stops recognising the session (it expired,
// or was ended elsewhere), so it can offer sign-in instead of a page of
// "sign in to see this" errors.
import { mapExchange } from 'urql';

const listeners = new Set<() => void>();

export function onSessionLost(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function sessionLost() {
  for (const l of listeners) l();
}

/** Watches every result for UNAUTHENTICATED. */
export const sessionExchange = mapExchange({
  onError(error) {
    if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) sessionLost();
  },
});

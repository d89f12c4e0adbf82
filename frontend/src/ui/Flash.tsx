// One-off confirmations that survive a navigation ("Organisation created"):
// shown in a polite live region at the top of the page the person lands on,
// and gone after they move on to another page. Call flash() after navigate().
import { useEffect, useSyncExternalStore } from 'react';
import { useLocation } from '../app/router';

interface Message {
  text: string;
  /** The path it was first shown on; null until rendered. */
  path: string | null;
}

let current: Message | null = null;
const listeners = new Set<() => void>();

function set(next: Message | null) {
  current = next;
  for (const l of listeners) l();
}

export function flash(text: string) {
  set({ text, path: null });
}

export function clearFlash() {
  set(null);
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

export function FlashOutlet() {
  const message = useSyncExternalStore(subscribe, () => current);
  const { pathname } = useLocation();
  useEffect(() => {
    if (!message) return;
    if (message.path === null) message.path = pathname; // no re-render needed
    else if (message.path !== pathname) clearFlash();
  }, [message, pathname]);

  return (
    <div className="flash-region" role="status" aria-live="polite">
      {message && (
        <div className="flash">
          <p>{message.text}</p>
          <button type="button" className="button button--link" onClick={clearFlash}>
            Dismiss<span className="visually-hidden"> message</span>
          </button>
        </div>
      )}
    </div>
  );
}

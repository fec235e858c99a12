import { useEffect, useState } from 'preact/hooks';
import type { SignedInUser } from './api/types';

/**
 * The signed-in person's bearer session, kept in sessionStorage: a reload keeps the person signed in,
 * closing the tab (on a shared computer in a care home) ends it, it is never sent by the browser on
 * its own (no cookie, so no cross-site request forgery), and it expires on the server after 12 hours.
 */
export interface Session {
  token: string;
  expiresAt: string;
  user: SignedInUser;
}

const KEY = 'continuum.session';
type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null = read();
/** Why the last session ended without the person signing out (shown on the sign-in page). */
let endedBecause: string | null = null;

function read(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return stored && Date.parse(stored.expiresAt) > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

function set(next: Session | null, reason: string | null = null): void {
  current = next;
  endedBecause = reason;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export const session = {
  current: () => current,
  token: () => current?.token,
  endedBecause: () => endedBecause,
  start: (next: Session) => set(next),
  end: () => set(null),
  /** The server refused the token (expired, signed out elsewhere, user disabled). */
  expired: () => set(null, 'Your session has ended. Please sign in again.'),
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): Session | null {
  const [value, setValue] = useState(current);
  useEffect(() => session.subscribe(() => setValue(current)), []);
  return value;
}

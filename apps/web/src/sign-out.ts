import { api } from './api/client';
import { session } from './session';

/** Signs out on the server, then forgets the token here whatever the server said. */
export async function signOut(): Promise<void> {
  await api('POST', '/api/auth/sign-out').catch(() => undefined);
  session.end();
  history.replaceState(null, '', '/');
}

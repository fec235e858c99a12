import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { SignInAnswer } from '../api/types';
import { PageHeading } from '../components/page';
import { ErrorMessage } from '../components/status';
import { session } from '../session';

export function SignInView() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const ended = session.endedBecause();
  const { route } = useLocation();

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<SignInAnswer>('POST', '/api/auth/sign-in', { email, password });
      session.start(answer);
      // The address as the browser has it: a deep link opened before signing in, or / after a sign-out.
      route(window.location.pathname + window.location.search, true);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <main id="main" class="page page-narrow">
      <p class="brand brand-large">Continuum</p>
      {/* A page heading like any other: the page opened after signing in takes focus, as any navigation does. */}
      <PageHeading title="Sign in">Sign in</PageHeading>
      <p>Your learning record under Scotland's Continuous Learning Framework.</p>
      {ended && !error ? (
        <p class="notice" role="status">
          {ended}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} title="You are not signed in" /> : null}
      <form onSubmit={submit} class="form" noValidate={false}>
        <div class="field">
          <label for="email">Email address</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

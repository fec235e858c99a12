import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  HASHES_IN_FLIGHT,
  MAX_HASHES_WAITING,
  passwordHashing,
} from '../../libs/identity/src/passwords/password-hash.js';

/** Issue 11 §4: X-Forwarded-For is believed only from configured proxies, and a locked account stays locked. */
const PASSWORD = 'correct horse battery staple';
let direct: TestApp;
let behindProxy: TestApp;

beforeAll(async () => {
  // Tests connect from 127.0.0.1, which plays the proxy here.
  [direct, behindProxy] = await Promise.all([startTestApp(), startTestApp({ env: { TRUST_PROXY: 'loopback' } })]);
});

afterAll(async () => {
  await Promise.all([direct?.close(), behindProxy?.close()]);
});

async function register(app: TestApp, email: string): Promise<void> {
  await ok(app, app.adminToken, 'POST', '/api/admin/users', {
    email,
    displayName: 'Target',
    password: PASSWORD,
    roles: [],
  });
}

async function signIn(app: TestApp, email: string, password: string, forwardedFor: string): Promise<number> {
  const response = await fetch(`${app.baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

describe('without TRUST_PROXY', () => {
  it('ignores X-Forwarded-For: a new value per attempt does not reset the limit', async () => {
    await register(direct, 'spoofed@example.org');
    for (let i = 0; i < 10; i++)
      expect(await signIn(direct, 'spoofed@example.org', `wrong ${i}`, `203.0.113.${i}`)).toBe(401);
    expect(await signIn(direct, 'spoofed@example.org', PASSWORD, '203.0.113.200')).toBe(429);
  });
});

describe('with TRUST_PROXY naming the proxy', () => {
  it("counts per client address from the proxy's X-Forwarded-For", async () => {
    await register(behindProxy, 'per-address@example.org');
    for (let i = 0; i < 10; i++)
      expect(await signIn(behindProxy, 'per-address@example.org', `wrong ${i}`, '198.51.100.1')).toBe(401);
    expect(await signIn(behindProxy, 'per-address@example.org', PASSWORD, '198.51.100.1')).toBe(429);
    expect(await signIn(behindProxy, 'per-address@example.org', PASSWORD, '198.51.100.2')).toBe(200);
  });

  it('locks the account after 30 failures from any addresses, for every address', async () => {
    await register(behindProxy, 'per-account@example.org');
    for (let i = 0; i < 30; i++)
      expect(await signIn(behindProxy, 'per-account@example.org', `wrong ${i}`, `192.0.2.${i}`)).toBe(401);
    expect(await signIn(behindProxy, 'per-account@example.org', PASSWORD, '192.0.2.250')).toBe(429);
  });
});

describe('when too many password hashes wait', () => {
  it('refuses the sign-ins beyond the bound at once with 503 and Retry-After, and signs in after the burst', async () => {
    await register(direct, 'after-burst@example.org');
    // Distinct emails, each under the per-email limits: only the bound on waiting hashes refuses them.
    const burst = HASHES_IN_FLIGHT + MAX_HASHES_WAITING + 15;
    const responses = await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        fetch(`${direct.baseUrl}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `burst-${i}@example.org`, password: 'not the password' }),
        }),
      ),
    );
    const refused = responses.filter((response) => response.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(responses.every((response) => response.status === 401 || response.status === 503)).toBe(true);
    for (const response of refused) {
      expect(response.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/passwords/) });
    }
    expect(passwordHashing.mostWaiting).toBeLessThanOrEqual(MAX_HASHES_WAITING);
    expect(await signIn(direct, 'after-burst@example.org', PASSWORD, '203.0.113.1')).toBe(200);
  });

  it('counts no failure for a refused sign-in and registers nobody when refused', async () => {
    await register(direct, 'while-full@example.org');
    // Every place taken by hashes that end when the test says so.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const places = Array.from({ length: HASHES_IN_FLIGHT + MAX_HASHES_WAITING }, () => passwordHashing.run(() => held));
    try {
      // More than the 10 failures that would lock the email: none is counted, as no password was checked.
      for (let i = 0; i < 12; i++)
        expect(await signIn(direct, 'while-full@example.org', `wrong ${i}`, '203.0.113.9')).toBe(503);
      const registration = await fetch(`${direct.baseUrl}/api/admin/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${direct.adminToken}` },
        body: JSON.stringify({ email: 'refused@example.org', displayName: 'Refused', password: PASSWORD, roles: [] }),
      });
      expect(registration.status).toBe(503);
      expect(registration.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
    } finally {
      release();
      await Promise.all(places);
    }
    expect(await signIn(direct, 'while-full@example.org', PASSWORD, '203.0.113.9')).toBe(200);
    expect(await signIn(direct, 'refused@example.org', PASSWORD, '203.0.113.9')).toBe(401);
  });
});

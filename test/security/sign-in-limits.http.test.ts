import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/app.js';

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

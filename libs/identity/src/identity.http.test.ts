import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { expectProblem } from '../../../test/support/problem.js';
import { IDENTITY_EVENTS } from './users/users.service.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

interface Sent {
  status: number;
  body: any;
  headers: Headers;
}

async function send(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Sent> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const PASSWORD = 'correct horse battery staple';

async function registerAsAdmin(email: string, roles: unknown[] = []): Promise<any> {
  const created = await send('POST', '/api/admin/users', {
    token: app.adminToken,
    body: { email, displayName: email.split('@')[0], password: PASSWORD, roles },
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function signIn(email: string, password = PASSWORD): Promise<Sent> {
  return send('POST', '/api/auth/sign-in', { body: { email, password } });
}

async function tokenFor(email: string): Promise<string> {
  const signedIn = await signIn(email);
  expect(signedIn.status).toBe(200);
  return signedIn.body.token;
}

async function userCount(): Promise<number> {
  const { rows } = await app.runtime.pool.query('select count(*)::int as n from identity_users');
  return rows[0].n;
}

describe('sign-in and sessions over HTTP', () => {
  it('signs in with email and password, in any case, and the token identifies the user', async () => {
    const mary = await registerAsAdmin('mary@example.org', [{ kind: 'worker', workerId: 'w-mary' }]);
    const before = Date.now();
    const signedIn = await signIn('Mary@Example.org');
    const after = Date.now();
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
      user: {
        id: mary.id,
        email: 'mary@example.org',
        displayName: 'mary',
        roles: [{ kind: 'worker', workerId: 'w-mary' }],
      },
    });
    // 12 h from the moment the server signed in, which lies between the two timestamps taken here.
    const expiresAt = Date.parse(signedIn.body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 12 * 3600_000);
    expect(expiresAt).toBeLessThanOrEqual(after + 12 * 3600_000);
    const me = await send('GET', '/api/auth/me', { token: signedIn.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: mary.id,
      email: 'mary@example.org',
      roles: [{ kind: 'worker', workerId: 'w-mary' }],
    });
  });

  it('stores only the SHA-256 of the session token, never the token', async () => {
    const token = await tokenFor('mary@example.org');
    const digest = createHash('sha256').update(token).digest('hex');
    const { rows } = await app.runtime.pool.query(`select encode(token_hash, 'hex') as h from identity_sessions`);
    expect(rows.map((r) => r.h)).toContain(digest);
    const dump = await app.runtime.pool.query(`select s::text as t from identity_sessions s`);
    for (const row of dump.rows) expect(row.t).not.toContain(token);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrongPassword = await signIn('mary@example.org', 'not the right password');
    const unknownEmail = await signIn('nobody@example.org');
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.detail).toBe('The email or password is wrong');
    expect(JSON.stringify(wrongPassword.body)).not.toMatch(/token|mary/);
  });

  it('names the missing field of a malformed sign-in with a 400', async () => {
    const missing = await send('POST', '/api/auth/sign-in', { body: { email: 'mary@example.org' } });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toBe('password: is required (a string)');
  });

  it('ends the session at sign-out, and the token no longer works', async () => {
    const token = await tokenFor('mary@example.org');
    expect((await send('POST', '/api/auth/sign-out', { token })).status).toBe(204);
    const after = await send('GET', '/api/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/not a valid session/);
  });

  it('refuses an expired session with a 401 saying so', async () => {
    const token = await tokenFor('mary@example.org');
    await app.runtime.pool.query(
      `update identity_sessions set expires_at = now() - interval '1 second' where revoked_at is null`,
    );
    const me = await send('GET', '/api/auth/me', { token });
    expect(me.status).toBe(401);
    expect(me.body.detail).toBe('The session has expired: sign in again');
  });

  it('answers 401 without a bearer token and with an unknown one', async () => {
    const none = await send('GET', '/api/auth/me');
    expect(none.status).toBe(401);
    expect(none.body.detail).toMatch(/Authorization: Bearer/);
    expect((await send('GET', '/api/auth/me', { token: 'made-up-token' })).status).toBe(401);
    expect((await send('GET', '/api/admin/users')).status).toBe(401);
  });

  it('refuses sign-in for 15 minutes after 10 failures from one email and address, even with the right password', async () => {
    await registerAsAdmin('target@example.org');
    for (let i = 0; i < 10; i++) expect((await signIn('target@example.org', `wrong password ${i}`)).status).toBe(401);
    const limited = await signIn('target@example.org');
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toMatch(/Too many failed sign-ins/);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another user at the same address is not locked out.
    expect((await signIn('mary@example.org')).status).toBe(200);
  });
});

describe('ADMIN_TOKEN and user administration over HTTP', () => {
  it('treats ADMIN_TOKEN as a platform admin', async () => {
    const me = await send('GET', '/api/auth/me', { token: app.adminToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: 'admin-token', roles: [{ kind: 'platform-admin' }] });
  });

  it('lets a signed-in platform admin manage users', async () => {
    await registerAsAdmin('ops@example.org', [{ kind: 'platform-admin' }]);
    const token = await tokenFor('ops@example.org');
    const listed = await send('GET', '/api/admin/users', { token });
    expect(listed.status).toBe(200);
    expect(listed.body.users.map((u: { email: string }) => u.email)).toContain('mary@example.org');
    expect(JSON.stringify(listed.body)).not.toMatch(/scrypt|password/i);
  });

  it('answers a signed-in non-admin with a 403 that carries no data', async () => {
    const token = await tokenFor('mary@example.org');
    const before = await userCount();
    const denied = await send('POST', '/api/admin/users', {
      token,
      body: { email: 'new@example.org', displayName: 'New', password: PASSWORD },
    });
    expect(Object.keys(expectProblem(denied, { status: 403, instance: '/api/admin/users' })).sort()).toEqual([
      'detail',
      'instance',
      'status',
      'title',
      'type',
    ]);
    expect(denied.body.detail).toBe('You are not allowed to manage users (platform admins only)');
    expect((await send('GET', '/api/admin/users', { token })).body).toEqual(denied.body);
    expect(await userCount()).toBe(before);
  });

  it('rejects bad input with a 400 naming each field and rule, creating nothing', async () => {
    const before = await userCount();
    const rejected = await send('POST', '/api/admin/users', {
      token: app.adminToken,
      body: { email: 'not an email', displayName: 'X', password: 'short', roles: [{ kind: 'overlord' }] },
    });
    expectProblem(rejected, { status: 400, field: 'email' });
    expect(rejected.body.errors).toEqual([
      { field: 'email', rule: 'must be an email address like name@example.org' },
      { field: 'password', rule: 'must be at least 12 characters' },
      { field: 'roles[0].kind', rule: 'must be one of worker, line-manager, learning-lead, evaluator, platform-admin' },
    ]);
    expect(rejected.body.detail).toContain('password: must be at least 12 characters');
    expect(await userCount()).toBe(before);
  });

  it('answers 409 for an email already registered', async () => {
    const again = await send('POST', '/api/admin/users', {
      token: app.adminToken,
      body: { email: 'MARY@example.org', displayName: 'Mary again', password: PASSWORD },
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('email: is already registered to another user');
  });

  it('grants and revokes roles, which take effect on the next request of an open session', async () => {
    const user = await registerAsAdmin('promoted@example.org');
    const token = await tokenFor('promoted@example.org');
    expect((await send('GET', '/api/admin/users', { token })).status).toBe(403);
    const granted = await send('POST', `/api/admin/users/${user.id}/roles`, {
      token: app.adminToken,
      body: { roles: [{ kind: 'platform-admin' }] },
    });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toEqual([{ kind: 'platform-admin' }]);
    expect((await send('GET', '/api/admin/users', { token })).status).toBe(200);
    const revoked = await send('DELETE', `/api/admin/users/${user.id}/roles`, {
      token: app.adminToken,
      body: { roles: [{ kind: 'platform-admin' }] },
    });
    expect(revoked.body.roles).toEqual([]);
    expect((await send('GET', '/api/admin/users', { token })).status).toBe(403);
    const events = await app.runtime.store.readStream(`identity-user-${user.id}`);
    expect(events.map((e) => e.type)).toEqual([
      IDENTITY_EVENTS.userRegistered,
      IDENTITY_EVENTS.roleGranted,
      IDENTITY_EVENTS.roleRevoked,
    ]);
    expect(events[1].metadata.actor).toBe('admin-token');
  });

  it('answers 404 for roles of an unknown user', async () => {
    const missing = await send('POST', '/api/admin/users/00000000-0000-4000-8000-000000000000/roles', {
      token: app.adminToken,
      body: { roles: [{ kind: 'evaluator' }] },
    });
    expect(missing.status).toBe(404);
  });

  it('ends the sessions of a disabled user at once', async () => {
    const user = await registerAsAdmin('leaver@example.org');
    const token = await tokenFor('leaver@example.org');
    expect((await send('POST', `/api/admin/users/${user.id}/disable`, { token: app.adminToken })).body.disabled).toBe(
      true,
    );
    expect((await send('GET', '/api/auth/me', { token })).status).toBe(401);
    expect((await signIn('leaver@example.org')).status).toBe(401);
  });
});

describe('a learning lead staffing their organisation over HTTP', () => {
  let leadToken: string;
  // A line manager's team names workers of the organisation (issue 11): two of org-care's.
  let wMary: string;
  let wMichael: string;

  beforeAll(async () => {
    await registerAsAdmin('lead@care.example.org', [{ kind: 'learning-lead', organisationId: 'org-care' }]);
    leadToken = await tokenFor('lead@care.example.org');
    const organisation = {
      id: 'org-care',
      name: 'Care',
      sector: 'private',
      region: 'Fife',
      serviceType: 'care home for adults',
      sizeBand: 'small',
    };
    expect((await send('POST', '/api/organisations', { token: app.adminToken, body: organisation })).status).toBe(201);
    const worker = async (email: string) =>
      (
        await send('POST', '/api/workers', {
          token: leadToken,
          body: { identifiers: [{ mbox: `mailto:${email}` }], organisationId: 'org-care' },
        })
      ).body.id as string;
    wMary = await worker('mary@care.example.org');
    wMichael = await worker('michael@care.example.org');
  });

  it('registers a line manager of their own organisation', async () => {
    const created = await send('POST', '/api/organisations/org-care/users', {
      token: leadToken,
      body: {
        email: 'manager@care.example.org',
        displayName: 'Manager',
        password: PASSWORD,
        roles: [{ kind: 'line-manager', organisationId: 'org-care', workerIds: [wMary] }],
      },
    });
    expect(created.status).toBe(201);
    const events = await app.runtime.store.readStream(`identity-user-${created.body.id}`);
    expect(events[0].metadata).toMatchObject({ tenantId: 'org-care' });
    const extra = await send('POST', `/api/organisations/org-care/users/${created.body.id}/roles`, {
      token: leadToken,
      body: { roles: [{ kind: 'line-manager', organisationId: 'org-care', workerIds: [wMichael] }] },
    });
    expect(extra.body.roles).toEqual([
      { kind: 'line-manager', organisationId: 'org-care', workerIds: [wMary, wMichael].sort() },
    ]);
  });

  it('refuses roles beyond their reach, and another organisation, with 403 and no change', async () => {
    const before = await userCount();
    const body = (roles: unknown[]) => ({ email: 'x@care.example.org', displayName: 'X', password: PASSWORD, roles });
    const cases = [
      ['org-care', [{ kind: 'platform-admin' }], 'grant or revoke platform-admin for organisation org-care'],
      [
        'org-care',
        [{ kind: 'learning-lead', organisationId: 'org-care' }],
        'grant or revoke learning-lead of org-care for organisation org-care',
      ],
      [
        'org-care',
        [{ kind: 'line-manager', organisationId: 'org-other', workerIds: ['w-1'] }],
        'grant or revoke line-manager in org-other for organisation org-care',
      ],
      [
        'org-care',
        [{ kind: 'worker', workerId: 'w-unknown' }],
        'grant or revoke worker w-unknown for organisation org-care',
      ],
      ['org-other', [], 'manage the users of organisation org-other'],
    ] as const;
    for (const [organisationId, roles, what] of cases) {
      const denied = await send('POST', `/api/organisations/${organisationId}/users`, {
        token: leadToken,
        body: body([...roles]),
      });
      expectProblem(denied, { status: 403, detail: `You are not allowed to ${what}` });
    }
    expect(await userCount()).toBe(before);
  });

  it("refuses a worker the organisation's user routes", async () => {
    const token = await tokenFor('mary@example.org');
    expect((await send('POST', '/api/organisations/org-care/users', { token, body: {} })).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents the identity endpoints', async () => {
    const openapi = await send('GET', '/api/docs/openapi.json');
    expect(openapi.status).toBe(200);
    for (const path of [
      '/api/auth/sign-in',
      '/api/auth/sign-out',
      '/api/auth/me',
      '/api/admin/users',
      '/api/admin/users/{id}/roles',
      '/api/organisations/{organisationId}/users',
    ]) {
      expect(Object.keys(openapi.body.paths)).toContain(path);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { api, createUser, ok } from '../support/http-api.js';
import { registerOrganisation } from '../support/organisations.js';
import { LrsClientsService } from '../../libs/xapi/src/lrs/auth/lrs-clients.service.js';

/**
 * Session 11b, an outsider's attack on today's LRS auth: hostile HTTP Basic headers, the renewal of an
 * expired cached verification from the row after the client changed, and hostile bodies on the
 * organisation's LRS client registration from another organisation's learning lead.
 */
let app: TestApp;
const b64 = (raw: Buffer | string) => Buffer.from(raw).toString('base64');
const basic = (key: string, secret: string) => `Basic ${b64(`${key}:${secret}`)}`;
const clients: Record<string, { id: string; key: string; secret: string }> = {};

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b']) {
    await registerOrganisation(app, id, { name: `Attack11b ${id}` });
    const client = await ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
      name: `LMS of ${id}`,
      organisationId: id,
      scopes: ['all'],
    });
    clients[id] = { id: client.id, key: client.key, secret: client.secret };
  }
}, 180_000);

afterAll(async () => {
  await app?.close();
});

const getStatements = (authorization: string) =>
  fetch(`${app.baseUrl}/xapi/statements?limit=1`, {
    headers: { authorization, 'x-experience-api-version': '1.0.3' },
  });

/** Expires every cached verification of this process, as a minute passing would. */
function expireCachedVerifications(): void {
  const service = app.nest.get(LrsClientsService) as unknown as {
    cache: { entries: Map<string, { expiresAt: number }> };
  };
  for (const entry of service.cache.entries.values()) entry.expiresAt = Date.now() - 1;
}

describe('hostile HTTP Basic headers on /xapi/statements', () => {
  // The U+0000 refusal matters beyond PostgreSQL: scrypt's HMAC pads its key with zero bytes, so the
  // secret followed by NULs derives the very same hash and was answered 200 without it.
  it('answers each with a clean 400 or 401 (never 500), naming no secret', async () => {
    const { key, secret } = clients['org-a']!;
    const hostile = [
      basic(key, `${secret}\u0000`),
      basic(`${key}\u0000`, secret),
      `Basic ${b64(Buffer.concat([Buffer.from(`${key}:`), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]))}`,
      `Basic ${b64(Buffer.concat([Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(`:${secret}`)]))}`,
      basic(`${key}:extra`, secret),
      basic(':', secret),
      'Basic ',
      'Basic ====',
      'Basic !!!notbase64',
      `Basic ${b64(key)}`,
      'Bearer x',
    ];
    for (const authorization of hostile) {
      const response = await getStatements(authorization);
      const text = await response.text();
      expect([400, 401], `${authorization.slice(0, 40)} → ${response.status} ${text}`).toContain(response.status);
      expect(text).not.toContain(secret);
    }
  });

  it('refuses a secret of about 1 MB in the header cheaply (431 before any hash), and still answers the right one', async () => {
    const { key, secret } = clients['org-a']!;
    const started = Date.now();
    const response = await getStatements(basic(key, 'x'.repeat(1024 * 1024)));
    await response.text();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(response.status).toBe(431);
    expect((await getStatements(basic(key, secret))).status).toBe(200);
  });

  // The alternate syntax (POST ?method=GET) carries Authorization as a form field, read before any
  // credentials are checked: past 1 MiB the body is refused; just under it, the secret is hashed, cheaply.
  it.each([
    ['past the unauthenticated body limit', 1024 * 1024, 413],
    ['just under it (hashed: must stay cheap)', 700 * 1024, 401],
  ])('refuses a huge secret in the alternate syntax form field %s', async (_, size, status) => {
    const { key } = clients['org-a']!;
    const form = new URLSearchParams({
      Authorization: basic(key, 'y'.repeat(size)),
      'X-Experience-API-Version': '1.0.3',
    });
    const started = Date.now();
    const response = await fetch(`${app.baseUrl}/xapi/statements?method=GET`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const text = await response.text();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(response.status, text.slice(0, 200)).toBe(status);
  });
});

describe('renewal of an expired cached verification', () => {
  async function verifiedThenExpired(name: string) {
    const client = await ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
      name,
      organisationId: 'org-a',
      scopes: ['all'],
    });
    expect((await getStatements(basic(client.key, client.secret))).status).toBe(200);
    expireCachedVerifications();
    return client as { id: string; key: string; secret: string };
  }

  it('refuses the old credentials once the client is revoked through the admin API', async () => {
    const client = await verifiedThenExpired('Revoked by admin');
    expect((await api(app, app.adminToken, 'DELETE', `/api/admin/lrs-clients/${client.id}`)).status).toBe(204);
    expect((await getStatements(basic(client.key, client.secret))).status).toBe(401);
  });

  it('refuses the old credentials when another process revoked the row (no forget here)', async () => {
    const client = await verifiedThenExpired('Revoked elsewhere');
    await app.runtime.pool.query('update lrs_clients set revoked_at = now() where id = $1', [client.id]);
    expect((await getStatements(basic(client.key, client.secret))).status).toBe(401);
  });

  it('refuses the old secret when another process changed the row’s secret (no forget here)', async () => {
    const client = await verifiedThenExpired('Secret changed elsewhere');
    const other = clients['org-b']!;
    await app.runtime.pool.query(
      'update lrs_clients set secret_hash = (select secret_hash from lrs_clients where id = $2) where id = $1',
      [client.id, other.id],
    );
    expect((await getStatements(basic(client.key, client.secret))).status).toBe(401);
    // The new secret is checked with a hash, not the old cached verdict.
    expect((await getStatements(basic(client.key, other.secret))).status).toBe(200);
  });

  it('does not renew a wrong secret from an expired entry of the right one', async () => {
    const client = await verifiedThenExpired('Wrong secret after expiry');
    expect((await getStatements(basic(client.key, `${client.secret}x`))).status).toBe(401);
    expect((await getStatements(basic(client.key, client.secret))).status).toBe(200);
  });
});

describe("another organisation's learning lead with hostile bodies", () => {
  it('is refused (403) on org-a roles and LRS clients; malformed or deep JSON is a 400, never 500; nothing created', async () => {
    const leadB = await createUser(app, 'lead@b.attack11b.example.org', [
      { kind: 'learning-lead', organisationId: 'org-b' },
    ]);
    const leadA = await createUser(app, 'lead@a.attack11b.example.org', [
      { kind: 'learning-lead', organisationId: 'org-a' },
    ]);
    const before = await ok(app, leadA, 'GET', '/api/organisations/org-a/lrs-clients');
    expect((await api(app, leadB, 'GET', '/api/organisations/org-a/roles')).status).toBe(403);
    expect((await api(app, leadB, 'GET', '/api/organisations/org-a/lrs-clients')).status).toBe(403);
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const deepArray = `{"name":"x","scopes":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const bodies = ['{"name":', '{"name":"x",}', '\u0000', deep, deepArray, '[]', 'null', '"x"'];
    for (const token of [leadB, leadA]) {
      for (const body of bodies) {
        const response = await fetch(`${app.baseUrl}/api/organisations/org-a/lrs-clients`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        const text = await response.text();
        const expected = token === leadB ? [400, 403] : [400];
        expect(expected, `${body.slice(0, 20)} → ${response.status} ${text.slice(0, 200)}`).toContain(response.status);
      }
    }
    expect(await ok(app, leadA, 'GET', '/api/organisations/org-a/lrs-clients')).toEqual(before);
  });
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { holdEveryHashPlace } from '../support/hash-queue.js';
import { api, createUser, ok } from '../support/http-api.js';
import { registerOrganisation } from '../support/organisations.js';
import { sha256, statementWith } from '../support/attachments.js';
import { LrsClientsService } from '../../libs/xapi/src/lrs/auth/lrs-clients.service.js';
import { statementQueryModelMigrations } from '../../libs/xapi/src/lrs/statements/statement-query-model.migrations.js';
import { instantOf, parseTimestamp } from '../../libs/xapi/src/statement-model/formats/timestamp.js';

/**
 * Session 11, an outsider's attack on today's changes: LRS client secrets in the bounded hash queue, the
 * organisation's name on GET /api/organisations/:id/roles, migration xapi/009 and instantOf's fast path.
 */
let app: TestApp;
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
const clients: Record<string, { key: string; secret: string }> = {};

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b']) {
    await registerOrganisation(app, id, { name: `Attack11 ${id}` });
    const client = await ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
      name: `LMS of ${id}`,
      organisationId: id,
      scopes: ['all'],
    });
    clients[id] = { key: client.key, secret: client.secret };
  }
}, 180_000);

afterAll(async () => {
  await app?.close();
});

const xapi = (authorization: string, path: string, init: RequestInit = {}) =>
  fetch(`${app.baseUrl}/xapi/${path}`, {
    ...init,
    headers: { authorization, 'x-experience-api-version': '1.0.3', ...(init.headers ?? {}) },
  });

const statement = (id: string) => ({
  id,
  actor: { objectType: 'Agent', mbox: 'mailto:attack11@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
  object: { objectType: 'Activity', id: 'https://example.org/attack11' },
});

function multipart(body: unknown, content: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--b11\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(body)}\r\n`),
    Buffer.from(
      `--b11\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha256(content)}\r\n\r\n`,
    ),
    content,
    Buffer.from('\r\n--b11--\r\n'),
  ]);
}

describe('every hashing route while the hash queue is full', () => {
  it('answers 503 + Retry-After at once (no 500, no hang, no detail of the credentials), and writes nothing', async () => {
    const { key, secret } = clients['org-a']!;
    const lead = await createUser(app, 'lead@a.attack11.example.org', [
      { kind: 'learning-lead', organisationId: 'org-a' },
    ]);
    const content = Buffer.from('%PDF-1.4 attack11');
    const attachedId = randomUUID();
    const attached = statementWith(content, { id: attachedId });
    const putId = randomUUID();
    const orgClientsBefore = await ok(app, lead, 'GET', '/api/organisations/org-a/lrs-clients');
    const release = holdEveryHashPlace();
    const started = Date.now();
    let answers: Response[];
    try {
      answers = await Promise.all([
        // A right secret never verified yet, a multipart statement with attachments, and a PUT.
        xapi(basic(key, secret), 'statements', {
          method: 'POST',
          headers: { 'content-type': 'multipart/mixed; boundary=b11' },
          body: multipart(attached, content),
        }),
        xapi(basic(key, secret), `statements?statementId=${putId}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(statement(putId)),
        }),
        fetch(`${app.baseUrl}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'lead@a.attack11.example.org', password: 'correct horse battery staple' }),
        }),
        fetch(`${app.baseUrl}/api/organisations/org-a/lrs-clients`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${lead}` },
          body: JSON.stringify({ name: 'Refused while busy' }),
        }),
        fetch(`${app.baseUrl}/api/admin/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminToken}` },
          body: JSON.stringify({
            email: 'refused@attack11.example.org',
            displayName: 'refused',
            password: 'correct horse battery staple',
            roles: [],
          }),
        }),
      ]);
    } finally {
      await release();
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
      const text = await answer.text();
      expect(text).not.toContain(secret);
      expect(text).not.toContain(key);
      expect(text).not.toMatch(/stack|Error:|at .*\.ts/);
    }
    await waitForProjections(app.runtime);
    const read = (id: string) => xapi(basic(key, secret), `statements?statementId=${id}`);
    expect((await read(attachedId)).status).toBe(404);
    expect((await read(putId)).status).toBe(404);
    // The refused requests were valid: sent again now, they are stored.
    const again = await xapi(basic(key, secret), 'statements', {
      method: 'POST',
      headers: { 'content-type': 'multipart/mixed; boundary=b11' },
      body: multipart(attached, content),
    });
    expect(again.status, await again.clone().text()).toBe(200);
    expect(await ok(app, lead, 'GET', '/api/organisations/org-a/lrs-clients')).toEqual(orgClientsBefore);
    // The refused registration made no user: its password does not sign in.
    const signIn = await api(app, undefined, 'POST', '/api/auth/sign-in', {
      email: 'refused@attack11.example.org',
      password: 'correct horse battery staple',
    });
    expect(signIn.status).toBe(401);
  });

  it('answers an unknown key, a revoked key, a wrong and a right secret alike when refused (same status, headers and words)', async () => {
    const revoked = await ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
      name: 'Revoked attack11',
      organisationId: 'org-b',
      scopes: ['all'],
    });
    expect((await api(app, app.adminToken, 'DELETE', `/api/admin/lrs-clients/${revoked.id}`)).status).toBe(204);
    const fresh = await ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
      name: 'Fresh attack11',
      organisationId: 'org-b',
      scopes: ['all'],
    });
    const release = holdEveryHashPlace();
    try {
      const bodies = [];
      for (const authorization of [
        basic('no-such-key-attack11', 'x'),
        basic(revoked.key, revoked.secret),
        basic(fresh.key, 'wrong'),
        basic(fresh.key, fresh.secret),
      ]) {
        const answer = await xapi(authorization, 'statements', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(statement(randomUUID())),
        });
        expect(answer.status).toBe(503);
        expect(answer.headers.get('www-authenticate')).toBeNull();
        const headers = [...answer.headers].filter(([name]) => name !== 'date');
        bodies.push(JSON.stringify({ headers, body: await answer.text() }));
      }
      expect(new Set(bodies).size).toBe(1);
    } finally {
      await release();
    }
  });
});

describe("another organisation's flood against an LMS verified before it", () => {
  // Was a defect: the verification cache kept an entry for an absolute 60 s (LrsCredentialCache). Once it
  // expired, the verified LMS needed a hash like any stranger, and a flood that kept the queue full
  // (another organisation's, or anyone's wrong credentials) refused it with 503; now renewed from the row.
  it('keeps being answered once its cached verification has expired', async () => {
    const { key, secret } = clients['org-b']!;
    const post = () =>
      xapi(basic(key, secret), 'statements', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(statement(randomUUID())),
      });
    expect((await post()).status).toBe(200);
    // The minute passes (the TTL): the cache entry is as it would be 60 s later.
    const cache = (
      app.nest.get(LrsClientsService) as unknown as { cache: { entries: Map<string, { expiresAt: number }> } }
    ).cache;
    for (const entry of cache.entries.values()) entry.expiresAt = Date.now() - 1;
    const release = holdEveryHashPlace();
    try {
      expect((await post()).status).toBe(200);
    } finally {
      await release();
    }
  });
});

describe('GET /api/organisations/:id/roles and its organisationName', () => {
  it('refuses outsiders alike for a real, an unknown and a hostile id, never naming the organisation', async () => {
    const worker = async (name: string, organisationId: string) =>
      (
        await ok(app, app.adminToken, 'POST', '/api/workers', {
          name,
          identifiers: [{ mbox: `mailto:${name}@roles.attack11.example.org` }],
          organisationId,
          joinedOn: '2024-01-01',
        })
      ).id as string;
    const [bea, leo] = [await worker('bea', 'org-b'), await worker('leo', 'org-a')];
    await ok(app, app.adminToken, 'POST', `/api/workers/${leo}/memberships/end`, {
      organisationId: 'org-a',
      to: '2025-01-01',
    });
    await waitForProjections(app.runtime);
    const outsiders = {
      workerOfB: await createUser(app, 'bea@roles.attack11.example.org', [{ kind: 'worker', workerId: bea }]),
      leaverOfA: await createUser(app, 'leo@roles.attack11.example.org', [{ kind: 'worker', workerId: leo }]),
      managerOfB: await createUser(app, 'mo@roles.attack11.example.org', [
        { kind: 'line-manager', organisationId: 'org-b', workerIds: [bea] },
      ]),
      leadOfB: await createUser(app, 'lb@roles.attack11.example.org', [
        { kind: 'learning-lead', organisationId: 'org-b' },
      ]),
    };
    const hostile = ['org-a', 'no-such-org', '%2e%2e', '..%2forg-a', '*', '%25', 'org-a%00', 'x'.repeat(5_000)];
    for (const [who, token] of Object.entries(outsiders)) {
      const answers = [];
      for (const id of hostile) {
        const answer = await api(app, token, 'GET', `/api/organisations/${id}/roles`);
        expect(answer.text, `${who} ${id.slice(0, 20)}`).not.toContain('Attack11 org-a');
        answers.push(`${answer.status} ${answer.text.replace(id, '<id>')}`);
      }
      expect(answers[0], who).toMatch(/^403 /);
      expect(new Set(answers.slice(0, 2)).size, who).toBe(1);
      for (const answer of answers) expect(answer, who).toMatch(/^4\d\d /);
    }
    const own = await ok(app, outsiders.workerOfB, 'GET', '/api/organisations/org-b/roles');
    expect(own.organisationName).toBe('Attack11 org-b');
  });
});

describe('migration xapi/009 (the attachments index)', () => {
  const migration = statementQueryModelMigrations.find((m) => m.id.startsWith('xapi/009'))!;

  it('runs twice on a database with the read model, and on one without it', async () => {
    await app.runtime.pool.query(migration.sql);
    await app.runtime.pool.query(migration.sql);
    const { rows } = await app.runtime.pool.query(
      "select indexdef from pg_indexes where indexname = 'statements_with_attachments'",
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const bare = await createTestDatabase(1);
    const pool = new pg.Pool({ connectionString: bare.url, max: 1 });
    try {
      await pool.query(migration.sql);
      await pool.query(migration.sql);
    } finally {
      await pool.end();
      await bare.drop();
    }
  });
});

describe("instantOf's canonical fast path", () => {
  it('gives what the full parse gives for edge strings', () => {
    const full = (value: string) => {
      const parsed = parseTimestamp(value, '1.0.3');
      return parsed && new Date(Math.floor(parsed.epochMs)).toISOString();
    };
    const edges = [
      '0000-01-01T00:00:00.000Z',
      '0001-01-01T00:00:00.000Z',
      '0004-02-29T00:00:00.000Z',
      '0100-02-29T00:00:00.000Z',
      '0400-02-29T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2000-02-29T00:00:00.000Z',
      '2023-02-29T00:00:00.000Z',
      '2024-04-31T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2024-01-01T24:00:00.000Z',
      '2024-01-01T23:59:60.000Z',
      '2024-01-01T23:60:00.000Z',
      '2024-00-01T00:00:00.000Z',
      '2024-13-01T00:00:00.000Z',
      '2024-01-00T00:00:00.000Z',
      '2024-01-01t00:00:00.000Z',
      '2024-01-01T00:00:00.000z',
      '2024-01-01T00:00:00.000Z\n',
      '٢٠٢٤-01-01T00:00:00.000Z',
      '２０２４-01-01T00:00:00.000Z',
    ];
    for (const value of edges) expect(instantOf(value), JSON.stringify(value)).toBe(full(value));
    // Every field drawn past its range too (days 00-39, hours 00-29, minutes and seconds 00-69), seeded.
    let seed = 11;
    const next = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n);
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    for (let i = 0; i < 50_000; i++) {
      const value =
        `${pad(next(10_000), 4)}-${pad(next(14), 2)}-${pad(next(40), 2)}T` +
        `${pad(next(30), 2)}:${pad(next(70), 2)}:${pad(next(70), 2)}.${pad(next(1000), 3)}Z`;
      if (instantOf(value) !== full(value)) expect(instantOf(value), value).toBe(full(value));
    }
  });
});

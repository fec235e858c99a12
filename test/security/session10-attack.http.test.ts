import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { ok } from '../support/http-api.js';
import { registerOrganisation } from '../support/organisations.js';
import { passwordHashing } from '../../libs/identity/src/passwords/password-hash.js';

/**
 * Session 10, an outsider's attack on today's changes: the evidence reactor reading a batch's streams at once
 * (EventStore.readStreams) and the bounded password-hash queue, over real HTTP.
 */
let app: TestApp;
const lrs: Record<string, string> = {};
const WORKERS_PER_ORGANISATION = 16;
const STATEMENTS_PER_WORKER = 20;

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b']) {
    await registerOrganisation(app, id, { name: `Attack10 ${id}` });
    const client = await ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
      name: `LMS of ${id}`,
      organisationId: id,
      scopes: ['all'],
    });
    lrs[id] = `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`;
  }
}, 180_000);

afterAll(async () => {
  await app?.close();
});

const reflection = (email: string, text: string) => ({
  actor: { objectType: 'Agent', mbox: `mailto:${email}` },
  verb: { id: 'https://w3id.org/xapi/clf/verbs/reflected', display: { en: 'reflected' } },
  object: {
    objectType: 'Activity',
    id: `urn:uuid:${randomUUID()}`,
    definition: { type: 'https://w3id.org/xapi/clf/activity-types/reflective-account' },
  },
  context: { contextActivities: { category: [{ id: 'https://w3id.org/xapi/clf/v1.1' }] } },
  result: { response: text },
  timestamp: '2025-03-01T10:00:00Z',
});

async function postStatements(authorization: string, statements: unknown[]) {
  const response = await fetch(`${app.baseUrl}/xapi/statements`, {
    method: 'POST',
    headers: { authorization, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    body: JSON.stringify(statements),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

describe('the evidence reactor reading many streams at once', () => {
  it("records every worker's statements on their own timeline only, across pages and organisations", async () => {
    const workers: { id: string; organisationId: string; email: string; tag: string }[] = [];
    for (const organisationId of ['org-a', 'org-b'])
      for (let i = 0; i < WORKERS_PER_ORGANISATION; i++) {
        const email = `w${i}@${organisationId}.attack10.example.org`;
        const { id } = await ok(app, app.adminToken, 'POST', '/api/workers', {
          name: `Worker ${i} ${organisationId}`,
          identifiers: [{ mbox: `mailto:${email}` }],
          organisationId,
          joinedOn: '2020-01-01',
        });
        workers.push({ id, organisationId, email, tag: `attack10-${organisationId}-w${i}` });
      }
    // Interleaved so that every batch names many workers of both organisations.
    const all: { organisationId: string; statement: unknown }[] = [];
    for (let n = 0; n < STATEMENTS_PER_WORKER; n++)
      for (const worker of workers)
        all.push({
          organisationId: worker.organisationId,
          statement: reflection(worker.email, `${worker.tag}-s${n};`),
        });
    for (let start = 0; start < all.length; start += 40) {
      const batch = all.slice(start, start + 40);
      await Promise.all(
        ['org-a', 'org-b'].map((organisationId) => {
          const own = batch.filter((entry) => entry.organisationId === organisationId).map((entry) => entry.statement);
          return own.length ? postStatements(lrs[organisationId]!, own) : undefined;
        }),
      );
    }
    // Another organisation's LMS naming org-a's first worker, in batches with unknown actors of its own.
    const target = workers[0]!;
    for (let n = 0; n < 3; n++)
      await postStatements(lrs['org-b']!, [
        ...Array.from({ length: 12 }, (_, k) => reflection(target.email, `attack10-foreign-${n}-${k};`)),
        ...Array.from({ length: 12 }, (_, k) => reflection(`new${n}-${k}@b.attack10.example.org`, `attack10-new;`)),
      ]);
    await waitForProjections(app.runtime, 120_000);
    const targetTimeline = JSON.stringify(
      await ok(app, app.adminToken, 'GET', `/api/workers/${target.id}/timeline?limit=500`),
    );
    // org-b's LMS records nothing on org-a's worker (its organisation's records only).
    expect(targetTimeline).not.toContain('attack10-foreign');
    for (const worker of workers) {
      const timeline = JSON.stringify(
        await ok(app, app.adminToken, 'GET', `/api/workers/${worker.id}/timeline?limit=500`),
      );
      const found = [...timeline.matchAll(/attack10-org-[ab]-w\d+-s\d+;/g)].map((match) => match[0]).sort();
      const expected = Array.from({ length: STATEMENTS_PER_WORKER }, (_, n) => `${worker.tag}-s${n};`).sort();
      expect(found, worker.tag).toEqual(expected);
    }
  }, 300_000);
});

describe('refused bodies on /api/auth/sign-in', () => {
  const deep = (depth: number) => '{"email":' + '['.repeat(depth) + ']'.repeat(depth) + ',"password":"x"}';
  const bodies: [string, string | Buffer][] = [
    ['malformed JSON', '{"email": "a@example.org", "password": '],
    ['a NUL in the password', JSON.stringify({ email: 'nul@example.org', password: 'pass\u0000word' })],
    ['a NUL in the email', JSON.stringify({ email: 'n\u0000ul@example.org', password: 'password' })],
    [
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from('{"email":"utf@example.org","password":"'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('"}'),
      ]),
    ],
    ['a 1 MB body', JSON.stringify({ email: 'big@example.org', password: 'p'.repeat(1024 * 1024) })],
    ['a 1 MB email', JSON.stringify({ email: `${'e'.repeat(1024 * 1024)}@example.org`, password: 'password' })],
    ['10,000-deep nesting', deep(10_000)],
    [
      '10,000-deep nesting in the password',
      '{"email":"deep@example.org","password":' + '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000) + '}',
    ],
    ['an array', '[]'],
    ['null', 'null'],
  ];

  it('counts the hash of a well-formed sign-in (the counter below can see one)', async () => {
    const hashes = countHashes();
    try {
      const response = await fetch(`${app.baseUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'control@attack10.example.org', password: 'not the password' }),
      });
      expect(response.status).toBe(401);
      expect(hashes.count()).toBeGreaterThan(0);
    } finally {
      hashes.restore();
    }
  });

  it.each(bodies)('answers %s with a 4xx and hashes nothing', async (_, body) => {
    const hashes = countHashes();
    try {
      const response = await fetch(`${app.baseUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      expect(response.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
      expect(response.status, text.slice(0, 300)).toBeLessThan(500);
      expect(hashes.count()).toBe(0);
    } finally {
      hashes.restore();
    }
  });
});

/** Counts the password hashes run until `restore`: a refused body must cost none. */
function countHashes(): { count: () => number; restore: () => void } {
  const runs = passwordHashing.run.bind(passwordHashing);
  let hashed = 0;
  passwordHashing.run = ((...args: Parameters<typeof runs>) => {
    hashed++;
    return runs(...args);
  }) as typeof passwordHashing.run;
  return { count: () => hashed, restore: () => (passwordHashing.run = runs) };
}

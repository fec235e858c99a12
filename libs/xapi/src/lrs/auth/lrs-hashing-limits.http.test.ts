import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASHES_IN_FLIGHT, MAX_HASHES_WAITING, passwordHashing } from '#libs/identity';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';
import { holdEveryHashPlace } from '../../../../../test/support/hash-queue.js';
import { ok } from '../../../../../test/support/http-api.js';

/**
 * LRS client secrets take their turn in the bounded hash queue of passwords: a flood of wrong Basic
 * credentials is held to HASHES_IN_FLIGHT hashes at once and MAX_HASHES_WAITING waiting, the rest
 * refused with 503 and Retry-After, while a client whose credentials are cached costs no hash at all.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

interface Client {
  id: string;
  key: string;
  secret: string;
}

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

function readStatements(key: string, secret: string, query = 'limit=1'): Promise<Response> {
  return fetch(`${app.baseUrl}/xapi/statements?${query}`, {
    headers: { authorization: basic(key, secret), 'x-experience-api-version': '1.0.3' },
  });
}

/** A PUT carries a body, so the body gate checks the credentials before the guard does. */
function putStatement(key: string, secret: string, id: string): Promise<Response> {
  return fetch(`${app.baseUrl}/xapi/statements?statementId=${id}`, {
    method: 'PUT',
    headers: {
      authorization: basic(key, secret),
      'x-experience-api-version': '1.0.3',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      actor: { objectType: 'Agent', mbox: 'mailto:learner@example.org' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: 'https://example.org/activities/flood' },
    }),
  });
}

function registerClient(name: string): Promise<Client> {
  return ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', { name, scopes: ['all'] }) as Promise<Client>;
}

/** The 503 of a refused check: Retry-After, the xAPI envelope, and a message saying nothing was checked. */
async function expectBusy(response: Response): Promise<string> {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
  expect(response.headers.get('www-authenticate')).toBeNull();
  const body = (await response.json()) as { error: { status: number; message: string } };
  expect(body.error.status).toBe(503);
  expect(body.error.message).toMatch(/being checked at once: these credentials were not checked .* try again in/);
  return body.error.message;
}

/** Samples the hash queue every millisecond (the API runs in this process) until stopped. */
function sampleQueue() {
  const seen = { mostRunning: 0, mostWaiting: 0 };
  let sampling = true;
  const sample = () => {
    seen.mostRunning = Math.max(seen.mostRunning, passwordHashing.runningNow);
    seen.mostWaiting = Math.max(seen.mostWaiting, passwordHashing.waitingNow);
    if (sampling) setTimeout(sample, 1);
  };
  sample();
  return {
    stop() {
      sampling = false;
      return seen;
    },
  };
}

describe('a flood of wrong Basic credentials', () => {
  it('is held to the hash queue (503 and Retry-After beyond it) while a cached client keeps getting 200', async () => {
    const target = await registerClient('Flooded');
    // The bootstrap client's credentials are verified once, and cached from then on.
    expect((await readStatements(app.lrsKey, app.lrsSecret)).status).toBe(200);
    const sampler = sampleQueue();
    // Distinct wrong secrets (and unknown keys): identical credentials would share one verification.
    const burst = HASHES_IN_FLIGHT + MAX_HASHES_WAITING + 30;
    const flood = Array.from({ length: burst }, (_, i) =>
      i % 3 === 0
        ? readStatements(`unknown-${i}`, `guess-${i}`)
        : i % 3 === 1
          ? readStatements(target.key, `guess-${i}`)
          : putStatement(target.key, `guess-${i}`, randomUUID()),
    );
    // While the queue is full, the cached client is still answered: a cache hit costs no hash.
    await waitFor(() => passwordHashing.waitingNow === MAX_HASHES_WAITING);
    const queueFullWhenSent = passwordHashing.waitingNow === MAX_HASHES_WAITING;
    const cached = await Promise.all([
      readStatements(app.lrsKey, app.lrsSecret),
      readStatements(app.lrsKey, app.lrsSecret, 'limit=2'),
      putStatement(app.lrsKey, app.lrsSecret, randomUUID()),
    ]);
    const responses = await Promise.all(flood);
    const seen = sampler.stop();

    expect(queueFullWhenSent).toBe(true);
    expect(cached.map((response) => response.status)).toEqual([200, 200, 204]);
    const refused = responses.filter((response) => response.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(responses.every((response) => response.status === 401 || response.status === 503)).toBe(true);
    for (const response of refused) await expectBusy(response);
    expect(seen.mostRunning).toBeLessThanOrEqual(HASHES_IN_FLIGHT);
    expect(seen.mostWaiting).toBe(MAX_HASHES_WAITING);
    expect(passwordHashing.mostWaiting).toBeLessThanOrEqual(MAX_HASHES_WAITING);

    // After the flood: the wrong secret is refused again, the right one accepted.
    const wrong = await readStatements(target.key, 'guess-after');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="Continuum xAPI"');
    expect((await readStatements('unknown-after', 'guess-after')).status).toBe(401);
    expect((await readStatements(target.key, target.secret)).status).toBe(200);
  });
});

describe('while every place in the hash queue is taken', () => {
  it('answers every uncached credential alike with 503, stores nothing, and a cached client as usual', async () => {
    const cachedClient = await registerClient('Already verified');
    const fresh = await registerClient('Not yet verified');
    const revoked = await registerClient('Revoked');
    expect((await readStatements(cachedClient.key, cachedClient.secret)).status).toBe(200);
    expect((await fetch(`${app.baseUrl}/api/admin/lrs-clients/${revoked.id}`, adminDelete())).status).toBe(204);
    const clientsBefore = await listedClients();
    const statementId = randomUUID();

    const release = holdEveryHashPlace();
    try {
      // A cache hit costs no hash: had it needed one, it would have been refused like the rest.
      expect((await readStatements(cachedClient.key, cachedClient.secret)).status).toBe(200);
      expect((await putStatement(cachedClient.key, cachedClient.secret, randomUUID())).status).toBe(204);

      // The right secret of a client not yet verified, a wrong one, an unknown key and a revoked key get
      // the same answer, before any secret is compared: the refusal tells nothing about the credentials.
      const messages = [
        await expectBusy(await putStatement(fresh.key, fresh.secret, statementId)),
        await expectBusy(await readStatements(fresh.key, fresh.secret)),
        await expectBusy(await readStatements(fresh.key, 'wrong')),
        await expectBusy(await readStatements('no-such-key', 'wrong')),
        await expectBusy(await readStatements(revoked.key, revoked.secret)),
      ];
      expect(new Set(messages).size).toBe(1);

      // Registering a client hashes its secret: refused as a problem, and no client is made.
      const registration = await fetch(`${app.baseUrl}/api/admin/lrs-clients`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminToken}` },
        body: JSON.stringify({ name: 'Refused' }),
      });
      expect(registration.status).toBe(503);
      expect(registration.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
      expect(registration.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await registration.json()).toMatchObject({
        status: 503,
        detail: expect.stringMatching(/secrets are being hashed at once .*nothing was done/),
      });
    } finally {
      await release();
    }

    expect(await listedClients()).toEqual(clientsBefore);
    // The refused PUT stored nothing; a refusal is not remembered as a verdict either way.
    expect((await readStatements(fresh.key, fresh.secret, `statementId=${statementId}`)).status).toBe(404);
    expect((await readStatements(fresh.key, 'wrong')).status).toBe(401);
    expect((await readStatements('no-such-key', 'wrong')).status).toBe(401);
    expect((await readStatements(revoked.key, revoked.secret)).status).toBe(401);
  });
});

function adminDelete(): RequestInit {
  return { method: 'DELETE', headers: { authorization: `Bearer ${app.adminToken}` } };
}

async function listedClients(): Promise<string[]> {
  const clients = (await ok(app, app.adminToken, 'GET', '/api/admin/lrs-clients')) as { id: string }[];
  return clients.map((client) => client.id).sort();
}

/** Polls until `check` holds, or gives up after `timeoutMs` (the caller asserts what it needs). */
async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
}

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';
import { lrs, type LrsCall } from './testing/lrs-http.js';

// Read-your-writes for the document resources: a write that answered 204 is what the very next GET
// of that document (and of the ids list) returns, however many changes the document has had
// (Communication 2.2.s5-s8: a document is what was last PUT, POSTed into or DELETEd; 2.3, 2.6, 2.7).
// Content packages save state and read it back at once.

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

interface DocumentResource {
  name: string;
  path: string;
  idParam: string;
  /** The parameters naming the document's context (the ids list takes these alone). */
  context(): Record<string, string | object>;
}

const resources: DocumentResource[] = [
  {
    name: 'State',
    path: '/xapi/activities/state',
    idParam: 'stateId',
    context: () => ({
      activityId: `http://example.com/activities/${randomUUID()}`,
      agent: { mbox: `mailto:${randomUUID()}@example.com` },
    }),
  },
  {
    name: 'Activity Profile',
    path: '/xapi/activities/profile',
    idParam: 'profileId',
    context: () => ({ activityId: `http://example.com/activities/${randomUUID()}` }),
  },
  {
    name: 'Agent Profile',
    path: '/xapi/agents/profile',
    idParam: 'profileId',
    context: () => ({ agent: { account: { homePage: 'http://lms.example.com', name: randomUUID() } } }),
  },
];

/** A small seeded generator, so a failing sequence can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

for (const resource of resources) {
  describe(`${resource.name} Resource: read-your-writes`, () => {
    const call = (method: string, options: LrsCall) =>
      lrs(app, method, resource.path, { version: '2.0.0', ...options });

    it('DELETE → POST → GET, many times over on one document: every GET returns what the POST stored', async () => {
      const context = resource.context();
      const query = { ...context, [resource.idParam]: 'progress' };
      for (let i = 0; i < 30; i++) {
        expect((await call('DELETE', { query })).status).toBe(204);
        expect((await call('POST', { query, body: { step: i } })).status).toBe(204);
        const got = await call('GET', { query });
        expect(got.status, `iteration ${i}: ${got.text}`).toBe(200);
        expect(got.json()).toEqual({ step: i });
      }
    });

    it('a random sequence of PUT, POST and DELETE: after each 204 the document and the ids list are what a simple model says', async () => {
      const context = resource.context();
      const ids = ['a', 'b'];
      const model = new Map<string, Record<string, number>>();
      const next = random(13);
      for (let i = 0; i < 40; i++) {
        const id = ids[Math.floor(next() * ids.length)]!;
        const query = { ...context, [resource.idParam]: id };
        const current = model.get(id);
        const roll = next();
        if (roll < 0.4) {
          const body = { [`k${i % 3}`]: i };
          // 2.0: a PUT over an existing document needs its ETag (If-Match); a new one needs If-None-Match or nothing.
          const etag = current ? (await call('GET', { query })).headers.get('etag')! : undefined;
          const response = await call('PUT', { query, body, headers: etag ? { 'if-match': etag } : {} });
          expect(response.status, response.text).toBe(204);
          model.set(id, body);
        } else if (roll < 0.8) {
          const body = { [`k${i % 3}`]: i };
          expect((await call('POST', { query, body })).status).toBe(204);
          model.set(id, { ...current, ...body });
        } else {
          expect((await call('DELETE', { query })).status).toBe(204);
          model.delete(id);
        }
        const got = await call('GET', { query });
        const expected = model.get(id);
        expect(got.status, `step ${i}: ${got.text}`).toBe(expected ? 200 : 404);
        if (expected) expect(got.json(), `step ${i}`).toEqual(expected);
        const list = await call('GET', { query: context });
        expect(list.json(), `step ${i}`).toEqual(ids.filter((candidate) => model.has(candidate)));
      }
    });
  });
}

it('State: a multiple-document DELETE right after a POST deletes what the POST stored (Communication 2.3.s5)', async () => {
  const [state] = resources;
  const context = state!.context();
  for (let i = 0; i < 10; i++) {
    const query = { ...context, stateId: `s${i}` };
    expect((await lrs(app, 'POST', state!.path, { query, body: { i } })).status).toBe(204);
    expect((await lrs(app, 'DELETE', state!.path, { query: context })).status).toBe(204);
    expect((await lrs(app, 'GET', state!.path, { query })).status, `iteration ${i}`).toBe(404);
  }
});

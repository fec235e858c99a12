import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';
import { createClient, lrs, sleep, type LrsCall } from './testing/lrs-http.js';

// Spec-derived tests of the Activity Profile and Agent Profile Resources (Communication 2.2, 2.6,
// 2.7, 3.1; IEEE 9274.1.1 4.1.6.5-4.1.6.6). Both behave alike, so each rule runs against both.

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

interface ProfileResource {
  name: string;
  path: string;
  /** A fresh context (activityId or agent) per call. */
  context(): Record<string, string | object>;
  contextParam: string;
}

const resources: ProfileResource[] = [
  {
    name: 'Activity Profile',
    path: '/xapi/activities/profile',
    context: () => ({ activityId: `http://example.com/activities/${randomUUID()}` }),
    contextParam: 'activityId',
  },
  {
    name: 'Agent Profile',
    path: '/xapi/agents/profile',
    context: () => ({ agent: { account: { homePage: 'http://lms.example.com', name: randomUUID() } } }),
    contextParam: 'agent',
  },
];

for (const resource of resources) {
  // 2.0 unless a test says otherwise: under 1.0.3 a PUT needs a concurrency header even for a new document.
  const call = (method: string, options: LrsCall) => lrs(app, method, resource.path, { version: '2.0.0', ...options });

  describe(`${resource.name} Resource`, () => {
    it('1.0.3: a PUT with neither If-Match nor If-None-Match is 400 for a new document and 409 for an existing one, and stores nothing (Communication 3.1, XAPI-00273)', async () => {
      const query = { ...resource.context(), profileId: 'p' };
      const missing = await call('PUT', { query, body: { a: 1 }, version: '1.0.3' });
      expect(missing.status).toBe(400);
      expect(missing.message).toMatch(/^If-Match or If-None-Match header: required .*If-None-Match: \* .*XAPI-00273/);
      expect((await call('GET', { query, version: '1.0.3' })).status).toBe(404);
      expect(
        (await call('PUT', { query, body: { a: 1 }, version: '1.0.3', headers: { 'if-none-match': '*' } })).status,
      ).toBe(204);
      const existing = await call('PUT', { query, body: { a: 2 }, version: '1.0.3' });
      expect(existing.status).toBe(409);
      expect(existing.message).toMatch(/check the current state of the document.*If-Match/);
      expect((await call('GET', { query, version: '1.0.3' })).json()).toEqual({ a: 1 });
    });

    it('2.0: PUT of a new document needs no header; GET returns it with ETag and Last-Modified', async () => {
      const query = { ...resource.context(), profileId: 'p' };
      expect((await call('PUT', { query, body: { a: 1 } })).status).toBe(204);
      const got = await call('GET', { query });
      expect(got.status).toBe(200);
      expect(got.json()).toEqual({ a: 1 });
      expect(got.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
      expect(got.headers.get('last-modified')).toBeTruthy();
    });

    it('PUT without If-Match / If-None-Match on an existing document is 409 and changes nothing (3.1.s4.b13-b15)', async () => {
      const query = { ...resource.context(), profileId: 'p' };
      await call('PUT', { query, body: { a: 1 } });
      for (const version of ['1.0.3', '2.0.0']) {
        const put = await call('PUT', { query, body: { a: 2 }, version });
        expect(put.status).toBe(409);
        expect(put.message).toMatch(/check the current state of the document.*If-Match/);
      }
      expect((await call('GET', { query })).json()).toEqual({ a: 1 });
    });

    it('PUT with the current ETag in If-Match replaces the document; a stale one is 412', async () => {
      const query = { ...resource.context(), profileId: 'p' };
      await call('PUT', { query, body: { a: 1 } });
      const etag = (await call('GET', { query })).headers.get('etag')!;
      expect((await call('PUT', { query, body: { a: 2 }, headers: { 'if-match': etag } })).status).toBe(204);
      const stale = await call('PUT', {
        query,
        body: { a: 3 },
        headers: { 'if-match': '"1111111111111111111111111111111111111111"' },
      });
      expect(stale.status).toBe(412);
      expect((await call('GET', { query })).json()).toEqual({ a: 2 });
    });

    it('If-None-Match: * creates only when absent', async () => {
      const query = { ...resource.context(), profileId: 'p' };
      expect((await call('PUT', { query, body: { a: 1 }, headers: { 'if-none-match': '*' } })).status).toBe(204);
      expect((await call('PUT', { query, body: { a: 2 }, headers: { 'if-none-match': '*' } })).status).toBe(412);
      expect((await call('POST', { query, body: { b: 2 }, headers: { 'if-none-match': '*' } })).status).toBe(412);
    });

    it('POST merges JSON objects and refuses to merge into other content (2.2.s7-s8)', async () => {
      const query = { ...resource.context(), profileId: 'p' };
      expect((await call('POST', { query, body: { x: 'foo', y: 'bar' } })).status).toBe(204);
      expect((await call('POST', { query, body: { x: 'bash', z: 'faz' } })).status).toBe(204);
      expect((await call('GET', { query })).json()).toEqual({ x: 'bash', y: 'bar', z: 'faz' });
      const other = { ...resource.context(), profileId: 'p' };
      await call('PUT', { query: other, body: 'text', contentType: 'text/plain' });
      expect((await call('POST', { query: other, body: { a: 1 } })).status).toBe(400);
    });

    it('DELETE removes the document; If-Match on DELETE is honoured', async () => {
      const query = { ...resource.context(), profileId: 'p' };
      await call('PUT', { query, body: { a: 1 } });
      expect(
        (await call('DELETE', { query, headers: { 'if-match': '"0000000000000000000000000000000000000000"' } })).status,
      ).toBe(412);
      const etag = (await call('GET', { query })).headers.get('etag')!;
      expect((await call('DELETE', { query, headers: { 'if-match': etag } })).status).toBe(204);
      expect((await call('GET', { query })).status).toBe(404);
    });

    it('GET without profileId lists the ids, filtered by since (exclusive)', async () => {
      const base = resource.context();
      await call('PUT', { query: { ...base, profileId: 'one' }, body: {} });
      await sleep(20);
      const between = new Date().toISOString();
      await sleep(20);
      await call('PUT', { query: { ...base, profileId: 'two' }, body: {} });
      const all = await call('GET', { query: base });
      expect(all.json()).toEqual(['one', 'two']);
      expect(all.headers.get('last-modified')).toBeTruthy();
      expect((await call('GET', { query: { ...base, since: between } })).json()).toEqual(['two']);
      const both = await call('GET', { query: { ...base, profileId: 'one', since: between } });
      expect(both.status).toBe(400);
      expect(both.message).toMatch(/^since parameter: not allowed with profileId/);
    });

    it('400 naming the parameter: missing profileId on PUT, unknown parameter, wrong case', async () => {
      const missing = await call('PUT', { query: resource.context(), body: {} });
      expect(missing.status).toBe(400);
      expect(missing.message).toMatch(/^profileId parameter: required/);
      const unknown = await call('GET', { query: { ...resource.context(), stateId: 'x' } });
      expect(unknown.status).toBe(400);
      expect(unknown.message).toMatch(/^stateId parameter: not allowed in the .* Resource/);
      const wrongCase = await call('GET', { query: { ...resource.context(), ProfileId: 'x' } });
      expect(wrongCase.status).toBe(400);
      expect(wrongCase.message).toMatch(/use "profileId"/);
      const noContext = await call('GET', { query: { profileId: 'x' } });
      expect(noContext.status).toBe(400);
      expect(noContext.message).toMatch(new RegExp(`^${resource.contextParam} parameter: required`));
    });

    it('needs scope profile (all/read may read); a client sees only its organisation', async () => {
      const query = { ...resource.context(), profileId: 'p' };
      await call('PUT', { query, body: { a: 1 } });
      const stateOnly = await createClient(app, ['state']);
      expect((await call('GET', { query, auth: stateOnly })).status).toBe(403);
      const reader = await createClient(app, ['all/read']);
      expect((await call('GET', { query, auth: reader })).status).toBe(200);
      expect((await call('DELETE', { query, auth: reader })).status).toBe(403);
      const other = await createClient(app, ['profile'], 'another-org');
      expect((await call('GET', { query, auth: other })).status).toBe(404);
      expect((await call('PUT', { query, body: { b: 1 }, auth: other })).status).toBe(204);
      expect((await call('GET', { query })).json()).toEqual({ a: 1 });
    });
  });
}

it('agent profile: the agent parameter must be an Agent, not a Group (Communication 2.6.s3 note)', async () => {
  const response = await lrs(app, 'GET', '/xapi/agents/profile', {
    query: { agent: { objectType: 'Group', member: [{ mbox: 'mailto:a@b.c' }] }, profileId: 'p' },
  });
  expect(response.status).toBe(400);
  expect(response.message).toMatch(/^agent parameter: agent\.objectType: must be an Agent/);
});

import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../../test/support/app.js';
import { basicAuth, createClient, lrs, queryString, sleep, type LrsCall } from '../testing/lrs-http.js';

// Spec-derived tests of the State Resource (Communication 2.2, 2.3, 3.1, 3.2; IEEE 9274.1.1 4.1.6.2).

let app: TestApp;
const PATH = '/xapi/activities/state';
const MAX_EVENT_BYTES = 65_536;

beforeAll(async () => {
  app = await startTestApp({ env: { MAX_EVENT_BYTES: String(MAX_EVENT_BYTES) } });
});

afterAll(async () => {
  await app?.close();
});

/** A fresh context per test, so tests do not see each other's documents. */
function context(extra: Record<string, string | object | undefined> = {}) {
  return {
    activityId: `http://example.com/activities/${randomUUID()}`,
    agent: { objectType: 'Agent', mbox: `mailto:${randomUUID()}@example.com` },
    ...extra,
  };
}

const state = (method: string, call: LrsCall) => lrs(app, method, PATH, call);
const sha1 = (bytes: Buffer | string) => createHash('sha1').update(bytes).digest('hex');

describe('single document PUT / GET (Communication 2.3.s3)', () => {
  it('stores the document as sent and returns it with its Content-Type, a quoted SHA-1 ETag and Last-Modified', async () => {
    const query = { ...context(), stateId: 'bookmark' };
    const body = '{"page":  12, "note":"Zoë"}';
    const put = await state('PUT', { query, body, contentType: 'application/json; charset=utf-8' });
    expect(put.status).toBe(204);
    const got = await state('GET', { query });
    expect(got.status).toBe(200);
    expect(got.text).toBe(body);
    expect(got.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(got.headers.get('etag')).toBe(`"${sha1(body)}"`);
    expect(Date.parse(got.headers.get('last-modified')!)).toBeGreaterThan(Date.now() - 60_000);
    expect(got.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('keeps binary documents byte for byte', async () => {
    const query = { ...context(), stateId: 'image' };
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x80]);
    expect((await state('PUT', { query, body: bytes, contentType: 'image/png' })).status).toBe(204);
    const got = await state('GET', { query });
    expect(got.body.equals(bytes)).toBe(true);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('etag')).toBe(`"${sha1(bytes)}"`);
  });

  it('keeps a text document holding U+0000 byte for byte', async () => {
    const query = { ...context(), stateId: 'nul-text' };
    const bytes = Buffer.from('before\u0000after', 'utf8');
    expect((await state('PUT', { query, body: bytes, contentType: 'text/plain' })).status).toBe(204);
    expect((await state('GET', { query })).body.equals(bytes)).toBe(true);
  });

  it('HEAD answers like GET without the body (Communication 1.1)', async () => {
    const query = { ...context(), stateId: 'head' };
    await state('PUT', { query, body: { a: 1 } });
    const head = await state('HEAD', { query });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.get('etag')).toBe(`"${sha1('{"a":1}')}"`);
  });

  it('a document sent without a Content-Type is stored as application/octet-stream', async () => {
    const query = { ...context(), stateId: 'untyped' };
    const response = await fetch(`${app.baseUrl}${PATH}${queryString(query)}`, {
      method: 'PUT',
      headers: { authorization: basicAuth(app), 'x-experience-api-version': '1.0.3' },
      body: Buffer.from('raw bytes'),
    });
    expect(response.status).toBe(204);
    const got = await state('GET', { query });
    expect(got.text).toBe('raw bytes');
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('1.0.3 alternate request syntax: POST ?method=PUT with the document in the content form field (Communication 1.3)', async () => {
    const query = { ...context(), stateId: 'alt' };
    const form = new URLSearchParams({
      ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
      Authorization: basicAuth(app),
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
      content: '{"via":"form"}',
    });
    const response = await fetch(`${app.baseUrl}${PATH}?method=PUT`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(response.status).toBe(204);
    expect((await state('GET', { query })).json()).toEqual({ via: 'form' });
  });

  it('a document written 13 times: every PUT answers 204 and GET shows each write at once; If-Match, POST and DELETE act on the last', async () => {
    // Each write is an event in the document's stream, read back by revision: past revision 9 too.
    const query = { ...context(), stateId: 'often' };
    for (let i = 1; i <= 13; i++) {
      const put = await state('PUT', { query, body: { write: i } });
      expect(put.status, `PUT number ${i}: ${put.message}`).toBe(204);
      expect((await state('GET', { query })).json()).toEqual({ write: i });
    }
    const etag = (await state('GET', { query })).headers.get('etag')!;
    expect(etag).toBe(`"${sha1('{"write":13}')}"`);
    expect((await state('POST', { query, body: { merged: true }, headers: { 'if-match': etag } })).status).toBe(204);
    expect((await state('GET', { query })).json()).toEqual({ write: 13, merged: true });
    expect((await state('DELETE', { query })).status).toBe(204);
    expect((await state('GET', { query })).status).toBe(404);
  });

  it('404 for a document that does not exist', async () => {
    const got = await state('GET', { query: { ...context(), stateId: 'nothing' } });
    expect(got.status).toBe(404);
    expect(got.message).toMatch(/nothing/);
  });

  it('registration is part of the document key, and matches case-insensitively', async () => {
    const base = context();
    const registration = randomUUID();
    await state('PUT', { query: { ...base, stateId: 's', registration }, body: { with: true } });
    await state('PUT', { query: { ...base, stateId: 's' }, body: { without: true } });
    expect(
      (await state('GET', { query: { ...base, stateId: 's', registration: registration.toUpperCase() } })).json(),
    ).toEqual({ with: true });
    expect((await state('GET', { query: { ...base, stateId: 's' } })).json()).toEqual({ without: true });
  });

  it('the same Agent spelled with a different mbox domain case names the same documents', async () => {
    const base = context();
    const agent = { mbox: 'mailto:Ann@Example.COM', name: 'Ann' };
    await state('PUT', { query: { ...base, agent, stateId: 's' }, body: { x: 1 } });
    const got = await state('GET', { query: { ...base, agent: { mbox: 'mailto:Ann@example.com' }, stateId: 's' } });
    expect(got.json()).toEqual({ x: 1 });
  });

  it('413 when a document is larger than an event can hold, and nothing is stored (Communication 3.2.s3.b11)', async () => {
    const query = { ...context(), stateId: 'big' };
    const put = await state('PUT', {
      query,
      body: Buffer.alloc(MAX_EVENT_BYTES, 0xff),
      contentType: 'application/octet-stream',
    });
    expect(put.status).toBe(413);
    expect(put.message).toMatch(/^document: \d+ bytes is larger than this LRS stores/);
    expect((await state('GET', { query })).status).toBe(404);
  });
});

describe('POST merges JSON (Communication 2.2.s7-s8)', () => {
  it('merges top-level properties into an existing JSON document (204)', async () => {
    const query = { ...context(), stateId: 'vars' };
    await state('POST', { query, body: { x: 'foo', y: 'bar' } });
    const merged = await state('POST', { query, body: { x: 'bash', z: 'faz' } });
    expect(merged.status).toBe(204);
    expect((await state('GET', { query })).json()).toEqual({ x: 'bash', y: 'bar', z: 'faz' });
  });

  it('400 and no change when the existing document is not application/json', async () => {
    const query = { ...context(), stateId: 'text' };
    await state('PUT', { query, body: 'plain words', contentType: 'text/plain' });
    const post = await state('POST', { query, body: { a: 1 } });
    expect(post.status).toBe(400);
    expect(post.message).toMatch(/existing document has Content-Type "text\/plain".*2\.2\.s8\.b1/);
    expect((await state('GET', { query })).text).toBe('plain words');
  });

  it('400 and no change when the posted document is not a JSON object', async () => {
    const query = { ...context(), stateId: 'json' };
    await state('PUT', { query, body: { a: 1 } });
    const post = await state('POST', { query, body: '[1,2]', contentType: 'application/json' });
    expect(post.status).toBe(400);
    expect(post.message).toMatch(/must be a JSON object/);
    const notJson = await state('POST', { query, body: 'a=1', contentType: 'text/plain' });
    expect(notJson.status).toBe(400);
    expect(notJson.message).toMatch(/^Content-Type:/);
    expect((await state('GET', { query })).json()).toEqual({ a: 1 });
  });

  it('concurrent POSTs to one document all land: each merge re-reads after a lost race', async () => {
    const query = { ...context(), stateId: 'race' };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => state('POST', { query, body: { [`k${i}`]: i } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(204));
    expect(Object.keys((await state('GET', { query })).json<object>()).sort()).toEqual([
      'k0',
      'k1',
      'k2',
      'k3',
      'k4',
      'k5',
      'k6',
      'k7',
    ]);
  });
});

describe('concurrency (Communication 3.1; IEEE 9274.1.1 4.1.4)', () => {
  it('If-Match with the current ETag succeeds; a stale one is 412 and changes nothing', async () => {
    const query = { ...context(), stateId: 'c' };
    await state('PUT', { query, body: { v: 1 } });
    const etag = (await state('GET', { query })).headers.get('etag')!;
    expect((await state('PUT', { query, body: { v: 2 }, headers: { 'if-match': etag } })).status).toBe(204);
    const stale = await state('PUT', { query, body: { v: 3 }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.message).toMatch(/^If-Match header:/);
    expect((await state('POST', { query, body: { v: 3 }, headers: { 'if-match': etag } })).status).toBe(412);
    expect((await state('DELETE', { query, headers: { 'if-match': etag } })).status).toBe(412);
    expect((await state('GET', { query })).json()).toEqual({ v: 2 });
  });

  it('If-None-Match: * stores a new document and is 412 once it exists', async () => {
    const query = { ...context(), stateId: 'n' };
    expect((await state('PUT', { query, body: { v: 1 }, headers: { 'if-none-match': '*' } })).status).toBe(204);
    expect((await state('PUT', { query, body: { v: 2 }, headers: { 'if-none-match': '*' } })).status).toBe(412);
    expect((await state('GET', { query })).json()).toEqual({ v: 1 });
  });

  it('1.0.3: PUT without concurrency headers replaces an existing state document (3.1.s3)', async () => {
    const query = { ...context(), stateId: 'u' };
    await state('PUT', { query, body: { v: 1 } });
    expect((await state('PUT', { query, body: { v: 2 } })).status).toBe(204);
    expect((await state('GET', { query })).json()).toEqual({ v: 2 });
  });

  it('2.0: PUT without either header on an existing document is 409, explains what to do, and changes nothing', async () => {
    const query = { ...context(), stateId: 'v2' };
    await state('PUT', { query, body: { v: 1 }, version: '2.0.0' });
    const put = await state('PUT', { query, body: { v: 2 }, version: '2.0.0' });
    expect(put.status).toBe(409);
    expect(put.message).toMatch(/check the current state.*If-Match/);
    expect((await state('GET', { query, version: '2.0.0' })).json()).toEqual({ v: 1 });
  });

  it('of many PUTs with the same If-Match, exactly one wins', async () => {
    const query = { ...context(), stateId: 'one-wins' };
    await state('PUT', { query, body: { v: 0 } });
    const etag = (await state('GET', { query })).headers.get('etag')!;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => state('PUT', { query, body: { v: i + 1 }, headers: { 'if-match': etag } })),
    );
    expect(results.filter((r) => r.status === 204)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(5);
  });

  it('GET with If-None-Match naming the current ETag is 304', async () => {
    const query = { ...context(), stateId: 'cached' };
    await state('PUT', { query, body: { v: 1 } });
    const etag = (await state('GET', { query })).headers.get('etag')!;
    expect((await state('GET', { query, headers: { 'if-none-match': etag } })).status).toBe(304);
  });
});

describe('multiple documents: ids, since, DELETE all (Communication 2.3.s4-s5)', () => {
  it('lists the stateIds of the context; since is exclusive; Last-Modified is the newest', async () => {
    const base = context();
    await state('PUT', { query: { ...base, stateId: 'a' }, body: { a: 1 } });
    await sleep(20);
    const between = new Date().toISOString();
    await sleep(20);
    await state('PUT', { query: { ...base, stateId: 'b' }, body: { b: 1 } });
    const all = await state('GET', { query: base });
    expect(all.status).toBe(200);
    expect(all.json()).toEqual(['a', 'b']);
    const lastB = (await state('GET', { query: { ...base, stateId: 'b' } })).headers.get('last-modified');
    expect(all.headers.get('last-modified')).toBe(lastB);
    expect(all.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect((await state('GET', { query: { ...base, since: between } })).json()).toEqual(['b']);
    expect(
      (await state('GET', { query: { ...base, since: new Date(Date.now() + 60_000).toISOString() } })).json(),
    ).toEqual([]);
  });

  it('without registration, lists and deletes every registration of the Activity + Agent; with it, only that one', async () => {
    const base = context();
    const r1 = randomUUID();
    const r2 = randomUUID();
    await state('PUT', { query: { ...base, stateId: 'x', registration: r1 }, body: {} });
    await state('PUT', { query: { ...base, stateId: 'y', registration: r2 }, body: {} });
    await state('PUT', { query: { ...base, stateId: 'z' }, body: {} });
    expect((await state('GET', { query: { ...base, registration: r1 } })).json()).toEqual(['x']);
    expect((await state('GET', { query: base })).json()).toEqual(['x', 'y', 'z']);
    expect((await state('DELETE', { query: { ...base, registration: r1 } })).status).toBe(204);
    expect((await state('GET', { query: base })).json()).toEqual(['y', 'z']);
    expect((await state('DELETE', { query: base })).status).toBe(204);
    expect((await state('GET', { query: base })).json()).toEqual([]);
    expect((await state('GET', { query: { ...base, stateId: 'y', registration: r2 } })).status).toBe(404);
  });

  it('DELETE of one document removes it from GET and from the ids; deleting again is a no-op', async () => {
    const base = context();
    await state('PUT', { query: { ...base, stateId: 'gone' }, body: {} });
    await state('PUT', { query: { ...base, stateId: 'kept' }, body: {} });
    expect((await state('DELETE', { query: { ...base, stateId: 'gone' } })).status).toBe(204);
    expect((await state('GET', { query: { ...base, stateId: 'gone' } })).status).toBe(404);
    expect((await state('GET', { query: base })).json()).toEqual(['kept']);
    expect((await state('DELETE', { query: { ...base, stateId: 'gone' } })).status).toBe(204);
    // A document can come back after being deleted.
    await state('PUT', { query: { ...base, stateId: 'gone' }, body: { again: true } });
    expect((await state('GET', { query: { ...base, stateId: 'gone' } })).json()).toEqual({ again: true });
  });
});

describe('parameters: 400 naming the parameter and the rule (Communication 3.2)', () => {
  const cases: [string, () => LrsCall['query'], RegExp][] = [
    [
      'activityId missing',
      () => ({ ...context(), activityId: undefined, stateId: 's' }),
      /^activityId parameter: required/,
    ],
    [
      'activityId not an IRI',
      () => ({ ...context(), activityId: 'not an iri', stateId: 's' }),
      /^activityId parameter: must be an IRI/,
    ],
    ['agent missing', () => ({ ...context(), agent: undefined, stateId: 's' }), /^agent parameter: required/],
    ['agent not JSON', () => ({ ...context(), agent: '{mbox:', stateId: 's' }), /^agent parameter: .*not valid JSON/],
    [
      'agent with a bad mbox',
      () => ({ ...context(), agent: { mbox: 'ann@example.com' }, stateId: 's' }),
      /^agent parameter: agent\.mbox: must be a "mailto:" IRI/,
    ],
    [
      'agent with two identifiers',
      () => ({ ...context(), agent: { mbox: 'mailto:a@b.c', openid: 'http://x.y/z' }, stateId: 's' }),
      /^agent parameter: .*more than one inverse functional identifier/,
    ],
    [
      'agent a Group',
      () => ({ ...context(), agent: { objectType: 'Group', mbox: 'mailto:g@b.c' }, stateId: 's' }),
      /^agent parameter: agent\.objectType: must be an Agent/,
    ],
    [
      'registration not a UUID',
      () => ({ ...context(), registration: '1234', stateId: 's' }),
      /^registration parameter: must be a UUID/,
    ],
    [
      'an unknown parameter',
      () => ({ ...context(), stateId: 's', foo: 'bar' }),
      /^foo parameter: not allowed in the State Resource.*3\.2\.s3\.b7/,
    ],
    [
      'a parameter in the wrong case',
      () => ({ ...context(), stateid: 's' }),
      /^stateid parameter: .*use "stateId".*3\.2\.s3\.b8/,
    ],
    ['stateId empty', () => ({ ...context(), stateId: '' }), /^stateId parameter: must not be empty/],
  ];
  for (const [name, query, message] of cases) {
    it(`PUT with ${name}`, async () => {
      const response = await state('PUT', { query: query(), body: { a: 1 } });
      expect(response.status).toBe(400);
      expect(response.message).toMatch(message);
    });
  }

  it('GET with both stateId and since', async () => {
    const response = await state('GET', { query: { ...context(), stateId: 's', since: new Date().toISOString() } });
    expect(response.status).toBe(400);
    expect(response.message).toMatch(/^since parameter: not allowed with stateId/);
  });

  it('GET ids with a bad since', async () => {
    const response = await state('GET', { query: { ...context(), since: 'yesterday' } });
    expect(response.status).toBe(400);
    expect(response.message).toMatch(/^since parameter: must be an ISO 8601 timestamp/);
  });

  it('PUT with application/json content that is not JSON', async () => {
    const response = await state('PUT', {
      query: { ...context(), stateId: 's' },
      body: '{oops',
      contentType: 'application/json',
    });
    expect(response.status).toBe(400);
  });
});

describe('scopes and tenancy (Communication 4.2)', () => {
  it('state needs scope state (or all); all/read may read but not write', async () => {
    const query = { ...context(), stateId: 'scoped' };
    await state('PUT', { query, body: { a: 1 } });
    const profileOnly = await createClient(app, ['profile']);
    const denied = await state('GET', { query, auth: profileOnly });
    expect(denied.status).toBe(403);
    expect(denied.message).toMatch(/state/);
    const reader = await createClient(app, ['all/read']);
    expect((await state('GET', { query, auth: reader })).status).toBe(200);
    expect((await state('PUT', { query, body: { a: 2 }, auth: reader })).status).toBe(403);
    const stateClient = await createClient(app, ['state']);
    expect((await state('PUT', { query, body: { a: 3 }, auth: stateClient })).status).toBe(204);
  });

  it('a client sees only its own organisation’s documents', async () => {
    const base = context();
    await state('PUT', { query: { ...base, stateId: 'mine' }, body: { secret: 1 } });
    const other = await createClient(app, ['all'], 'other-org');
    expect((await state('GET', { query: { ...base, stateId: 'mine' }, auth: other })).status).toBe(404);
    expect((await state('GET', { query: base, auth: other })).json()).toEqual([]);
    await state('PUT', { query: { ...base, stateId: 'mine' }, body: { theirs: 1 }, auth: other });
    expect((await state('DELETE', { query: base, auth: other })).status).toBe(204);
    expect((await state('GET', { query: { ...base, stateId: 'mine' } })).json()).toEqual({ secret: 1 });
  });

  it('401 without credentials', async () => {
    const response = await fetch(`${app.baseUrl}${PATH}`, { headers: { 'x-experience-api-version': '1.0.3' } });
    expect(response.status).toBe(401);
  });
});

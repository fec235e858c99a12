import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../libs/xapi/src/lrs/http/json-body.js';
import { createUser, ok } from '../support/http-api.js';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { expectProblem } from '../support/problem.js';
import { writesSnapshot } from '../support/writes.js';

/** Issue 11 §5: bad input is a 4xx naming what is wrong, never a 500, and nothing is written. */
let app: TestApp;
let lead: string;

const org = (id: string) => ({
  id,
  name: `Org ${id}`,
  sector: 'voluntary',
  region: 'Fife',
  serviceType: 'care at home',
  sizeBand: 'small',
});
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
const xapiHeaders = () => ({ authorization: basic(app.lrsKey, app.lrsSecret), 'x-experience-api-version': '1.0.3' });
const json = { 'content-type': 'application/json' };
const admin = () => ({ authorization: `Bearer ${app.adminToken}` });
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const stateQuery = (stateId: string) =>
  `activityId=${encodeURIComponent('http://example.org/a')}&agent=${encodeURIComponent('{"mbox":"mailto:a@example.org"}')}` +
  `&stateId=${stateId}`;
const statementWith = (extension: string) =>
  `{"actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://example.org/v"},"object":{"id":"http://example.org/o"},` +
  `"context":{"extensions":{"http://example.org/x":${extension}}}}`;

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b']) await ok(app, app.adminToken, 'POST', '/api/organisations', org(id));
  await ok(app, app.adminToken, 'POST', '/api/workers', {
    identifiers: [{ mbox: 'mailto:bea@b.example.org' }],
    organisationId: 'org-b',
    name: 'Bea',
  });
  lead = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  await waitForProjections(app.runtime);
});

afterAll(async () => {
  await app?.close();
});

/** Sends the request; expects `status` with `message` in the path's error envelope, and that nothing was written. */
async function refused(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  status: number,
  message: RegExp,
) {
  // Reactors append events after earlier accepted writes; let them finish so they are not counted here.
  await waitForProjections(app.runtime);
  const before = await writesSnapshot(app.runtime.pool);
  const response = await fetch(`${app.baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(text).toMatch(message);
  // /api answers problem details (issue 14 §9), /xapi its own envelope.
  if (path.startsWith('/api/'))
    expectProblem({ status: response.status, body: JSON.parse(text), headers: response.headers }, { status });
  else expect(JSON.parse(text)).toEqual({ error: { status, message: expect.stringMatching(message) } });
  expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
}

describe('malformed JSON', () => {
  it('is a 400 on /api (sign-in, workers) and on /xapi', async () => {
    await refused('POST', '/api/auth/sign-in', json, '{"email":', 400, /not valid JSON/);
    await refused('POST', '/api/workers', { ...json, ...admin() }, '{"identifiers":', 400, /not valid JSON/);
    await refused('POST', '/xapi/statements', { ...json, ...xapiHeaders() }, '{"actor":', 400, /not valid JSON/);
  });

  it('with a __proto__ key is a 400, so no body can change a prototype', async () => {
    await refused(
      'POST',
      '/api/workers',
      { ...json, ...admin() },
      '[{"__proto__":{"admin":true}}]',
      400,
      /forbidden prototype property/,
    );
  });
});

describe(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`, () => {
  it('is a 400 naming the limit, in a statement extension and in a State document', async () => {
    const limit = new RegExp(`at most ${MAX_JSON_DEPTH}`);
    await refused('POST', '/xapi/statements', { ...json, ...xapiHeaders() }, statementWith(deep(10_000)), 400, limit);
    await refused(
      'PUT',
      `/xapi/activities/state?${stateQuery('deep')}`,
      { ...json, ...xapiHeaders() },
      `{"a":${deep(10_000)}}`,
      400,
      limit,
    );
    await refused(
      'POST',
      `/xapi/activities/state?${stateQuery('deep')}`,
      { ...json, ...xapiHeaders() },
      `{"a":${deep(10_000)}}`,
      400,
      limit,
    );
    await refused('POST', '/api/workers', { ...json, ...admin() }, `{"identifiers":${deep(10_000)}}`, 400, limit);
  });

  it('is accepted up to the limit', async () => {
    const response = await fetch(`${app.baseUrl}/xapi/statements`, {
      method: 'POST',
      headers: { ...json, ...xapiHeaders() },
      body: statementWith(deep(MAX_JSON_DEPTH - 3)),
    });
    expect(response.status, await response.text()).toBe(200);
  });
});

describe('U+0000, which PostgreSQL text cannot hold', () => {
  it('in stateId is a 400 naming the parameter', async () => {
    await refused(
      'PUT',
      `/xapi/activities/state?${stateQuery('a%00b')}`,
      { ...json, ...xapiHeaders() },
      '{"a":1}',
      400,
      /stateId query parameter: holds U\+0000/,
    );
  });

  it('in Basic credentials is a 400 naming the header', async () => {
    const headers = { authorization: basic('key\u0000', 'secret'), 'x-experience-api-version': '1.0.3' };
    await refused(
      'GET',
      '/xapi/statements',
      headers,
      undefined,
      400,
      /Authorization: the Basic credentials hold U\+0000/,
    );
  });

  it("in a worker's name and in a sign-in body is a 400 naming the field", async () => {
    const worker = JSON.stringify({
      identifiers: [{ mbox: 'mailto:nul@a.example.org' }],
      name: 'Ma\u0000ry',
      organisationId: 'org-a',
    });
    await refused('POST', '/api/workers', { ...json, ...admin() }, worker, 400, /name: holds U\+0000/);
    const signIn = JSON.stringify({ email: 'lead@a.example.org', password: 'pass\u0000word' });
    await refused('POST', '/api/auth/sign-in', json, signIn, 400, /password: holds U\+0000/);
  });

  it('in a path parameter is a 400 naming it', async () => {
    await refused('GET', '/api/workers/a%00b', admin(), undefined, 400, /"field":"id".*"detail":"id: holds U\+0000/);
  });
});

describe('forged paging tokens', () => {
  const token = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64url');

  it('a `more` token with a since that is not a date is a 400', async () => {
    const more = token({ k: [], s: 'not a date', a: 0, l: 10, f: 'exact', t: 0, x: 0, b: 10 });
    await refused('GET', `/xapi/statements?more=${more}`, xapiHeaders(), undefined, 400, /more parameter/);
  });

  it('cursors holding U+0000 are a 400 naming `after`', async () => {
    await refused('GET', `/api/organisations?after=${token(['a\u0000'])}`, admin(), undefined, 400, /after:/);
  });
});

describe('invalid UTF-8 in a JSON body', () => {
  const mbox = (bytes: number[]) =>
    Buffer.concat([
      Buffer.from('{"actor":{"mbox":"mailto:bad'),
      Buffer.from(bytes),
      Buffer.from('@example.org"},"verb":{"id":"http://example.org/v"},"object":{"id":"http://example.org/o"}}'),
    ]);

  it('0xFF and the overlong C0 AF are refused with a 400, not stored as U+FFFD', async () => {
    await refused(
      'POST',
      '/xapi/statements',
      { ...json, ...xapiHeaders() },
      mbox([0xff]),
      400,
      /not valid UTF-8 \(byte 0xFF at offset 28\)/,
    );
    await refused(
      'POST',
      '/xapi/statements',
      { ...json, ...xapiHeaders() },
      mbox([0xc0, 0xaf]),
      400,
      /not valid UTF-8 \(byte 0xC0/,
    );
    const signIn = Buffer.concat([
      Buffer.from('{"email":"a'),
      Buffer.from([0xff]),
      Buffer.from('@b.org","password":"x"}'),
    ]);
    await refused('POST', '/api/auth/sign-in', json, signIn, 400, /not valid UTF-8/);
  });
});

describe('GET /api/workers?agent= for a learning lead', () => {
  it("answers another organisation's worker as it answers an unknown one", async () => {
    const find = async (email: string) => {
      const agent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }));
      const response = await fetch(`${app.baseUrl}/api/workers?agent=${agent}`, {
        headers: { authorization: `Bearer ${lead}` },
      });
      return { status: response.status, body: await response.text() };
    };
    expect(await find('bea@b.example.org')).toEqual(await find('nobody@b.example.org'));
    expect(await find('nobody@b.example.org')).toEqual({ status: 200, body: '[]' });
  });
});

describe('POST /api/admin/lrs-clients', () => {
  it('refuses an organisation that is not registered', async () => {
    const body = JSON.stringify({ name: 'Acme LMS', organisationId: 'no-such-org', scopes: ['all'] });
    await refused(
      'POST',
      '/api/admin/lrs-clients',
      { ...json, ...admin() },
      body,
      404,
      /organisationId: no organisation .*no-such-org/,
    );
    const created = await ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
      name: 'Acme LMS',
      organisationId: 'org-a',
    });
    expect(created.organisationId).toBe('org-a');
  });
});

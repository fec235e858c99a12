import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../support/http-api.js';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { writesSnapshot } from '../support/writes.js';

/**
 * Issue 11 §5: hostile bodies, headers, query strings and path parameters on every route. No answer is
 * a 5xx, and a 4xx writes nothing (the log's head and the tables outside it are unchanged). The /api
 * routes come from the OpenAPI document, so a new route is fuzzed without anyone listing it; the xAPI
 * resources (undocumented there, defined by the spec) are listed below with their parameters.
 */
interface Route {
  method: string;
  path: string;
  query: string[];
  bodyProperties: string[];
}

const DOCUMENT_PARAMETERS = ['activityId', 'agent', 'registration', 'stateId', 'profileId', 'since'];
const XAPI_ROUTES: Route[] = [
  ...['GET', 'HEAD', 'PUT', 'POST'].map((method) => ({
    method,
    path: '/xapi/statements',
    query: [
      'statementId',
      'voidedStatementId',
      'agent',
      'verb',
      'activity',
      'registration',
      'related_activities',
      'related_agents',
      'since',
      'until',
      'limit',
      'format',
      'attachments',
      'ascending',
      'more',
      'method',
    ],
    bodyProperties: [
      'id',
      'actor',
      'verb',
      'object',
      'result',
      'context',
      'timestamp',
      'attachments',
      'authority',
      'version',
    ],
  })),
  ...['/xapi/activities/state', '/xapi/activities/profile', '/xapi/agents/profile'].flatMap((path) =>
    ['GET', 'PUT', 'POST', 'DELETE'].map((method) => ({
      method,
      path,
      query: DOCUMENT_PARAMETERS,
      bodyProperties: ['a', '__proto__'],
    })),
  ),
  { method: 'GET', path: '/xapi/activities', query: ['activityId'], bodyProperties: [] },
  { method: 'GET', path: '/xapi/agents', query: ['agent'], bodyProperties: [] },
  { method: 'GET', path: '/xapi/about', query: [], bodyProperties: [] },
];

let app: TestApp;
let routes: Route[];
let lead: string;

beforeAll(async () => {
  app = await startTestApp();
  await ok(app, app.adminToken, 'POST', '/api/organisations', {
    id: 'org-a',
    name: 'A',
    sector: 'voluntary',
    region: 'Fife',
    serviceType: 'care at home',
    sizeBand: 'small',
  });
  await ok(app, app.adminToken, 'POST', '/api/admin/users', {
    email: 'lead@a.example.org',
    displayName: 'Lead',
    password: 'correct horse battery staple',
    roles: [{ kind: 'learning-lead', organisationId: 'org-a' }],
  });
  lead = (
    await ok(app, undefined, 'POST', '/api/auth/sign-in', {
      email: 'lead@a.example.org',
      password: 'correct horse battery staple',
    })
  ).token;
  routes = [...apiRoutes(await ok(app, undefined, 'GET', '/api/docs/openapi.json')), ...XAPI_ROUTES];
});

afterAll(async () => {
  await app?.close();
});

type OpenApi = {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>>;
};

function apiRoutes(document: OpenApi): Route[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      bodyProperties: Object.keys(
        (operation.requestBody as { content?: Record<string, { schema?: { properties?: object } }> })?.content?.[
          'application/json'
        ]?.schema?.properties ?? {},
      ),
    })),
  );
}

/** A paging token (`after`, `more`) as the server encodes one, holding what a forger chose. */
function forged(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const HOSTILE_TEXT = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '%',
  '%00',
  '%FF',
  '../../etc/passwd',
  "'; drop table events; --",
  'null',
  'undefined',
  '-1',
  '0',
  '1e309',
  '9'.repeat(40),
  'NaN',
  '2026-13-45',
  'not a date',
  '{}',
  '[]',
  '{"mbox":"mailto:a\\u0000@b.org"}',
  '{"mbox":"mailto:a@b.org"}',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  'default',
  'org-a',
  '\uFFFF',
  '\u202E',
  'true',
  // Dates JavaScript takes and PostgreSQL refuses (year 0000, past 9999 by an offset, 30 February as
  // Date.parse rolls it over), bare and inside forged paging tokens: the class the outside attack found
  // (test/security/outside-attack.http.test.ts pins each case; random bodies rarely reach them).
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-14:00',
  '2025-02-30',
  '2025-02-30T00:00:00Z',
  forged(['0000-01-01T00:00:00.000000Z', 'x']),
  forged(['2025-02-30T00:00:00.000000Z', 'x']),
  forged({ k: [], a: 0, l: 1, f: 'exact', t: 0, x: 0, b: 1, s: '0000-01-01T00:00:00.000Z' }),
];
const text = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);
const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  text,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, true, [], {}, [null], { __proto__: { admin: true } }),
);

function bodyObject(route: Route): fc.Arbitrary<Record<string, unknown>> {
  const names = [...route.bodyProperties, 'unexpected', '__proto__'];
  return fc.dictionary(fc.constantFrom(...names), jsonish, { maxKeys: 5 });
}

/** Bodies as bytes: well-formed JSON of hostile values, and bytes no parser should take. */
function body(route: Route): fc.Arbitrary<Buffer | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    bodyObject(route).map((o) => Buffer.from(JSON.stringify(o))),
    fc.array(bodyObject(route), { maxLength: 3 }).map((a) => Buffer.from(JSON.stringify(a))),
    jsonish.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    fc.constantFrom(
      Buffer.from('{"a":'),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]),
      Buffer.from(`{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`),
      Buffer.from('{"a":"\\u0000"}'),
      Buffer.from('{"a":"\\ud800"}'),
      Buffer.from('\uFEFF{}'),
      Buffer.from('--x\r\nContent-Type: application/json\r\n\r\n{}\r\n--x--'),
    ),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  );
}

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/mixed; boundary=x',
  'application/octet-stream',
  'application/json; charset=latin1',
  undefined,
);

function authorization(route: Route): fc.Arbitrary<string | undefined> {
  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;
  const signedIn = route.path.startsWith('/xapi')
    ? [basic(`${app.lrsKey}:${app.lrsSecret}`)]
    : [`Bearer ${app.adminToken}`, `Bearer ${lead}`];
  return fc.oneof(
    { arbitrary: fc.constantFrom(...signedIn), weight: 4 },
    fc.constantFrom(
      undefined,
      'Bearer ',
      'Bearer \u00e9',
      'Basic',
      'Basic ====',
      basic('\u0000:x'),
      basic(`${app.lrsKey}\u0000:x`),
      basic(':'),
    ),
  );
}

interface HostileRequest {
  route: Route;
  pathParameters: string[];
  query: [string, string][];
  body: Buffer | undefined;
  contentType: string | undefined;
  authorization: string | undefined;
  version: string | undefined;
  ifMatch: string | undefined;
}

const request: fc.Arbitrary<HostileRequest> = fc.integer({ min: 0, max: 10_000 }).chain((i) => {
  const route = routes[i % routes.length];
  const parameterCount = route.path.split('{').length - 1;
  return fc.record({
    route: fc.constant(route),
    pathParameters: fc.array(fc.oneof(text, fc.constantFrom('org-a', 'default')), {
      minLength: parameterCount,
      maxLength: parameterCount,
    }),
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...route.query, 'unknown'), text), text), { maxLength: 4 }),
    body: body(route),
    contentType,
    authorization: authorization(route),
    version: fc.constantFrom('1.0.3', '2.0.0', undefined, '0.9', '1.0.3\u0000', '\u00e9'),
    ifMatch: fc.constantFrom(undefined, '*', '"abc"', '"\u00e9"', ''),
  });
});

/** Every byte of the UTF-8 form but letters and digits as %XX (a lone surrogate goes as U+FFFD, as it must). */
const percentEncoded = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

function urlOf(r: HostileRequest): string {
  let index = 0;
  const path = r.route.path.replace(/\{[^}]+\}/g, () => percentEncoded(r.pathParameters[index++]));
  const search = r.query.map(([name, value]) => `${percentEncoded(name)}=${percentEncoded(value)}`).join('&');
  return `${app.baseUrl}${path}${search ? `?${search}` : ''}`;
}

function headersOf(r: HostileRequest): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    authorization: r.authorization,
    'content-type': r.body === undefined ? undefined : r.contentType,
    'x-experience-api-version': r.version,
    'if-match': r.ifMatch,
  };
  // fetch refuses header values outside Latin-1 and with U+0000; those never reach a server either.
  return Object.fromEntries(
    Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined && /^[\u0020-\u00ff]*$/.test(e[1])),
  );
}

describe('every route under hostile input', () => {
  it('never answers 5xx, and writes nothing when it answers 4xx', async () => {
    let wroteLast = true;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        // A 2xx may have left a reactor work to do; its events must not count against the next request.
        if (wroteLast) await waitForProjections(app.runtime);
        const before = await writesSnapshot(app.runtime.pool);
        const withBody = r.body !== undefined && r.route.method !== 'GET' && r.route.method !== 'HEAD';
        const response = await fetch(urlOf(r), {
          method: r.route.method,
          headers: headersOf(r),
          body: withBody ? r.body : undefined,
        });
        const answer = await response.text();
        const label = `${r.route.method} ${r.route.path} → ${response.status} ${answer.slice(0, 300)}`;
        expect(response.status, label).toBeLessThan(500);
        wroteLast = response.status < 400;
        if (response.status >= 400) expect(await writesSnapshot(app.runtime.pool), label).toEqual(before);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600), interruptAfterTimeLimit: Number(process.env.FUZZ_MS ?? 25_000) },
    );
  }, 600_000);
});

describe('found by this fuzz and pinned', () => {
  // The admin token: the fuzz above may have signed the lead out.
  it('an ?agent= whose JSON spells U+0000 as an escape is a 400 naming it', async () => {
    const agent = encodeURIComponent('{"mbox":"mailto:a\\u0000@b.org"}');
    const response = await fetch(`${app.baseUrl}/api/workers?agent=${agent}`, {
      headers: { authorization: `Bearer ${app.adminToken}` },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { field?: string }).field).toBe('agent.mbox');
  });

  it('Basic credentials holding U+0000 are a 400 on every authenticated xAPI route, with a body (checked before it is read) or without', async () => {
    const malformed = `Basic ${Buffer.from('\u0000:x').toString('base64')}`;
    for (const route of XAPI_ROUTES.filter((r) => r.path !== '/xapi/about')) {
      for (const body of [undefined, '{"a":']) {
        if (body !== undefined && (route.method === 'GET' || route.method === 'HEAD')) continue;
        const headers = {
          authorization: malformed,
          'x-experience-api-version': '1.0.3',
          'content-type': 'application/json',
        };
        const response = await fetch(`${app.baseUrl}${route.path}`, { method: route.method, headers, body });
        expect(response.status, `${route.method} ${route.path} body ${body}`).toBe(400);
      }
    }
  });
});

import type { OpenAPIObject } from '@nestjs/swagger';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { expectProblem } from '../../../../test/support/problem.js';

// Text PostgreSQL cannot hold (U+0000, an unpaired surrogate) is refused before any route runs (the body
// parsers, the parameter hook). On /api the 400 names the field as every other 400 there does: `field`
// and `errors`; /xapi answers in the xAPI envelope (Communication 3.2: a malformed request is a 400).

let app: TestApp;
let operations: { method: string; path: string; params: string[]; takesBody: boolean }[];
beforeAll(async () => {
  app = await startTestApp({ worker: false });
  const document = (await (await fetch(`${app.baseUrl}/api/docs/openapi.json`)).json()) as OpenAPIObject;
  operations = Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, item]) =>
      Object.entries(item as Record<string, { requestBody?: unknown }>).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        takesBody: operation.requestBody !== undefined,
      })),
    );
});
afterAll(async () => app?.close());

const RULE = 'holds U+0000 or an unpaired UTF-16 surrogate, which cannot be stored';

/** Text around U+0000 (a URL cannot carry an unpaired surrogate: it has no UTF-8 form to percent-encode). */
const withNul = fc.tuple(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 })).map(([a, b]) => `${a}\u0000${b}`);
const unstorable = fc.oneof(withNul, fc.constantFrom('\ud800', 'a\udfffb', '\udc00\ud800'));
const name = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,7}$/);

/** Where the text goes, and the field the 400 must name: a model of the rule, not of the code. */
type Placement =
  | { in: 'path'; param: number; text: string }
  | { in: 'query'; name: string; text: string; asName: boolean }
  | { in: 'body'; at: (string | number)[]; text: string; asKey: boolean };

const placement: fc.Arbitrary<Placement> = fc.oneof(
  fc.record({ in: fc.constant('path' as const), param: fc.nat(), text: withNul }),
  fc.record({ in: fc.constant('query' as const), name, text: withNul, asName: fc.boolean() }),
  fc.record({
    in: fc.constant('body' as const),
    at: fc.array(fc.oneof(name, fc.nat({ max: 2 })), { minLength: 1, maxLength: 4 }),
    text: unstorable,
    asKey: fc.boolean(),
  }),
);

/** `['rows', 0, 'email']` is `rows[0].email`, as the other 400s name a nested field. */
function fieldOf(at: (string | number)[]): string {
  return at.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

/** A body holding `text` at `at` only (arrays padded with storable rows before it), or as the last key. */
function bodyWith(at: (string | number)[], text: string, asKey: boolean): unknown {
  const [key, ...rest] = at;
  if (key === undefined) return asKey ? { [text]: 1 } : text;
  const inner = bodyWith(rest, text, asKey);
  return typeof key === 'number' ? [...Array.from({ length: key }, () => ({ ok: 'yes' })), inner] : { [key]: inner };
}

async function send(operation: (typeof operations)[number], where: Placement) {
  const params = operation.params.map((_, i) =>
    where.in === 'path' && i === where.param % operation.params.length ? where.text : 'x',
  );
  let path = operation.path;
  for (const [i, param] of operation.params.entries())
    path = path.replace(`{${param}}`, encodeURIComponent(params[i]!));
  const query =
    where.in === 'query'
      ? `?${encodeURIComponent(where.asName ? `${where.name}${where.text}` : where.name)}=${encodeURIComponent(where.asName ? '1' : where.text)}`
      : '';
  const body = where.in === 'body' ? JSON.stringify(bodyWith(where.at, where.text, where.asKey)) : undefined;
  const response = await fetch(`${app.baseUrl}${path}${query}`, {
    method: operation.method,
    headers: {
      authorization: `Bearer ${app.adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

function expectedField(operation: (typeof operations)[number], where: Placement): string {
  if (where.in === 'path') return operation.params[where.param % operation.params.length]!;
  if (where.in === 'query') return where.asName ? `${where.name}${where.text}` : where.name;
  const at = fieldOf(where.at);
  return where.asKey ? `${at}.${where.text}` : at;
}

describe('text PostgreSQL cannot hold, on /api', () => {
  it('is a 400 naming the field in `field` and `errors`, on every route and wherever it is', async () => {
    expect(operations.length).toBeGreaterThan(70);
    const route = fc.nat().map((i) => operations[i % operations.length]!);
    await fc.assert(
      fc.asyncProperty(route, placement, async (operation, where) => {
        fc.pre(where.in !== 'path' || operation.params.length > 0);
        fc.pre(where.in !== 'body' || operation.takesBody);
        const field = expectedField(operation, where);
        const problem = expectProblem(await send(operation, where), { status: 400, field });
        expect(problem.errors).toEqual([{ field, rule: RULE }]);
        expect(problem.detail).toBe(`${field}: ${RULE}`);
      }),
      { numRuns: 150 },
    );
  });

  it('in a form body is refused alike', async () => {
    const response = await fetch(`${app.baseUrl}/api/organisations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=a%00b&sector=private',
    });
    const problem = expectProblem(
      { status: response.status, headers: response.headers, body: await response.json() },
      { status: 400, field: 'name' },
    );
    expect(problem.errors).toEqual([{ field: 'name', rule: RULE }]);
  });
});

describe('text PostgreSQL cannot hold, on /xapi', () => {
  const basic = () => `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;
  const xapi = (path: string, init: RequestInit = {}) =>
    fetch(`${app.baseUrl}${path}`, {
      ...init,
      headers: { authorization: basic(), 'x-experience-api-version': '1.0.3', ...init.headers },
    });

  it('in a statement or a parameter is a 400 in the xAPI envelope, naming where', async () => {
    const statement = {
      actor: { mbox: 'mailto:nul@example.org', name: 'a\u0000b' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: 'http://example.org/nul' },
    };
    const stored = await xapi('/xapi/statements', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(statement),
    });
    expect(stored.status).toBe(400);
    expect(await stored.json()).toEqual({ error: { status: 400, message: expect.stringMatching(/U\+0000/) } });
    const query = await xapi(`/xapi/statements?verb=${encodeURIComponent('http://example.org/a\u0000')}`);
    expect(query.status).toBe(400);
    expect(await query.json()).toEqual({
      error: { status: 400, message: `verb query parameter: ${RULE}` },
    });
  });
  it('in a JSON document is kept: documents are stored as sent, and merged ones as JSON spells it', async () => {
    const query = new URLSearchParams({
      activityId: 'http://example.org/nul-document',
      agent: JSON.stringify({ mbox: 'mailto:nul-document@example.org' }),
      stateId: 'nul',
    });
    const put = (method: string, body: object) =>
      xapi(`/xapi/activities/state?${query}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put('PUT', { a: 'x\u0000' })).status).toBe(204);
    expect((await put('POST', { b: '\u0000y' })).status).toBe(204);
    const read = await xapi(`/xapi/activities/state?${query}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ a: 'x\u0000', b: '\u0000y' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { expectProblem } from '../../../../test/support/problem.js';

// Issue 14 §9: every /api error, wherever it is raised (Fastify before a route, a hook, a guard, a
// handler, a domain rule), answers RFC 9457 problem details; /xapi keeps the xAPI envelope.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { MAX_REQUEST_BYTES: '1048576' } });
});
afterAll(async () => app?.close());

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(`${app.baseUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown, headers: response.headers };
}

const asAdmin = (method: string, body: string) => ({
  method,
  headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/json' },
  body,
});

describe('/api errors are problem details', () => {
  it("an unknown route (Fastify's 404 through Nest)", async () => {
    expectProblem(await call('/api/nothing-here?x=1'), {
      status: 404,
      detail: 'Cannot GET /api/nothing-here?x=1',
      instance: '/api/nothing-here',
    });
  });

  it('a body that is not JSON, and one over the body limit', async () => {
    const broken = await call('/api/organisations', asAdmin('POST', '{"name":'));
    const huge = await call('/api/organisations', asAdmin('POST', JSON.stringify({ name: 'x'.repeat(1_100_000) })));
    expectProblem(broken, { status: 400, detail: /^Request body: not valid JSON/ });
    expectProblem(huge, { status: 413, detail: 'request body: at most 1048576 bytes (MAX_REQUEST_BYTES)' });
  });

  it('no credentials: from the guard (no body) and from the gate before the body is read', async () => {
    expectProblem(await call('/api/auth/me'), { status: 401, detail: /^Sign-in required/ });
    const gate = await call('/api/workers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expectProblem(gate, { status: 401, detail: /^Sign-in required/, instance: '/api/workers' });
  });

  it('an unauthenticated body over 1 MiB (sign-in) is a 413 naming the limit', async () => {
    const answer = await call('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x'.repeat(1_100_000), password: 'p' }),
    });
    expectProblem(answer, {
      status: 413,
      detail: /^request body: at most 1048576 bytes are read before authentication/,
    });
  });

  it('a session where only the admin token will do is a 403', async () => {
    const answer = await call('/api/admin/projections', { headers: { authorization: 'Bearer not-a-session' } });
    expectProblem(answer, { status: 403, detail: 'The bearer token is not the admin token' });
  });

  it('input that breaks several rules lists each field and rule; the first is `field`', async () => {
    const body = JSON.stringify({ email: 'nope', displayName: 'Ann', password: 'short' });
    const problem = expectProblem(await call('/api/admin/users', asAdmin('POST', body)), {
      status: 400,
      field: 'email',
    });
    expect(problem.errors).toEqual([
      { field: 'email', rule: expect.any(String) },
      { field: 'password', rule: 'must be at least 12 characters' },
    ]);
    expect(problem.detail).toBe(
      problem.errors.map((e: { field: string; rule: string }) => `${e.field}: ${e.rule}`).join('; '),
    );
  });

  it('a domain refusal (an unknown worker) names its field and rule', async () => {
    const answer = await call('/api/workers/no-such-worker/memberships', asAdmin('POST', '{"organisationId":"x"}'));
    const problem = expectProblem(answer, { status: 404 });
    expect(problem.field).toBeDefined();
    expect(problem.errors).toHaveLength(1);
  });
});

describe('/xapi keeps the xAPI envelope', () => {
  const xapi = { 'x-experience-api-version': '1.0.3' };

  it('for a missing credential, an unknown resource and a body that is not JSON', async () => {
    const unauthenticated = await call('/xapi/statements', { headers: xapi });
    expect(unauthenticated).toMatchObject({
      status: 401,
      body: { error: { status: 401, message: expect.any(String) } },
    });
    const basic = `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;
    expect(await call('/xapi/nothing-here', { headers: { ...xapi, authorization: basic } })).toMatchObject({
      status: 404,
      body: { error: { status: 404 } },
    });
    const broken = await call('/xapi/statements', {
      method: 'POST',
      headers: { ...xapi, authorization: basic, 'content-type': 'application/json' },
      body: '{"actor":',
    });
    expect(broken).toMatchObject({ status: 400, body: { error: { status: 400, message: expect.any(String) } } });
    expect(broken.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('for an unauthenticated body over 1 MiB (the alternate request syntax)', async () => {
    const answer = await call('/xapi/statements?method=PUT', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `content=${'x'.repeat(1_100_000)}`,
    });
    expect(answer).toMatchObject({ status: 413, body: { error: { status: 413, message: /at most 1048576 bytes/ } } });
  });
});

describe('the OpenAPI document', () => {
  it('names one problem schema for every /api error response, and it describes what is sent', async () => {
    const document = (await (await fetch(`${app.baseUrl}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
      components: { schemas: Record<string, { required: string[]; properties: Record<string, unknown> }> };
    };
    const problem = { schema: { $ref: '#/components/schemas/ProblemDetails' } };
    const errorResponses = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, operations]) =>
        Object.entries(operations).flatMap(([method, { responses }]) =>
          Object.entries(responses)
            .filter(([status]) => status === 'default' || Number(status) >= 400)
            .map(([status, response]) => ({ at: `${method} ${path} ${status}`, content: response.content })),
        ),
      );
    expect(errorResponses.length).toBeGreaterThan(70);
    for (const { at, content } of errorResponses) expect(content, at).toEqual({ 'application/problem+json': problem });
    const schema = document.components.schemas.ProblemDetails!;
    const sent = (await call('/api/admin/users', asAdmin('POST', '{"email":"x"}'))).body as Record<string, unknown>;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(sent)));
    expect(Object.keys(sent)).toEqual(expect.arrayContaining(schema.required));
  });
});

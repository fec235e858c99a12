import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { expectProblem } from '../../../../test/support/problem.js';
import { closedBodies } from './closed-bodies.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function call(method: string, path: string, body: unknown) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { detail?: string; field?: string },
    headers: response.headers,
  };
}

const newUser = (email: string) => ({ email, displayName: 'Ann Other', password: 'correct horse battery staple' });

describe('a property the documented body does not name is refused (issue 14 §10)', () => {
  it('creating a user with a misspelt `scope` is a 400 naming it, and no user is created', async () => {
    const answer = await call('POST', '/api/admin/users', { ...newUser('ann@example.org'), scope: ['admin'] });
    expect(expectProblem(answer, { status: 400, instance: '/api/admin/users' })).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'scope: is not a property of this request body (it takes email, displayName, password, roles)',
      instance: '/api/admin/users',
      field: 'scope',
      errors: [
        {
          field: 'scope',
          rule: 'is not a property of this request body (it takes email, displayName, password, roles)',
        },
      ],
    });
    const users = (await (
      await fetch(`${app.baseUrl}/api/admin/users`, { headers: { authorization: `Bearer ${app.adminToken}` } })
    ).json()) as { email: string }[];
    expect(users.map((u) => u.email)).not.toContain('ann@example.org');
    expect((await call('POST', '/api/admin/users', newUser('ann@example.org'))).status).toBe(201);
  });

  it('signing in and registering an organisation refuse them too', async () => {
    expect(
      (await call('POST', '/api/auth/sign-in', { email: 'a@b.org', password: 'x', remember: true })).body.field,
    ).toBe('remember');
    const organisation = {
      name: 'Oak House',
      sector: 'private',
      region: 'Fife',
      serviceType: 'care home',
      sizeBand: 'small',
      secter: 'public',
    };
    expect(await call('POST', '/api/organisations', organisation)).toMatchObject({
      status: 400,
      body: { field: 'secter' },
    });
  });

  it('the served OpenAPI document says so (additionalProperties: false) for the bodies it closes', async () => {
    const document = (await (await fetch(`${app.baseUrl}/api/docs/openapi.json`)).json()) as OpenAPIObject;
    const closed = closedBodies(document);
    expect([...closed.keys()]).toEqual(
      expect.arrayContaining([
        'POST /api/admin/users',
        'POST /api/auth/sign-in',
        'POST /api/organisations',
        'POST /api/roles',
        'PUT /api/roles/{id}',
        'POST /api/admin/lrs-clients',
        'POST /api/organisations/{organisationId}/lrs-clients',
      ]),
    );
  });
});

describe('closedBodies reads a schema as documented', () => {
  const documentWith = (schema: object, components: Record<string, object> = {}) =>
    ({
      paths: { '/api/x/{id}': { post: { requestBody: { content: { 'application/json': { schema } } } } } },
      components: { schemas: components },
    }) as unknown as OpenAPIObject;

  it('closed only with additionalProperties: false; alternatives (oneOf, $ref) name the union, and one open alternative opens all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'kind'), { maxLength: 3 }), fc.boolean()), {
          minLength: 1,
          maxLength: 3,
        }),
        (branches) => {
          const schemas = branches.map(([names, closed]) => ({
            type: 'object',
            properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])),
            ...(closed ? { additionalProperties: false } : {}),
          }));
          const components = Object.fromEntries(schemas.map((s, i) => [`S${i}`, s]));
          const oneOf = schemas.map((_, i) => ({ $ref: `#/components/schemas/S${i}` }));
          const allowed = closedBodies(documentWith({ oneOf }, components)).get('POST /api/x/{id}');
          const expected = branches.every(([, closed]) => closed)
            ? [...new Set(branches.flatMap(([names]) => names))]
            : undefined;
          expect(allowed).toEqual(expected);
        },
      ),
    );
  });
});

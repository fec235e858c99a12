import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { expectProblem } from '../../../../test/support/problem.js';
import { allowedIn, closedBodies } from './closed-bodies.js';

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
    const { users } = (await (
      await fetch(`${app.baseUrl}/api/admin/users?limit=500`, {
        headers: { authorization: `Bearer ${app.adminToken}` },
      })
    ).json()) as { users: { email: string }[] };
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
          const allowed = closedBodies(documentWith({ oneOf }, components)).get('POST /api/x/{id}')?.names;
          const expected = branches.every(([, closed]) => closed)
            ? [...new Set(branches.flatMap(([names]) => names))]
            : undefined;
          expect(allowed).toEqual(expected);
        },
      ),
    );
  });
});

describe('every /api body is closed (issue 14 §10)', () => {
  it('the OpenAPI document closes each /api route that takes a JSON body', async () => {
    const document = (await (await fetch(`${app.baseUrl}/api/docs/openapi.json`)).json()) as OpenAPIObject;
    const withBody = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, operations]) =>
        Object.entries(operations as Record<string, { requestBody?: unknown }>)
          .filter(([, operation]) => operation.requestBody !== undefined)
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
    expect(withBody.length).toBeGreaterThanOrEqual(30);
    expect(withBody.filter((route) => !closedBodies(document).has(route))).toEqual([]);
    // Evidence: a schema per kind in components, told apart by kind (issue 14 §8).
    const evidence = (document.paths['/api/workers/{id}/evidence'] as any).post.requestBody.content['application/json']
      .schema;
    expect(evidence.discriminator.propertyName).toBe('kind');
    expect(Object.keys(evidence.discriminator.mapping)).toHaveLength(8);
    for (const { $ref } of evidence.oneOf as { $ref: string }[])
      expect(document.components!.schemas![$ref.replace('#/components/schemas/', '')], $ref).toMatchObject({
        additionalProperties: false,
      });
  });

  it('workers, audits, adoption, the staff survey and generated data refuse a misspelt property', async () => {
    const worker = await call('POST', '/api/workers', {
      identifiers: [{ mbox: 'mailto:closed@example.org' }],
      organisationId: 'default',
      joinedon: '2026-01-01',
    });
    expect(worker.body.field).toBe('joinedon');
    const cases: [string, string, object, string][] = [
      ['POST', '/api/organisations/default/audits', { startedOn: '2026-01-01', threshold: 0.5 }, 'threshold'],
      ['POST', '/api/organisations/default/adoption', { status: 'aware', date: '2026-01-01', on: 'x' }, 'on'],
      ['POST', '/api/organisations/default/audits/a1/survey-responses', { answers: [], anonymous: true }, 'anonymous'],
      ['POST', '/api/admin/generate', { organisations: 1, workers: 1, years: 1, orgs: 2 }, 'orgs'],
    ];
    for (const [method, path, body, field] of cases)
      expectProblem(await call(method, path, body), { status: 400, field, instance: path });
  });

  it('evidence is closed per kind: a property of another kind is refused, each kind’s own are taken', async () => {
    const registered = await call('POST', '/api/workers', {
      identifiers: [{ mbox: 'mailto:evidence-closed@example.org' }],
      organisationId: 'default',
    });
    expect(registered.status).toBe(201);
    const path = `/api/workers/${(registered.body as unknown as { id: string }).id}/evidence`;
    const feedback = { kind: 'feedback', source: 'colleague', feedback: 'Calm under pressure' };
    const refused = await call('POST', path, { ...feedback, account: 'a reflective account' });
    expectProblem(refused, {
      status: 400,
      field: 'account',
      detail: /^account: is not a property of this request body/,
    });
    expect(refused.body.detail).toContain(
      '(it takes kind, occurredAt, capabilityIds, indicatorIds, source, feedback, giver)',
    );
    expect((await call('POST', path, feedback)).status).toBe(201);
    const reflective = { kind: 'reflective-account', title: 'A hard week', account: 'What I learned' };
    expect((await call('POST', path, reflective)).status).toBe(201);
    // An unknown kind is the reader's to refuse, naming `kind`.
    expect((await call('POST', path, { kind: 'gossip', account: 'x' })).body.field).toBe('kind');
  });
});

describe('a discriminated body allows the names of the alternative it chose', () => {
  it('picks by the discriminator, and leaves an unknown one to the route', () => {
    const document = {
      paths: {
        '/api/x': {
          post: {
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }],
                    discriminator: { propertyName: 'kind' },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          A: { additionalProperties: false, properties: { kind: { enum: ['a'] }, x: {} } },
          B: { additionalProperties: false, properties: { kind: { enum: ['b'] }, y: {} } },
        },
      },
    } as unknown as OpenAPIObject;
    const closed = closedBodies(document).get('POST /api/x')!;
    expect(allowedIn(closed, { kind: 'a' })).toEqual(['kind', 'x']);
    expect(allowedIn(closed, { kind: 'b' })).toEqual(['kind', 'y']);
    expect(allowedIn(closed, { kind: 'c' })).toBeUndefined();
    expect(allowedIn(closed, {})).toBeUndefined();
  });
});

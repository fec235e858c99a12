import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { api, ok } from '../../../../test/support/http-api.js';
import { registerOrganisation } from '../../../../test/support/organisations.js';
import { openApiPath } from './openapi-paths.js';

const addFormats = addFormatsModule.default;

let app: TestApp;
let document: OpenAPIObject;
beforeAll(async () => {
  app = await startTestApp({ worker: false });
  document = (await (await fetch(`${app.baseUrl}/api/docs/openapi.json`)).json()) as OpenAPIObject;
  // PUT /api/roles/{id} checks access by the role's organisation before the body: it needs a real role.
  await registerOrganisation(app, FUZZ_ROLE.organisationId);
  await ok(app, app.adminToken, 'POST', '/api/roles', FUZZ_ROLE);
  // Evidence is checked against the worker's record after its body: a worker nobody holds would be a 404 for
  // every body, so its runs go to a real one.
  const registered = (await ok(app, app.adminToken, 'POST', '/api/workers', {
    name: 'Fuzz Evidence',
    identifiers: [{ mbox: 'mailto:fuzz.evidence@example.org' }],
    organisationId: FUZZ_ROLE.organisationId,
    joinedOn: '2026-01-01',
  })) as { id: string };
  fuzzWorkerId = registered.id;
});
let fuzzWorkerId = '';
/** Stands in a route's path for the worker registered above. */
const FUZZ_WORKER = '{fuzz-worker}';

const FUZZ_ROLE = {
  id: 'fuzz-role',
  organisationId: 'fuzz-org',
  name: 'Support worker',
  requirements: [{ capabilityId: 'pc.flexibility', stage: 'engaged' }],
};
afterAll(async () => app?.close());

type Operation = { requestBody?: { content?: Record<string, { schema?: object }> } };

/** The documented JSON body schema of "METHOD /api/path/{param}", if any. */
function bodySchema(operation: string): object | undefined {
  const [method, path] = operation.split(' ') as [string, string];
  const documented = (document.paths[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
  return documented?.requestBody?.content?.['application/json']?.schema;
}

/** Every /api handler that reads a body (`@Body()`), from the routes Nest registered: "METHOD /api/path/{param}". */
function operationsTakingABody(): string[] {
  const operations: string[] = [];
  for (const module of app.nest.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const base = [Reflect.getMetadata(PATH_METADATA, metatype) as string | string[]].flat()[0] ?? '';
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = metatype.prototype[name] as unknown;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<string, unknown>;
        if (!Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.BODY}:`))) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat()[0] ?? '';
        const route = `/${[base, path].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
        if (route.startsWith('/api/')) operations.push(`${method} ${openApiPath(route).replace(/\/$/, '')}`);
      }
    }
  }
  return operations;
}

describe('every /api operation documents the body it takes (issue 14 §8)', () => {
  it('each handler reading a JSON body has a request body schema in the document', () => {
    const operations = operationsTakingABody();
    expect(operations.length).toBeGreaterThanOrEqual(30);
    const missing = operations.filter((operation) => {
      const schema = bodySchema(operation);
      return !schema || Object.keys(schema).length === 0;
    });
    expect(missing, `operations whose body the document does not describe:\n${missing.join('\n')}`).toEqual([]);
  });

  it('each is fuzzed against its document below, or says why not', () => {
    const fuzzed = new Set(ROUTES.map(([operation]) => operation));
    const neither = operationsTakingABody().filter((operation) => !fuzzed.has(operation) && !(operation in NOT_FUZZED));
    expect(neither, `operations neither fuzzed nor listed in NOT_FUZZED:\n${neither.join('\n')}`).toEqual([]);
  });
});

/**
 * Routes whose effects a run of hostile bodies may repeat, each with a body it takes. The document and the
 * parser agree when whatever the documented schema refuses is a 400, and whatever is taken (2xx) the
 * schema accepts. (The parser may refuse more: catalogue ids, dates that do not exist, blank strings.)
 */
const ROUTES: [operation: string, path: string, valid: Record<string, unknown>][] = [
  ['POST /api/auth/sign-in', '/api/auth/sign-in', { email: 'nobody@example.org', password: 'not their password' }],
  [
    'POST /api/admin/users',
    '/api/admin/users',
    {
      email: 'fuzz@example.org',
      displayName: 'Fuzz',
      password: 'correct horse battery staple',
      roles: [{ kind: 'evaluator' }],
    },
  ],
  [
    'POST /api/organisations',
    '/api/organisations',
    { name: 'Oak House', sector: 'private', region: 'Fife', serviceType: 'care home', sizeBand: 'small' },
  ],
  [
    'POST /api/roles',
    '/api/roles',
    {
      organisationId: 'default',
      name: 'Support worker',
      requirements: [{ capabilityId: 'pc.flexibility', stage: 'engaged' }],
      qualifications: ['SVQ 3'],
    },
  ],
  ['POST /api/admin/lrs-clients', '/api/admin/lrs-clients', { name: 'Moodle', scopes: ['statements/write'] }],
  [
    'PUT /api/roles/{id}',
    `/api/roles/${FUZZ_ROLE.id}`,
    { name: 'Senior support worker', requirements: [{ capabilityId: 'pc.flexibility', stage: 'established' }] },
  ],
  [
    'POST /api/organisations/{id}/adoption',
    '/api/organisations/default/adoption',
    { status: 'aware', date: '2026-01-01' },
  ],
  ...workforceRoutes(),
  ...otherRoutes(),
];

/** The rest, on users, organisations, roles, workers and audits nobody holds where a body taken would change one. */
function otherRoutes(): [operation: string, path: string, valid: Record<string, unknown>][] {
  const user = '00000000-0000-4000-8000-00000000f024';
  const audit = '/api/organisations/no-such-org/audits/00000000-0000-4000-8000-00000000f025';
  const newUser = { email: 'fuzz.org@example.org', displayName: 'Fuzz', password: 'correct horse battery staple' };
  return [
    ['POST /api/admin/users/{id}/roles', `/api/admin/users/${user}/roles`, { roles: [{ kind: 'evaluator' }] }],
    ['DELETE /api/admin/users/{id}/roles', `/api/admin/users/${user}/roles`, { roles: [{ kind: 'evaluator' }] }],
    ['POST /api/organisations/{organisationId}/users', '/api/organisations/default/users', newUser],
    [
      'POST /api/organisations/{organisationId}/users/{userId}/roles',
      `/api/organisations/default/users/${user}/roles`,
      { roles: [{ kind: 'learning-lead', organisationId: 'default' }] },
    ],
    [
      'DELETE /api/organisations/{organisationId}/users/{userId}/roles',
      `/api/organisations/default/users/${user}/roles`,
      { roles: [{ kind: 'learning-lead', organisationId: 'default' }] },
    ],
    [
      'PUT /api/organisations/{id}',
      '/api/organisations/no-such-org',
      { name: 'Oak House', sector: 'private', region: 'Fife', serviceType: 'care home', sizeBand: 'small' },
    ],
    ['PUT /api/organisations/{id}/audits/{auditId}/answers/{questionId}', `${audit}/answers/q1`, { response: 'Yes' }],
    [
      'PUT /api/organisations/{id}/audits/{auditId}/indicators/{indicatorId}',
      `${audit}/indicators/i1`,
      { achieved: true, evidence: 'minutes' },
    ],
    [
      'PUT /api/organisations/{id}/audits/{auditId}/indicators',
      `${audit}/indicators`,
      { indicators: [{ indicatorId: 'i1', achieved: true, evidence: 'minutes' }] },
    ],
    [
      'POST /api/organisations/{id}/audits/{auditId}/actions',
      `${audit}/actions`,
      { indicatorId: 'i1', description: 'Train', owner: 'Lead', due: '2026-01-01' },
    ],
    [
      'PUT /api/organisations/{id}/audits/{auditId}/actions/{actionId}',
      `${audit}/actions/a1`,
      { status: 'done', changedOn: '2026-01-01' },
    ],
    ['POST /api/organisations/{id}/audits/{auditId}/complete', `${audit}/complete`, { completedOn: '2026-01-01' }],
    [
      'POST /api/organisations/{id}/audits',
      '/api/organisations/no-such-org/audits',
      { startedOn: '2026-01-01', surveyThreshold: 0.5 },
    ],
    [
      'POST /api/organisations/{organisationId}/lrs-clients',
      '/api/organisations/default/lrs-clients',
      { name: 'Moodle', scopes: ['statements/write'] },
    ],
  ];
}

/**
 * The workforce's bodies (issue 14 §8, the last converted). A worker or role nobody holds makes a taken
 * body a 404 after parsing, so most runs change nothing; a registration or import taken once is a 409 after.
 */
function workforceRoutes(): [operation: string, path: string, valid: Record<string, unknown>][] {
  const worker = '/api/workers/00000000-0000-5000-8000-00000000f022';
  const review = '/api/organisations/default/workers-from-statements/00000000-0000-5000-8000-00000000f022';
  return [
    [
      'POST /api/workers',
      '/api/workers',
      {
        name: 'Fuzz Worker',
        identifiers: [{ mbox: 'mailto:fuzz.worker@example.org' }],
        registrationNumber: 'SSSC 1',
        organisationId: 'default',
        joinedOn: '2026-01-01',
      },
    ],
    [
      'POST /api/workers/{id}/identifiers',
      `${worker}/identifiers`,
      { identifier: { mbox: 'mailto:fuzz@example.org' } },
    ],
    ['POST /api/workers/{id}/memberships', `${worker}/memberships`, { organisationId: 'default', from: '2026-01-01' }],
    [
      'POST /api/workers/{id}/memberships/end',
      `${worker}/memberships/end`,
      { organisationId: 'default', to: '2026-01-01' },
    ],
    ['POST /api/workers/{id}/roles', `${worker}/roles`, { roleId: 'no-such-role', from: '2026-01-01' }],
    [
      'POST /api/workers/{id}/evidence',
      `/api/workers/${FUZZ_WORKER}/evidence`,
      {
        kind: 'learning-activity',
        mode: 'formal',
        title: 'Fuzz learning',
        duration: 'PT1H',
        occurredAt: '2026-01-01T10:00:00Z',
        capabilityIds: ['pc.self-confidence'],
      },
    ],
    ['POST /api/workers/{id}/roles/{roleId}/end', `${worker}/roles/no-such-role/end`, { to: '2026-01-01' }],
    [
      'POST /api/organisations/{id}/workers/import',
      '/api/organisations/default/workers/import',
      {
        workers: [
          {
            name: 'Fuzz Import',
            identifiers: [{ mbox: 'mailto:fuzz.import@example.org' }],
            registrationNumber: 'SSSC 2',
            joinedOn: '2026-01-01',
            roleId: 'no-such-role',
          },
        ],
      },
    ],
    [
      'POST /api/organisations/{id}/workers/moves',
      '/api/organisations/default/workers/moves',
      { rows: [{ workerId: 'no-such-worker', action: 'assign-role', date: '2026-01-01', roleId: 'no-such-role' }] },
    ],
    ['POST /api/organisations/{id}/workers-from-statements/{workerId}/confirm', `${review}/confirm`, { note: 'fuzz' }],
    ['POST /api/organisations/{id}/workers-from-statements/{workerId}/reject', `${review}/reject`, { note: 'fuzz' }],
    [
      'POST /api/organisations/{id}/workers-from-statements/{workerId}/merge',
      `${review}/merge`,
      { intoWorkerId: 'no-such-worker' },
    ],
  ];
}

/** Operations taking a body that the property below does not send hostile bodies to, and why. */
const NOT_FUZZED: Record<string, string> = {
  'POST /api/admin/generate': 'each body it takes queues a data-generation job',
  'POST /api/workers/{id}/shares': 'only the worker shares their record: anyone else is a 403 before the body',
  'POST /api/workers/{id}/shares/withdraw': 'only the worker withdraws a share: anyone else is a 403 before the body',
  'POST /api/organisations/{id}/audits/{auditId}/survey-responses':
    'only a worker of the organisation answers its survey: anyone else is a 403 before the body',
};

/**
 * OpenAPI 3.0 writes an exclusive bound as a boolean beside `minimum`/`maximum` (`minimum: 0,
 * exclusiveMinimum: true`); JSON Schema (draft 6 on, which ajv compiles) as the bound itself
 * (`exclusiveMinimum: 0`). The same schema in the second form, everywhere in it.
 */
function asJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(asJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const converted = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, asJsonSchema(value)]));
  for (const [flag, limit] of EXCLUSIVE_BOUNDS) {
    // Only the boolean is OpenAPI 3.0's: a number already is the JSON Schema form.
    if (typeof converted[flag] !== 'boolean') continue;
    if (converted[flag] && converted[limit] !== undefined) {
      converted[flag] = converted[limit];
      delete converted[limit];
    } else delete converted[flag];
  }
  return converted;
}

const EXCLUSIVE_BOUNDS = [
  ['exclusiveMinimum', 'minimum'],
  ['exclusiveMaximum', 'maximum'],
] as const;

/** A body made from a valid one: a property dropped, changed to any JSON value, or added; or any JSON value. */
function hostileBody(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const json = fc.jsonValue({ maxDepth: 3 });
  return fc.oneof(
    fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
    fc.record({ key: fc.constantFrom(...keys), value: json }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.record({ key: fc.string({ maxLength: 8 }), value: json }).map(({ key, value }) => ({ ...valid, [key]: value })),
    json,
  );
}

describe('OpenAPI 3.0 exclusive bounds read as JSON Schema', () => {
  it('turns the boolean beside a bound into the numeric form, at any depth, and leaves the rest', () => {
    const openApi = {
      properties: {
        share: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: false },
        rows: { items: { maximum: 9, exclusiveMaximum: true } },
        minimum: { type: 'integer', minimum: 1 },
      },
    };
    expect(asJsonSchema(openApi)).toEqual({
      properties: {
        share: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        rows: { items: { exclusiveMaximum: 9 } },
        minimum: { type: 'integer', minimum: 1 },
      },
    });
    const validate = new Ajv().compile(asJsonSchema(openApi.properties.share) as object);
    expect([0, 0.5, 1, 1.5].map((n) => validate(n))).toEqual([false, true, true, false]);
  });
});

describe('the documented body schemas and the parsers agree on hostile bodies (issue 14 §8)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);

  it.each(ROUTES)('%s', async (operation, path, valid) => {
    const validate = ajv.compile(
      asJsonSchema({ allOf: [bodySchema(operation)], components: document.components }) as object,
    );
    expect(validate(valid), JSON.stringify(validate.errors)).toBe(true);
    await fc.assert(
      fc.asyncProperty(hostileBody(valid), async (body) => {
        const response = await fetch(`${app.baseUrl}${path.replace(FUZZ_WORKER, fuzzWorkerId)}`, {
          method: operation.split(' ')[0],
          headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        const documented = validate(body);
        if (!documented) expect(response.status, `${JSON.stringify(body)} breaks the documented schema`).toBe(400);
        if (response.status < 300) expect(documented, `${JSON.stringify(body)} was taken`).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it.each([
    ['capabilityIds', { capabilityIds: null }],
    ['indicatorIds', { indicatorIds: null }],
    ['learningKind', { learningKind: null }],
  ])(
    'POST /api/workers/{id}/evidence: %s null is a 400 naming it, as the document allows no null',
    async (field, nulled) => {
      const valid = ROUTES.find(([operation]) => operation === 'POST /api/workers/{id}/evidence')![2];
      const { status, body } = await api(app, app.adminToken, 'POST', `/api/workers/${fuzzWorkerId}/evidence`, {
        ...valid,
        ...nulled,
      });
      expect(status).toBe(400);
      expect(body).toMatchObject({ field });
    },
  );
});

/**
 * Issue 14 §10 on the bodies converted last: a property a body (or a row of it) does not take is a 400
 * naming it, whatever else the body holds. (A top-level one is refused by the closed-bodies check from the
 * document, a row's by the parser: both come from the one zod definition.)
 */
describe('the workforce and admin bodies refuse a property they do not take, naming it', () => {
  const staffRow = { identifiers: [{ mbox: 'mailto:unknown-property@example.org' }] };
  const move = { workerId: 'no-such-worker', action: 'join', date: '2026-01-01' };
  const worker = '/api/workers/00000000-0000-5000-8000-00000000f023';
  const review = '/api/organisations/default/workers-from-statements/00000000-0000-5000-8000-00000000f023';
  const cases: [path: string, body: Record<string, unknown>, field: string][] = [
    [
      '/api/workers',
      { identifiers: [{ mbox: 'mailto:unknown-property@example.org' }], joinedon: '2026-01-01' },
      'joinedon',
    ],
    [`${worker}/identifiers`, { identifier: { mbox: 'mailto:u@example.org' }, primary: true }, 'primary'],
    [`${worker}/memberships`, { organisationId: 'default', since: '2026-01-01' }, 'since'],
    [`${worker}/memberships/end`, { organisationId: 'default', reason: 'left' }, 'reason'],
    [`${worker}/roles`, { roleId: 'no-such-role', role: 'x' }, 'role'],
    [`${worker}/roles/no-such-role/end`, { until: '2026-01-01' }, 'until'],
    ['/api/organisations/default/workers/import', { workers: [staffRow], dryRun: true }, 'dryRun'],
    ['/api/organisations/default/workers/import', { workers: [{ ...staffRow, email: 'x' }] }, 'workers[0].email'],
    ['/api/organisations/default/workers/moves', { rows: [move], moves: [] }, 'moves'],
    ['/api/organisations/default/workers/moves', { rows: [move, { ...move, from: 'x' }] }, 'rows[1].from'],
    [`${review}/confirm`, { note: 'ok', notes: 'ok' }, 'notes'],
    [`${review}/reject`, { reason: 'not ours' }, 'reason'],
    [`${review}/merge`, { intoWorkerId: 'no-such-worker', into: 'x' }, 'into'],
    ['/api/admin/generate', { organisations: 1, workers: 1, years: 1, until: '2999-01-01', orgs: 2 }, 'orgs'],
  ];

  it.each(cases)('POST %s (%j) names %s', async (path, body, field) => {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const problem = (await response.json()) as {
      status: number;
      field: string;
      errors: { field: string; rule: string }[];
    };
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problem.field).toBe(field);
    expect(problem.errors).toContainEqual({ field, rule: expect.stringMatching(/^is not a property of /) });
  });
});

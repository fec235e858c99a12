import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationalCapabilities } from '#libs/framework';
import { api, createUser, ok } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue 11's generated tenancy test. Every /api operation of the OpenAPI document the app serves is
 * called by every role of organisation A (and by nobody signed in) with the ids of organisation B in
 * every path parameter, and B's ids in the body and query: each answer must be a refusal (401, 403 or
 * 404; a 400 for a body refused before access is looked at) carrying none of B's data, and B's records
 * must be unchanged afterwards. The same roles read their own organisation's records, which must not
 * be refused to a learning lead (so the foreign refusals are not vacuous).
 *
 * A route added later is covered without anyone listing it: its path parameters must be in PARAMS
 * (else this test fails naming them), and an /api path with no parameter must be in UNSCOPED or
 * SCOPED_WITHOUT_PARAMS (else it fails naming it).
 */
type Side = 'own' | 'other';
interface Fixture {
  organisationId: string;
  workerId: string;
  roleId: string;
  userId: string;
  statementId: string;
  email: string;
  auditId: string;
  actionId: string;
}

/** An audit question and an organisation indicator of the catalogue: both organisations' cycles have them. */
const firstCapability = organisationalCapabilities[0]!;
const AUDIT_QUESTION = `${firstCapability.id}.audit.1a.q1`;
const ORGANISATION_INDICATOR = firstCapability.stages[0]!.organisationIndicators[0]!.id;

/** B's texts carry this marker, so an answer that leaks any of B's data shows it. */
const SECRET = 'bravo-secret';
let app: TestApp;
const fixtures = {} as Record<Side, Fixture>;
const tokens: Record<string, string | undefined> = { nobody: undefined };

/** Path parameter → the fixture id it takes, by the path's first segment under /api where names are shared. */
const PARAMS: Record<string, (path: string, f: Fixture) => string> = {
  id: (path, f) => {
    if (path.startsWith('/api/workers/')) return f.workerId;
    if (path.startsWith('/api/organisations/')) return f.organisationId;
    if (path.startsWith('/api/roles/')) return f.roleId;
    if (path.startsWith('/api/admin/')) return f.userId;
    throw new Error(`no fixture rule for {id} in ${path}: add one to PARAMS`);
  },
  organisationId: (_p, f) => f.organisationId,
  userId: (_p, f) => f.userId,
  roleId: (_p, f) => f.roleId,
  workerId: (_p, f) => f.workerId,
  statementId: (_p, f) => f.statementId,
  auditId: (_p, f) => f.auditId,
  actionId: (_p, f) => f.actionId,
  questionId: () => AUDIT_QUESTION,
  indicatorId: () => ORGANISATION_INDICATOR,
  name: () => 'workforce',
  trend: () => 'personal-capabilities',
};

/** Paths with parameters whose organisation is in the query (a trend's scope): B's there. */
const SCOPED_QUERY: Record<string, (f: Fixture) => string> = {
  'GET /api/trends/{trend}': (f) => `organisationId=${encodeURIComponent(f.organisationId)}`,
};

/** Paths that hold no organisation's records: public, about the caller only, or platform admins' alone. */
const UNSCOPED: Record<string, string> = {
  '/health': 'public readiness',
  '/api/framework': 'the CLF catalogue, public',
  '/api/framework/audit': 'the CLF catalogue, public',
  '/api/framework/capabilities/{id}': 'the CLF catalogue, public',
  '/api/auth/sign-in': 'signs the caller in',
  '/api/auth/sign-out': "ends the caller's session",
  '/api/auth/me': 'the caller only',
  '/api/me/surveys': "the caller's own open staff surveys",
  // Job role definitions are person specifications, not personal data: any signed-in user reads them.
  'GET /api/roles/{id}': 'person specifications are shared',
};

/** /api paths without path parameters whose organisation is in the body or query: B's there. */
const SCOPED_WITHOUT_PARAMS: Record<string, (f: Fixture) => { query?: string; body?: unknown }> = {
  'GET /api/organisations': () => ({}),
  'POST /api/organisations': (f) => ({
    body: {
      id: `${f.organisationId}-2`,
      name: SECRET,
      sector: 'private',
      region: 'Fife',
      serviceType: 'x',
      sizeBand: 'small',
    },
  }),
  'POST /api/roles': (f) => ({
    body: { id: 'forged-role', organisationId: f.organisationId, name: 'forged', requirements: [] },
  }),
  'GET /api/workers': (f) => ({ query: `agent=${encodeURIComponent(JSON.stringify({ mbox: `mailto:${f.email}` }))}` }),
  'POST /api/workers': (f) => ({
    body: { identifiers: [{ mbox: `mailto:${f.email}` }], organisationId: f.organisationId },
  }),
};

/** Reads of A's own records a learning lead is refused by design, with the reason. */
const NOT_FOR_LEADS: Record<string, string> = {
  'GET /api/workers/{id}/invitations': "joining another employer is the worker's own decision",
  'GET /api/workers/{id}/shares': "what the worker shares, and with whom, is the worker's own decision",
};

/**
 * A body naming B's ids in every field a route might read; `organisationId` is B's, or the attacker's
 * own (A's: "join B's worker to A"), each tried.
 */
const foreignBody = (f: Fixture, organisationId = f.organisationId) => ({
  organisationId,
  roleId: f.roleId,
  workerId: f.workerId,
  identifier: { mbox: `mailto:${f.email}` },
  identifiers: [{ mbox: `mailto:${f.email}` }],
  roles: [{ kind: 'worker', workerId: f.workerId }],
  kind: 'reflective-account',
  account: 'forged',
  name: 'forged',
  requirements: [],
});

interface Operation {
  method: string;
  path: string;
}

async function operations(): Promise<Operation[]> {
  const document = await ok(app, undefined, 'GET', '/api/docs/openapi.json');
  return Object.entries<Record<string, unknown>>(document.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path })),
  );
}

const isUnscoped = (op: Operation) =>
  op.path in UNSCOPED || `${op.method} ${op.path}` in UNSCOPED || !op.path.startsWith('/api/');
const isAdminOnly = (op: Operation) => op.path.startsWith('/api/admin/');

function resolve(op: Operation, f: Fixture): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const rule = PARAMS[name];
    if (!rule)
      throw new Error(`${op.method} ${op.path}: no fixture rule for path parameter {${name}}: add one to PARAMS`);
    return encodeURIComponent(rule(op.path, f));
  });
}

function request(op: Operation, f: Fixture): { path: string; body?: unknown } {
  if (!op.path.includes('{')) {
    const rule = SCOPED_WITHOUT_PARAMS[`${op.method} ${op.path}`];
    if (!rule && !isAdminOnly(op))
      throw new Error(`${op.method} ${op.path}: no own/other rule: add it to SCOPED_WITHOUT_PARAMS or UNSCOPED`);
    const { query, body } = rule ? rule(f) : { body: foreignBody(f) };
    return {
      path: query ? `${op.path}?${query}` : op.path,
      body: op.method === 'GET' ? undefined : (body ?? foreignBody(f)),
    };
  }
  const query = SCOPED_QUERY[`${op.method} ${op.path}`]?.(f);
  return {
    path: query ? `${resolve(op, f)}?${query}` : resolve(op, f),
    body: op.method === 'GET' || op.method === 'DELETE' ? undefined : foreignBody(f),
  };
}

const org = (id: string, name: string) => ({
  id,
  name,
  sector: 'private',
  region: 'Fife',
  serviceType: 'care home for adults',
  sizeBand: 'small',
});

async function organisation(side: Side, id: string, marker: string): Promise<Fixture> {
  const admin = app.adminToken;
  await ok(app, admin, 'POST', '/api/organisations', org(id, `${marker} org`));
  const roleId = `${id}-support-worker`;
  await ok(app, admin, 'POST', '/api/roles', {
    id: roleId,
    organisationId: id,
    name: `${marker} role`,
    requirements: [{ capabilityId: 'pc.flexibility', stage: 'engaged' }],
  });
  const email = `worker@${id}.example.org`;
  const workerId = (
    await ok(app, admin, 'POST', '/api/workers', {
      name: `${marker} worker`,
      identifiers: [{ mbox: `mailto:${email}` }],
      organisationId: id,
    })
  ).id;
  await ok(app, admin, 'POST', `/api/workers/${workerId}/roles`, { roleId });
  const evidence = await ok(app, admin, 'POST', `/api/workers/${workerId}/evidence`, {
    kind: 'reflective-account',
    account: `${marker} reflective account`,
  });
  const user = await ok(app, admin, 'POST', '/api/admin/users', {
    email,
    displayName: `${marker} user`,
    password: 'correct horse battery staple',
    roles: [{ kind: 'worker', workerId }],
  });
  const audits = `/api/organisations/${id}/audits`;
  const auditId = (await ok(app, admin, 'POST', audits, { startedOn: '2025-01-01' })).id;
  const action = {
    indicatorId: ORGANISATION_INDICATOR,
    description: `${marker} action`,
    owner: `${marker} owner`,
    due: '2025-06-01',
  };
  const actionId = (await ok(app, admin, 'POST', `${audits}/${auditId}/actions`, action)).id;
  const fixture = {
    organisationId: id,
    workerId,
    roleId,
    userId: user.id,
    statementId: evidence.statementId,
    email,
    auditId,
    actionId,
  };
  if (side === 'own') {
    tokens.worker = (
      await ok(app, undefined, 'POST', '/api/auth/sign-in', { email, password: 'correct horse battery staple' })
    ).token;
    tokens['line-manager'] = await createUser(app, `manager@${id}.example.org`, [
      { kind: 'line-manager', organisationId: id, workerIds: [workerId] },
    ]);
    tokens['learning-lead'] = await createUser(app, `lead@${id}.example.org`, [
      { kind: 'learning-lead', organisationId: id },
    ]);
    tokens.evaluator = await createUser(app, `evaluator@${id}.example.org`, [
      { kind: 'evaluator', organisationId: id },
    ]);
  }
  return fixture;
}

/** What an admin sees of B: must be the same after every attack. */
async function snapshotOfOther(): Promise<unknown> {
  const f = fixtures.other;
  const admin = app.adminToken;
  return {
    worker: await ok(app, admin, 'GET', `/api/workers/${f.workerId}`),
    timeline: await ok(app, admin, 'GET', `/api/workers/${f.workerId}/timeline`),
    user: await ok(app, admin, 'GET', `/api/admin/users/${f.userId}`),
    role: await ok(app, admin, 'GET', `/api/roles/${f.roleId}`),
    audit: await ok(app, admin, 'GET', `/api/organisations/${f.organisationId}/audits/${f.auditId}`),
    adoption: await ok(app, admin, 'GET', `/api/organisations/${f.organisationId}/adoption`),
  };
}

beforeAll(async () => {
  app = await startTestApp();
  fixtures.own = await organisation('own', 'alpha', 'alpha-visible');
  fixtures.other = await organisation('other', 'bravo', SECRET);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const ROLES = ['nobody', 'worker', 'line-manager', 'learning-lead', 'evaluator'] as const;

describe('generated tenancy: every /api operation × every role × own and other organisation', () => {
  it('has a fixture rule for every path parameter and every unscoped path', async () => {
    for (const op of await operations()) if (!isUnscoped(op)) request(op, fixtures.other);
  });

  it("refuses every role of A B's records, with no data of B, and changes nothing of B", async () => {
    const before = await snapshotOfOther();
    const failures: string[] = [];
    for (const op of await operations()) {
      if (isUnscoped(op)) continue;
      const { path, body } = request(op, fixtures.other);
      // B's record in the path, A's organisation in the body ("join B's worker to A"): any 4xx, or an
      // invitation (202) that B's worker decides on; B's snapshot below shows nothing changed.
      const ownOrganisation =
        body === undefined || !op.path.includes('{')
          ? []
          : [{ ...(body as object), organisationId: fixtures.own.organisationId }];
      for (const [role, sent, mixed] of ROLES.flatMap((r) => [
        [r, body, false] as const,
        ...ownOrganisation.map((b) => [r, b, true] as const),
      ])) {
        const answer = await api(app, tokens[role], op.method, path, sent);
        const refused =
          [401, 403, 404].includes(answer.status) ||
          (answer.status === 400 && op.method !== 'GET') ||
          (mixed && (answer.status === 202 || (answer.status >= 400 && answer.status < 500)));
        // A list without path parameters (the organisations) may answer, with A's records only.
        const ownList =
          op.method === 'GET' &&
          !op.path.includes('{') &&
          answer.status === 200 &&
          !answer.text.includes(fixtures.other.workerId);
        if (!(refused || ownList) || answer.text.includes(SECRET))
          failures.push(`${role}: ${op.method} ${path} → ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotOfOther()).toEqual(before);
  }, 120_000);

  it("answers A's learning lead their own organisation's records (the refusals above are not vacuous)", async () => {
    const failures: string[] = [];
    for (const op of await operations()) {
      if (isUnscoped(op) || isAdminOnly(op) || op.method !== 'GET') continue;
      const { path } = request(op, fixtures.own);
      for (const role of ROLES) {
        const answer = await api(app, tokens[role], op.method, path);
        if (answer.status >= 500 || answer.text.includes(SECRET))
          failures.push(`${role}: GET ${path} → ${answer.status}`);
        if (role === 'learning-lead' && answer.status >= 300 && !(`GET ${op.path}` in NOT_FOR_LEADS))
          failures.push(`learning-lead: GET ${path} → ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

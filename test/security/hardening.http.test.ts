import { randomUUID } from 'node:crypto';
import XAPIModule from '@xapi/xapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLF_ACTIVITY_TYPES as T, CLF_EXTENSIONS as X, CLF_VERBS as V } from '#libs/framework';
import { ProjectionRunner } from '#libs/projections';
import { evidenceStream, WORKFORCE_EVENTS as EV } from '#libs/workforce';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { api, createUser, ok } from '../support/http-api.js';
import { registerOrganisation } from '../support/organisations.js';
import { auditAnswer, postToLrs } from '../support/audit-tool.js';

/**
 * Defects earlier outside attacks noted and left (test/security/*.http.test.ts), each shown through HTTP
 * with the real `@xapi/xapi` client where the LRS is involved: organisation B's client, lead and ids
 * against organisation A.
 */
// Under nodenext the CommonJS default export arrives wrapped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const XAPI = ((XAPIModule as any).default ?? XAPIModule) as typeof XAPIModule.default;
type XapiClient = InstanceType<typeof XAPI>;

let app: TestApp;
let leadA: string;
let leadB: string;
let xapiA: XapiClient;
let xapiB: XapiClient;
let clientKeyB: string;
let authB: string;
let workerA: string;
const A = '/api/organisations/org-a';
const B = '/api/organisations/org-b';
const workerEmailA = 'known@a.example.org';

async function xapiClientOf(
  lead: string,
  organisation: string,
): Promise<{ client: XapiClient; key: string; auth: string }> {
  const created = await ok(app, lead, 'POST', `/api/organisations/${organisation}/lrs-clients`, {
    name: `LMS of ${organisation}`,
    scopes: ['all'],
  });
  const auth = XAPI.toBasicAuth(created.key, created.secret);
  const client = new XAPI({ endpoint: `${app.baseUrl}/xapi/`, auth, version: '1.0.3' });
  return { client, key: created.key, auth };
}

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b']) await registerOrganisation(app, id);
  leadA = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadB = await createUser(app, 'lead@b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
  xapiA = (await xapiClientOf(leadA, 'org-a')).client;
  const b = await xapiClientOf(leadB, 'org-b');
  xapiB = b.client;
  clientKeyB = b.key;
  authB = b.auth;
  workerA = (
    await ok(app, app.adminToken, 'POST', '/api/workers', {
      name: 'Known in A',
      identifiers: [{ mbox: `mailto:${workerEmailA}` }],
      organisationId: 'org-a',
      joinedOn: '2020-01-01',
    })
  ).id;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe("1. B's LRS client labelling statements with A's organisation extension", () => {
  const actor = (email: string) => ({ objectType: 'Agent' as const, mbox: `mailto:${email}`, name: email });
  const asA = { [X.organisation]: 'org-a' };

  const learning = (email: string) => ({
    id: randomUUID(),
    actor: actor(email),
    verb: { id: V.completed, display: { en: 'completed' } },
    object: {
      objectType: 'Activity' as const,
      id: `https://lms.b.example.org/courses/${randomUUID()}`,
      definition: { type: T.formalLearning, name: { en: 'A course' } },
    },
    result: { duration: 'PT2H' },
    context: { extensions: asA },
    timestamp: '2026-02-01T10:00:00Z',
  });

  it("counts only for B: no worker, evidence or audit answer in A; B's rejections say why the audit answer counts for nothing", async () => {
    const { id: auditId } = await ok(app, leadA, 'POST', `${A}/audits`, { startedOn: '2026-01-10' });
    await waitForProjections(app.runtime);
    const cycleBefore = await ok(app, leadA, 'GET', `${A}/audits/${auditId}`);
    const staffBefore = await ok(app, leadA, 'GET', `${A}/workers`);
    const answer = auditAnswer({
      auditId,
      organisationId: 'org-a',
      actor: actor('tool@b.example.org'),
      timestamp: '2026-02-01T10:00:00Z',
      response: "forged by B as A's",
    });
    const newActor = learning('stranger@b.example.org');
    const aboutAsWorker = learning(workerEmailA);
    // Valid xAPI: the LRS stores all three (the spec gives it no ground to refuse them).
    const sent = await xapiB.sendStatements({ statements: [answer, newActor, aboutAsWorker] as never });
    expect(sent.data).toEqual([answer.id, newActor.id, aboutAsWorker.id]);
    await waitForProjections(app.runtime);

    expect(await ok(app, leadA, 'GET', `${A}/audits/${auditId}`)).toEqual(cycleBefore);
    expect(await ok(app, leadA, 'GET', `${A}/workers`)).toEqual(staffBefore);
    expect((await ok(app, leadA, 'GET', `${A}/workers-from-statements`)).workers).toEqual([]);
    // The new actor is B's (the client's organisation), whatever the extension says.
    const ofB = (await ok(app, leadB, 'GET', `${B}/workers-from-statements`)).workers;
    expect(ofB.map((w: { name?: string }) => w.name)).toEqual(['stranger@b.example.org']);
    // B's evidence about A's worker is B's and pending on the worker's record, never A's.
    const pending = await ok(app, app.adminToken, 'GET', `/api/workers/${workerA}/pending-evidence`);
    expect(pending.map((e: { organisationId: string }) => e.organisationId)).toEqual(['org-b']);

    // B's client hears, through its own rejections, that the audit answer counts for nothing and why.
    const rejections = await xapiGet(authB, 'profiles/clf/rejections');
    const rejected = rejections.rejections.find((r: { statementId: string }) => r.statementId === answer.id);
    expect(rejected?.reason).toMatch(/organisation extension.*org-a.*org-b/);
    expect(rejections.rejections.map((r: { statementId: string }) => r.statementId)).toEqual([answer.id]);
    expect((await ok(app, leadB, 'GET', `${B}/clf-rejections`)).rejections).toHaveLength(1);
    expect((await ok(app, leadA, 'GET', `${A}/clf-rejections`)).rejections).toEqual([]);
    expect(rejected.client).toBe(clientKeyB);
    // Checked before sending, the validation says the same.
    const validated = await postToLrs(app, authB, answer, { resource: 'profiles/clf/validate', version: '1.0.3' });
    const [result] = JSON.parse(validated.text).results;
    expect(result.outcome).toBe('not-recognised');
    expect(result.reason).toBe(rejected.reason);
    await ok(app, leadA, 'POST', `${A}/audits/${auditId}/complete`, { completedOn: '2026-02-28' });
  });
});

describe('2. a date the write side accepted that a read model cannot store as written', () => {
  const learningAt = (timestamp: string) => ({
    id: randomUUID(),
    actor: { objectType: 'Agent' as const, mbox: `mailto:${workerEmailA}` },
    verb: { id: V.completed, display: { en: 'completed' } },
    object: {
      objectType: 'Activity' as const,
      id: `https://lms.a.example.org/courses/${randomUUID()}`,
      definition: { type: T.formalLearning },
    },
    result: { duration: 'PT1H' },
    timestamp,
  });
  const timeline = async () =>
    (await ok(app, leadA, 'GET', `/api/workers/${workerA}/timeline?limit=100`)).entries as {
      statementId: string;
      occurredAt: string;
      withdrawnAt: string | null;
    }[];

  it('stores every xAPI timestamp form the LRS accepts as its instant: no projection stops on one', async () => {
    // Valid 1.0.3 timestamps (ISO 8601) and a valid RFC 3339 one that PostgreSQL refuses as text.
    const forms = {
      '2026-02-01T10:00:00+16:00': '2026-01-31T18:00:00.000Z',
      '2026-02-01T10:00:00,5Z': '2026-02-01T10:00:00.500Z',
      '20260201T100000Z': '2026-02-01T10:00:00.000Z',
    };
    const statements = Object.keys(forms).map(learningAt);
    await xapiA.sendStatements({ statements: statements as never });
    const voiding = {
      id: randomUUID(),
      actor: { objectType: 'Agent' as const, mbox: 'mailto:lms@a.example.org' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
      object: { objectType: 'StatementRef' as const, id: statements[0]!.id },
      timestamp: '2026-03-01T10:00:00+16:00',
    };
    await xapiA.sendStatement({ statement: voiding as never });
    await waitForProjections(app.runtime);
    const entries = await timeline();
    for (const [n, statement] of statements.entries()) {
      const entry = entries.find((e) => e.statementId === statement.id);
      expect(entry?.occurredAt, statement.timestamp).toBe(Object.values(forms)[n]);
    }
    expect(entries.find((e) => e.statementId === statements[0]!.id)?.withdrawnAt).toBe('2026-02-28T18:00:00.000Z');
  });

  it('refuses at the LRS, with a 400 naming the field, an instant after 9999-12-31T23:59:59.999Z (a leap second)', async () => {
    const response = await postToLrs(app, authB, learningAt('9999-12-31T23:59:60Z'));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).error.message).toContain('statement.timestamp');
  });

  it("applies evidence the log already holds with the sender's text as its time, and keeps its place across restarts", async () => {
    // Its own app without a projection worker: the worker is started, stopped and started again here.
    const lagging = await startTestApp({ worker: false });
    try {
      await registerOrganisation(lagging, 'org-a');
      const { id: workerId } = await ok(lagging, lagging.adminToken, 'POST', '/api/workers', {
        name: 'Known in A',
        identifiers: [{ mbox: `mailto:${workerEmailA}` }],
        organisationId: 'org-a',
        joinedOn: '2020-01-01',
      });
      // What the reactor appended before it wrote instants: the statement's timestamp as sent.
      const statementId = randomUUID();
      const recorded = {
        workerId,
        organisationId: 'org-a',
        statementId,
        kind: 'learning-activity',
        occurredAt: '2026-04-01T10:00:00+16:00',
        storedAt: '2026-04-01T12:00:00.000Z',
        capabilityIds: [],
        indicatorIds: [],
        details: {},
        pending: false,
      };
      const withdrawn = { ...recorded, voidingStatementId: randomUUID(), withdrawnAt: '2026-04-02T10:00:00,5Z' };
      await lagging.runtime.store.append({
        streamId: evidenceStream('org-a', statementId),
        expectedRevision: 'no_stream',
        events: [
          { type: EV.evidenceRecorded, version: 3, data: recorded },
          { type: EV.evidenceWithdrawn, version: 1, data: withdrawn },
        ],
      });
      const checkpoints = async () =>
        (await lagging.runtime.pool.query('select name, position from projection_checkpoints order by name')).rows;
      const entries = async () =>
        (await ok(lagging, lagging.adminToken, 'GET', `/api/workers/${workerId}/timeline`)).entries.filter(
          (e: { statementId: string }) => e.statementId === statementId,
        );

      const { pool, store, projections } = lagging.runtime;
      let runner = new ProjectionRunner({ pool, store, projections });
      runner.start();
      await waitForProjections(lagging.runtime, 60_000);
      await runner.stop();
      expect(await entries()).toMatchObject([
        { occurredAt: '2026-03-31T18:00:00.000Z', withdrawnAt: '2026-04-02T10:00:00.500Z' },
      ]);
      const caughtUp = await checkpoints();
      // Started again, as after a restart: from the checkpoints, applying nothing twice.
      runner = new ProjectionRunner({ pool, store, projections });
      runner.start();
      await waitForProjections(lagging.runtime, 60_000);
      await runner.stop();
      expect(await checkpoints()).toEqual(caughtUp);
      expect(await entries()).toHaveLength(1);
    } finally {
      await lagging.close();
    }
  }, 120_000);
});

describe("3. routes given another organisation's worker ids answer as for an id nobody holds", () => {
  const nobody = randomUUID();
  const statementId = randomUUID();
  const others: Record<string, string> = {};
  /** Each write route lead A may call with a worker id: A's role, A's organisation, a statement id of A. */
  const routes: [name: string, method: string, path: (id: string) => string, body?: unknown][] = [
    ['assign a role', 'POST', (id) => `/api/workers/${id}/roles`, { roleId: 'org-a-carer' }],
    ['end a role', 'POST', (id) => `/api/workers/${id}/roles/org-a-carer/end`, {}],
    ['end a membership', 'POST', (id) => `/api/workers/${id}/memberships/end`, { organisationId: 'org-a' }],
    [
      'add an identifier',
      'POST',
      (id) => `/api/workers/${id}/identifiers`,
      { identifier: { mbox: 'mailto:another@a.example.org' } },
    ],
    [
      'record evidence',
      'POST',
      (id) => `/api/workers/${id}/evidence`,
      { kind: 'reflective-account', account: 'about someone' },
    ],
    ['withdraw evidence', 'DELETE', (id) => `/api/workers/${id}/evidence/${statementId}`],
    ['accept pending evidence', 'POST', (id) => `/api/workers/${id}/pending-evidence/org-a/${statementId}/accept`],
    ['share a record', 'POST', (id) => `/api/workers/${id}/shares`, { withOrganisationId: 'org-a' }],
    ['accept an invitation', 'POST', (id) => `/api/workers/${id}/invitations/org-a/accept`],
    ['confirm a statement worker', 'POST', (id) => `${A}/workers-from-statements/${id}/confirm`],
    ['reject a statement worker', 'POST', (id) => `${A}/workers-from-statements/${id}/reject`],
    ['merge a statement worker', 'POST', (id) => `${A}/workers-from-statements/${id}/merge`, { intoWorkerId: workerA }],
  ];

  beforeAll(async () => {
    await ok(app, leadA, 'POST', '/api/roles', {
      id: 'org-a-carer',
      organisationId: 'org-a',
      name: 'Carer',
      requirements: [{ capabilityId: 'pc.flexibility', stage: 'engaged' }],
    });
    const register = async (email: string) =>
      (
        await ok(app, leadB, 'POST', '/api/workers', {
          name: email,
          identifiers: [{ mbox: `mailto:${email}` }],
          organisationId: 'org-b',
          joinedOn: '2020-01-01',
        })
      ).id as string;
    others['a current worker of B'] = await register('current@b.example.org');
    others['a worker who left B'] = await register('left@b.example.org');
    await ok(app, leadB, 'POST', `/api/workers/${others['a worker who left B']}/memberships/end`, {
      organisationId: 'org-b',
    });
    await xapiB.sendStatement({
      statement: {
        actor: { objectType: 'Agent', mbox: 'mailto:merged@b.example.org' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { en: 'experienced' } },
        object: { objectType: 'Activity', id: `https://lms.b.example.org/${randomUUID()}` },
      },
    });
    await waitForProjections(app.runtime);
    const fromStatements = (await ok(app, leadB, 'GET', `${B}/workers-from-statements`)).workers as {
      id: string;
      identifiers: { mbox?: string }[];
    }[];
    const merged = fromStatements.find((w) => w.identifiers[0]?.mbox === 'mailto:merged@b.example.org')!;
    await ok(app, leadB, 'POST', `${B}/workers-from-statements/${merged.id}/merge`, {
      intoWorkerId: others['a current worker of B'],
    });
    others['a worker of B merged into another'] = merged.id;
    await waitForProjections(app.runtime);
  });

  it.each(routes)(
    "%s: the same status and words for each of B's workers as for an unknown id",
    async (_, method, path, body) => {
      const answer = async (id: string) => {
        const { status, text } = await api(app, leadA, method, path(id), body);
        return { status, text: text.replaceAll(id, '<id>') };
      };
      const unknown = await answer(nobody);
      expect(unknown.status).toBeGreaterThanOrEqual(400);
      for (const [who, id] of Object.entries(others)) expect(await answer(id), who).toEqual(unknown);
    },
  );
});

describe('5. GET /api/admin/users a page at a time', () => {
  it('pages through every user once; a bad limit or after is a 400 naming it', async () => {
    for (let i = 0; i < 5; i++) await createUser(app, `paged${i}@example.org`, []);
    const all = (await ok(app, app.adminToken, 'GET', '/api/admin/users?limit=500')).users.map(
      (u: { id: string }) => u.id,
    );
    expect(all.length).toBeGreaterThanOrEqual(7);
    const seen: string[] = [];
    let path = '/api/admin/users?limit=2';
    for (;;) {
      const page = await ok(app, app.adminToken, 'GET', path);
      expect(page.users.length).toBeLessThanOrEqual(2);
      seen.push(...page.users.map((u: { id: string }) => u.id));
      if (!page.next) break;
      path = `/api/admin/users?limit=2&after=${encodeURIComponent(page.next)}`;
    }
    expect(seen).toEqual(all);
    const forged = Buffer.from(JSON.stringify(['1; drop table x', 'x'])).toString('base64url');
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=2.5', 'limit'],
      ['limit=two', 'limit'],
      ['limit=1&limit=2', 'limit'],
      ['after=nonsense', 'after'],
      [`after=${forged}`, 'after'],
    ] as const) {
      const answer = await api(app, app.adminToken, 'GET', `/api/admin/users?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.detail, query).toContain(field);
    }
    expect((await api(app, leadA, 'GET', '/api/admin/users?limit=1')).status).toBe(403);
  });
});

describe("6. a team's and an organisation's stages in one query of judgements, whatever their size", () => {
  /** Runs `request` counting the queries for standing judgements (one per worker before). */
  async function judgementQueries(request: () => Promise<unknown>): Promise<number> {
    const pool = app.runtime.pool as unknown as { query: (...args: unknown[]) => unknown };
    const query = pool.query;
    let count = 0;
    pool.query = function (this: unknown, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
      if (text?.includes('cross join lateral') && text.includes('wanted(indicator_id)')) count++;
      return query.apply(this, args);
    };
    try {
      await request();
    } finally {
      pool.query = query;
    }
    return count;
  }

  it('GET …/team and …/capability-summary read judgements once for 1 or 6 members', async () => {
    await ok(app, app.adminToken, 'POST', '/api/organisations', {
      id: 'org-c',
      name: 'Organisation C',
      sector: 'voluntary',
      region: 'Fife',
      serviceType: 'care at home',
      sizeBand: 'small',
    });
    const counts = async () => ({
      team: await judgementQueries(() => ok(app, app.adminToken, 'GET', '/api/organisations/org-c/team')),
      summary: await judgementQueries(() =>
        ok(app, app.adminToken, 'GET', '/api/organisations/org-c/capability-summary'),
      ),
    });
    const join = async (n: number) => {
      await ok(app, app.adminToken, 'POST', '/api/workers', {
        name: `C${n}`,
        identifiers: [{ mbox: `mailto:c${n}@c.example.org` }],
        organisationId: 'org-c',
        joinedOn: '2020-01-01',
      });
    };
    await join(0);
    await waitForProjections(app.runtime);
    expect(await counts()).toEqual({ team: 1, summary: 1 });
    for (let n = 1; n < 6; n++) await join(n);
    await waitForProjections(app.runtime);
    expect((await ok(app, app.adminToken, 'GET', '/api/organisations/org-c/capability-summary')).workers).toBe(6);
    expect(await counts()).toEqual({ team: 1, summary: 1 });
  });
});

/** A GET of a resource the xAPI client has no method for, with a client's credentials. */
async function xapiGet(auth: string, path: string): Promise<any> {
  const headers = { authorization: auth, 'x-experience-api-version': '1.0.3' };
  const response = await fetch(`${app.baseUrl}/xapi/${path}`, { headers });
  expect(response.status, path).toBe(200);
  return response.json();
}

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allAuditQuestions,
  findCapability,
  organisationalCapabilities,
  type PersonalCapability,
} from '#libs/framework';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import { api, createUser, ok } from '../../../test/support/http-api.js';

let app: TestApp;
let lead: string;
let leadC: string;
let workerOfB: string;
const org = (id: string) => ({
  id,
  name: `Org ${id}`,
  sector: 'voluntary',
  region: 'Fife',
  serviceType: 'care at home',
  sizeBand: 'small',
});
const cap1 = organisationalCapabilities[0]!;

const orgIndicator = cap1.stages[0]!.organisationIndicators[0]!.id;
const workerIndicator = cap1.stages[0]!.workerIndicators[0]!.id;
const personalIndicator = (findCapability('pc.self-confidence') as PersonalCapability).stages[0]!.indicators[0]!.id;
const question = allAuditQuestions.find((q) => q.capabilityId === cap1.id)!.id;
const base = '/api/organisations/org-a';

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b', 'org-c']) await ok(app, app.adminToken, 'POST', '/api/organisations', org(id));
  lead = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadC = await createUser(app, 'lead@c.example.org', [{ kind: 'learning-lead', organisationId: 'org-c' }]);
  const w = await ok(app, app.adminToken, 'POST', '/api/workers', {
    name: 'B1',
    identifiers: [{ mbox: 'mailto:b1@b.example.org' }],
    organisationId: 'org-b',
    joinedOn: '2020-01-01',
  });
  workerOfB = await createUser(app, 'b1@b.example.org', [{ kind: 'worker', workerId: w.id }]);
});

afterAll(async () => {
  await app?.close();
});

/** The log's length once every projection and reactor has caught up: "writes nothing" compares it. */
async function logLength(): Promise<number> {
  await waitForProjections(app.runtime);
  return (await app.runtime.pool.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;
}

/** Expects a refusal with this status naming this field, and nothing appended to the log. */
async function refused(
  token: string,
  method: string,
  path: string,
  body: unknown,
  status: number,
  field: string,
  rule?: RegExp,
) {
  const before = await logLength();
  const response = await api(app, token, method, path, body);
  expect(response.status, `${method} ${path} ${response.text}`).toBe(status);
  expect(response.body.field, response.text).toBe(field);
  if (rule) expect(response.body.detail).toMatch(rule);
  expect(await logLength(), `${method} ${path} wrote to the log`).toBe(before);
}

describe('one open cycle per organisation', () => {
  it('refuses a second open cycle with a 409 naming the rule; after completion the next one opens', async () => {
    const first = (await ok(app, lead, 'POST', `${base}/audits`, { startedOn: '2024-01-10' })).id;
    await refused(
      lead,
      'POST',
      `${base}/audits`,
      { startedOn: '2024-02-01' },
      409,
      'id',
      new RegExp(`"${first}" is still open; one open cycle per organisation`),
    );
    await ok(app, lead, 'POST', `${base}/audits/${first}/complete`, { completedOn: '2024-03-01' });
    const second = (await ok(app, lead, 'POST', `${base}/audits`, { startedOn: '2025-01-10' })).id;
    await ok(app, lead, 'POST', `${base}/audits/${second}/complete`, { completedOn: '2025-03-01' });
  });

  it('of several opened at once, exactly one is opened', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api(app, leadC, 'POST', '/api/organisations/org-c/audits', { startedOn: `2025-01-0${i + 1}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const cycles = await ok(app, leadC, 'GET', '/api/organisations/org-c/audits');
    expect(cycles.audits).toHaveLength(1);
  });
});

describe('a completed cycle cannot change', () => {
  it('refuses answers, self-assessments, the survey, new actions and a second completion with a 409 naming auditId; action progress is still followed', async () => {
    const auditId = (await ok(app, lead, 'POST', `${base}/audits`, { startedOn: '2026-01-10' })).id;
    const action = await ok(app, lead, 'POST', `${base}/audits/${auditId}/actions`, {
      indicatorId: orgIndicator,
      description: 'd',
      owner: 'o',
      due: '2026-06-01',
    });
    await ok(app, lead, 'POST', `${base}/audits/${auditId}/complete`, { completedOn: '2026-02-01' });
    const cycle = `${base}/audits/${auditId}`;
    const completed = /is completed and can no longer change/;
    await refused(lead, 'PUT', `${cycle}/answers/${question}`, { response: 'late' }, 409, 'auditId', completed);
    await refused(lead, 'PUT', `${cycle}/indicators/${orgIndicator}`, { achieved: true }, 409, 'auditId', completed);
    await refused(
      lead,
      'POST',
      `${cycle}/actions`,
      { indicatorId: orgIndicator, description: 'd', owner: 'o', due: '2026-06-01' },
      409,
      'auditId',
      completed,
    );
    await refused(lead, 'POST', `${cycle}/complete`, { completedOn: '2026-03-01' }, 409, 'auditId', completed);
    const worker = await ok(app, app.adminToken, 'POST', '/api/workers', {
      name: 'A1',
      identifiers: [{ mbox: 'mailto:a1@a.example.org' }],
      organisationId: 'org-a',
      joinedOn: '2020-01-01',
    });
    const workerToken = await createUser(app, 'a1@a.example.org', [{ kind: 'worker', workerId: worker.id }]);
    await refused(
      workerToken,
      'POST',
      `${cycle}/survey-responses`,
      { answers: [{ indicatorId: workerIndicator, agreement: 5 }] },
      409,
      'auditId',
      completed,
    );
    // Seed 003: the action plan is followed through after the review; that changes no finding of the audit.
    expect(await ok(app, lead, 'PUT', `${cycle}/actions/${action.id}`, { status: 'done' })).toEqual({ changed: true });
  });
});

describe('hostile input: a 4xx naming the field and the rule, and nothing written', () => {
  let cycle: string;
  beforeAll(async () => {
    cycle = `${base}/audits/${(await ok(app, lead, 'POST', `${base}/audits`, { startedOn: '2027-01-10' })).id}`;
  });

  it('unknown ids', async () => {
    await refused(
      lead,
      'PUT',
      `${cycle}/answers/oc.nope.audit.1a.q1`,
      { response: 'r' },
      400,
      'questionId',
      /not an audit question/,
    );
    await refused(
      lead,
      'PUT',
      `${cycle}/indicators/oc.nope`,
      { achieved: true },
      400,
      'indicatorId',
      /not an indicator of the CLF/,
    );
    await refused(
      lead,
      'PUT',
      `${base}/audits/00000000-0000-4000-8000-000000000000/answers/${question}`,
      { response: 'r' },
      404,
      'auditId',
    );
    await refused(
      lead,
      'PUT',
      `${cycle}/actions/00000000-0000-4000-8000-000000000000`,
      { status: 'done' },
      404,
      'actionId',
    );
  });

  it('an indicator of the other capability type', async () => {
    await refused(
      lead,
      'PUT',
      `${cycle}/indicators/${workerIndicator}`,
      { achieved: true },
      400,
      'indicatorId',
      /worker indicator; it is evidenced by the staff survey/,
    );
    await refused(
      lead,
      'PUT',
      `${cycle}/indicators/${personalIndicator}`,
      { achieved: true },
      400,
      'indicatorId',
      /personal capability's indicator/,
    );
    await refused(
      lead,
      'POST',
      `${cycle}/actions`,
      { indicatorId: personalIndicator, description: 'd', owner: 'o', due: '2027-06-01' },
      400,
      'indicatorId',
      /personal capability's indicator/,
    );
    const worker = await ok(app, app.adminToken, 'POST', '/api/workers', {
      name: 'A2',
      identifiers: [{ mbox: 'mailto:a2@a.example.org' }],
      organisationId: 'org-a',
      joinedOn: '2020-01-01',
    });
    const workerToken = await createUser(app, 'a2@a.example.org', [{ kind: 'worker', workerId: worker.id }]);
    await refused(
      workerToken,
      'POST',
      `${cycle}/survey-responses`,
      { answers: [{ indicatorId: orgIndicator, agreement: 5 }] },
      400,
      'answers[0].indicatorId',
      /organisation indicator; the staff survey asks about worker indicators/,
    );
  });

  it('bad dates', async () => {
    for (const startedOn of ['2025-02-30', '2025-1-01', '01/02/2025', 20250101, '']) {
      await refused(
        app.adminToken,
        'POST',
        '/api/organisations/org-b/audits',
        { startedOn },
        400,
        'startedOn',
        /calendar date YYYY-MM-DD/,
      );
    }
    await refused(
      lead,
      'POST',
      `${cycle}/complete`,
      { completedOn: '2027-01-09' },
      400,
      'completedOn',
      /before the cycle started/,
    );
    await refused(
      lead,
      'POST',
      `${cycle}/actions`,
      { indicatorId: orgIndicator, description: 'd', owner: 'o', due: '2027-13-01' },
      400,
      'due',
    );
    await refused(lead, 'PUT', `${cycle}/actions/x`, { status: 'done', changedOn: 'yesterday' }, 400, 'changedOn');
    const asOf = await api(app, lead, 'GET', `${base}/audit-status?asOf=2027-02-29`);
    expect([asOf.status, asOf.body.field]).toEqual([400, 'asOf']);
  });

  it("another organisation's worker answering the survey", async () => {
    await refused(
      workerOfB,
      'POST',
      `${cycle}/survey-responses`,
      { answers: [{ indicatorId: workerIndicator, agreement: 5 }] },
      404,
      'auditId',
      /in an organisation you work for/,
    );
  });

  it('any id that is not the catalogue’s is refused, naming the field (property)', async () => {
    const known = new Set([
      ...allAuditQuestions.map((q) => q.id),
      ...organisationalCapabilities.flatMap((c) =>
        c.stages.flatMap((s) => [...s.organisationIndicators, ...s.workerIndicators].map((i) => i.id)),
      ),
    ]);
    const id = fc.stringMatching(/^[a-z0-9.\-]{1,40}$/).filter((s) => !known.has(s) && s !== '.' && s !== '..');
    await fc.assert(
      fc.asyncProperty(id, fc.constantFrom('answers', 'indicators'), async (bad, kind) => {
        const body = kind === 'answers' ? { response: 'r' } : { achieved: true };
        const response = await api(app, lead, 'PUT', `${cycle}/${kind}/${encodeURIComponent(bad)}`, body);
        expect(response.status).toBe(400);
        expect(response.body.field).toBe(kind === 'answers' ? 'questionId' : 'indicatorId');
      }),
      { numRuns: 25 },
    );
    expect((await ok(app, lead, 'GET', cycle)).answers).toEqual([]);
  });
});

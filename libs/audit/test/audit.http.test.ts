import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationalCapabilities, type StageName } from '#libs/framework';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { api, createUser, ok } from '../../../test/support/http-api.js';
import { expectProblem } from '../../../test/support/problem.js';

let app: TestApp;
let lead: string;
let otherLead: string;
const org = (id: string) => ({
  id,
  name: `Org ${id}`,
  sector: 'voluntary',
  region: 'Fife',
  serviceType: 'care at home',
  sizeBand: 'small',
});
const cap1 = organisationalCapabilities[0]!;
const orgIndicators = (stage: StageName) =>
  cap1.stages.find((s) => s.stage === stage)!.organisationIndicators.map((i) => i.id);
const workerIndicators = (stage: StageName) =>
  cap1.stages.find((s) => s.stage === stage)!.workerIndicators.map((i) => i.id);

async function worker(n: number): Promise<string> {
  const w = await ok(app, app.adminToken, 'POST', '/api/workers', {
    name: `W${n}`,
    identifiers: [{ mbox: `mailto:w${n}@a.example.org` }],
    organisationId: 'org-a',
    joinedOn: '2020-01-01',
  });
  return createUser(app, `w${n}@a.example.org`, [{ kind: 'worker', workerId: w.id }]);
}

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b']) await ok(app, app.adminToken, 'POST', '/api/organisations', org(id));
  lead = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  otherLead = await createUser(app, 'lead@b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
});

afterAll(async () => {
  await app?.close();
});

describe('an audit cycle through the API', () => {
  let auditId: string;
  it('opens, answers, self-assesses, plans, completes; status and history follow', async () => {
    auditId = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-01-10' })).id;
    await ok(app, lead, 'PUT', `/api/organisations/org-a/audits/${auditId}/answers/${cap1.id}.audit.1a.q1`, {
      response: 'Team meetings',
    });
    for (const id of orgIndicators('engaged'))
      await ok(app, lead, 'PUT', `/api/organisations/org-a/audits/${auditId}/indicators/${id}`, {
        achieved: true,
        evidence: 'minutes',
      });
    const [first] = orgIndicators('established');
    await ok(app, lead, 'PUT', `/api/organisations/org-a/audits/${auditId}/indicators/${first}`, { achieved: false });
    const action = await ok(app, lead, 'POST', `/api/organisations/org-a/audits/${auditId}/actions`, {
      indicatorId: first,
      description: 'Survey',
      owner: 'Lead',
      due: '2025-06-01',
    });
    await ok(app, lead, 'PUT', `/api/organisations/org-a/audits/${auditId}/actions/${action.id}`, {
      status: 'done',
      changedOn: '2025-02-15',
    });
    const before = await ok(app, lead, 'GET', '/api/organisations/org-a/audit-status?asOf=2025-02-01');
    expect(before.auditId).toBeNull();
    await ok(app, lead, 'POST', `/api/organisations/org-a/audits/${auditId}/complete`, { completedOn: '2025-03-01' });
    const status = await ok(app, lead, 'GET', '/api/organisations/org-a/audit-status?asOf=2025-03-01');
    const c1 = status.capabilities.find((c: { capabilityId: string }) => c.capabilityId === cap1.id);
    expect(status.auditId).toBe(auditId);
    expect(c1.selfAssessedStage).toBe('engaged');
    expect(c1.staffPerceptionStage).toBe('suppressed');
    expect(c1.areasForDevelopment.map((a: { indicatorId: string }) => a.indicatorId)).toEqual(
      orgIndicators('established'),
    );
    expect(c1.actions).toEqual({ open: 0, done: 1, dropped: 0 });
    // Action plan progress as of a date: dropped in June, so still done in April and dropped from June.
    await ok(app, lead, 'PUT', `/api/organisations/org-a/audits/${auditId}/actions/${action.id}`, {
      status: 'dropped',
      changedOn: '2025-06-10',
    });
    const actionsOn = async (asOf: string) =>
      (await ok(app, lead, 'GET', `/api/organisations/org-a/audit-status?asOf=${asOf}`)).capabilities.find(
        (c: { capabilityId: string }) => c.capabilityId === cap1.id,
      ).actions;
    expect(await actionsOn('2025-04-01')).toEqual({ open: 0, done: 1, dropped: 0 });
    expect(await actionsOn('2025-06-10')).toEqual({ open: 0, done: 0, dropped: 1 });
    const cycle = await ok(app, lead, 'GET', `/api/organisations/org-a/audits/${auditId}`);
    expect(cycle.answers).toEqual([
      { questionId: `${cap1.id}.audit.1a.q1`, capabilityId: cap1.id, response: 'Team meetings' },
    ]);
    expect(cycle.state).toBe('completed');
    const { history } = await ok(app, lead, 'GET', '/api/organisations/org-a/audit-history');
    expect(history).toEqual([expect.objectContaining({ auditId, startedOn: '2025-01-10', completedOn: '2025-03-01' })]);
    expect(history[0].capabilities.find((c: { capabilityId: string }) => c.capabilityId === cap1.id)).toEqual({
      capabilityId: cap1.id,
      selfAssessedStage: 'engaged',
      staffPerceptionStage: 'suppressed',
      movement: null,
      staffPerceptionMovement: null,
    });
  });

  it('refuses a completed cycle changed, bad ids and bad dates, naming the field', async () => {
    const changed = await api(
      app,
      lead,
      'PUT',
      `/api/organisations/org-a/audits/${auditId}/indicators/${orgIndicators('engaged')[0]}`,
      { achieved: false },
    );
    expect(changed.status).toBe(409);
    const worker = await api(
      app,
      lead,
      'PUT',
      `/api/organisations/org-a/audits/${auditId}/indicators/${workerIndicators('engaged')[0]}`,
      { achieved: true },
    );
    expect(worker.status).toBe(400);
    expect(worker.body.field).toBe('indicatorId');
    const date = await api(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-13-01' });
    expect(date.body.detail).toBe('startedOn: is required and must be a calendar date YYYY-MM-DD');
  });

  it("another organisation's lead gets 403 with no data on every route; a foreign cycle id is a 404", async () => {
    const base = `/api/organisations/org-a`;
    for (const [method, path, body] of [
      ['GET', `${base}/audits`],
      ['GET', `${base}/audits/${auditId}`],
      ['GET', `${base}/audit-status`],
      ['GET', `${base}/audit-history`],
      ['GET', `${base}/adoption`],
      ['POST', `${base}/adoption`, { status: 'aware', date: '2020-01-01' }],
      ['POST', `${base}/audits`, { startedOn: '2025-01-01' }],
      ['POST', `${base}/audits/${auditId}/complete`, { completedOn: '2025-01-01' }],
    ] as const) {
      const denied = await api(app, otherLead, method, path, body);
      // Problem details name the path asked for as `instance`; nothing else may carry the audit.
      const { instance, ...rest } = expectProblem(denied, { status: 403 });
      expect(instance, `${method} ${path}`).toBe(path);
      expect(JSON.stringify(rest)).not.toContain(auditId);
    }
    const foreign = await api(app, otherLead, 'GET', `/api/organisations/org-b/audits/${auditId}`);
    expect(foreign.status).toBe(404);
  });
});

describe('staff survey', () => {
  it('answers anonymously once per worker; suppressed at 4 respondents, a stage at 5', async () => {
    const auditId = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2026-01-10' })).id;
    const path = `/api/organisations/org-a/audits/${auditId}/survey-responses`;
    const answers = workerIndicators('engaged').map((indicatorId) => ({ indicatorId, agreement: 4 }));
    const tokens = [];
    for (let n = 1; n <= 5; n++) tokens.push(await worker(n));
    for (const token of tokens.slice(0, 4)) await ok(app, token, 'POST', path, { answers });
    const twice = await api(app, tokens[0], 'POST', path, { answers });
    expect(twice.status).toBe(409);
    let cycle = await ok(app, lead, 'GET', `/api/organisations/org-a/audits/${auditId}`);
    expect(cycle.survey).toMatchObject({ respondents: 4, suppressed: true, indicators: [] });
    await ok(app, tokens[4], 'POST', path, { answers });
    cycle = await ok(app, lead, 'GET', `/api/organisations/org-a/audits/${auditId}`);
    expect(cycle.survey.respondents).toBe(5);
    expect(cycle.capabilities[0].staffPerceptionStage).toBe('engaged');
    expect(JSON.stringify(cycle)).not.toMatch(/workerId|w1@/);
    expect((await api(app, lead, 'POST', path, { answers })).status).toBe(403);
    const events = await app.runtime.pool.query(
      `select data::text, metadata::text from events where type = 'audit.StaffSurveyAnswered'`,
    );
    for (const row of events.rows)
      expect(`${row.data}${row.metadata}`).not.toMatch(/workerId|userId|lead@|w\d@|"actor":"(?!anonymous)/);
  });
});

describe('CLF adoption', () => {
  it('keeps statuses by effective date and answers as of a date', async () => {
    await ok(app, lead, 'POST', '/api/organisations/org-a/adoption', { status: 'using', date: '2024-05-01' });
    await ok(app, lead, 'POST', '/api/organisations/org-a/adoption', { status: 'aware', date: '2023-01-01' });
    const got = await ok(app, lead, 'GET', '/api/organisations/org-a/adoption?asOf=2023-06-01');
    expect(got).toEqual({
      organisationId: 'org-a',
      asOf: '2023-06-01',
      current: 'aware',
      history: [
        { status: 'aware', date: '2023-01-01' },
        { status: 'using', date: '2024-05-01' },
      ],
    });
    expect(
      (await api(app, lead, 'POST', '/api/organisations/org-a/adoption', { status: 'keen', date: '2024-05-01' })).body
        .field,
    ).toBe('status');
  });
});

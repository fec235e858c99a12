import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLF_EXTENSIONS as X, CLF_VERBS as V } from '#libs/framework';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import {
  auditAnswer,
  auditSelfAssessment,
  basicAuth,
  firstCapability,
  firstOrganisationIndicator,
  firstQuestion,
  postToLrs,
  registerLrsClient,
} from '../../../test/support/audit-tool.js';
import { api, createUser, ok } from '../../../test/support/http-api.js';
import { registerOrganisation } from '../../../test/support/organisations.js';

let app: TestApp;
let lead: string;
const LEAD_MBOX = 'mailto:lead.tool@a.example.org';

/** The statements a tool with write scope only, of this organisation, sends: 200 expected. */
async function sendAs(organisationId: string, statements: unknown[]): Promise<void> {
  const auth = basicAuth(await registerLrsClient(app, organisationId, ['statements/write']));
  const response = await postToLrs(app, auth, statements);
  expect(response.status, response.text).toBe(200);
}

/** What an audit tool sends: the CLF profile's self-audit templates, registration = the cycle. */
function auditStatements(auditId: string, organisationId: string) {
  const actor = { objectType: 'Agent', name: 'Lead', mbox: LEAD_MBOX };
  return [
    auditAnswer({ auditId, organisationId, actor, timestamp: '2025-02-01T10:00:00Z', response: 'From the tool' }),
    auditSelfAssessment({
      auditId,
      organisationId,
      actor,
      timestamp: '2025-02-01T10:05:00Z',
      achieved: true,
      evidence: 'Minutes of May',
    }),
  ];
}

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b']) await registerOrganisation(app, id);
  lead = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
});

afterAll(async () => {
  await app?.close();
});

const cycle = (auditId: string) => ok(app, lead, 'GET', `/api/organisations/org-a/audits/${auditId}`);
const events = async (type: string) =>
  (
    await app.runtime.pool.query<{ data: any; metadata: any }>(
      `select data, metadata from events where type = $1 order by global_position`,
      [type],
    )
  ).rows;

describe('audit statements from /xapi', () => {
  it('land in the cycle their registration names, as the same events as the API; the actor never becomes a worker', async () => {
    const auditId = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-01-10' })).id;
    await sendAs('org-a', auditStatements(auditId, 'org-a'));
    await waitForProjections(app.runtime);

    const got = await cycle(auditId);
    expect(got.answers).toEqual([
      { questionId: firstQuestion.id, capabilityId: firstCapability.id, response: 'From the tool' },
    ]);
    expect(got.selfAssessments).toEqual([
      expect.objectContaining({
        indicatorId: firstOrganisationIndicator.id,
        achieved: true,
        evidence: 'Minutes of May',
      }),
    ]);

    const registered = await app.runtime.pool.query(
      `select 1 from events where type like 'workforce.%' and data::text like $1`,
      [`%${LEAD_MBOX}%`],
    );
    expect(registered.rowCount).toBe(0);
    const found = await ok(
      app,
      app.adminToken,
      'GET',
      `/api/workers?agent=${encodeURIComponent(JSON.stringify({ mbox: LEAD_MBOX }))}`,
    );
    expect(found).toEqual([]);
    await ok(app, lead, 'POST', `/api/organisations/org-a/audits/${auditId}/complete`, { completedOn: '2025-01-31' });
  });

  it("are not taken into another organisation's cycle, nor into a completed one", async () => {
    const auditId = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-01-10' })).id;
    await ok(app, lead, 'POST', `/api/organisations/org-a/audits/${auditId}/complete`, { completedOn: '2025-01-20' });
    const other = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-02-10' })).id;
    // org-b's tool names org-a's open cycle and org-a: not its organisation to speak for.
    await sendAs('org-b', auditStatements(other, 'org-a'));
    // org-b's tool names org-a's cycle as its own organisation's: no such cycle in org-b.
    await sendAs('org-b', auditStatements(other, 'org-b'));
    // org-a's tool, into the completed cycle.
    await sendAs('org-a', auditStatements(auditId, 'org-a'));
    await waitForProjections(app.runtime);
    expect((await cycle(other)).answers).toEqual([]);
    expect((await cycle(auditId)).answers).toEqual([]);
    await ok(app, lead, 'POST', `/api/organisations/org-a/audits/${other}/complete`, { completedOn: '2025-02-28' });
  });
});

describe('audit answers through the API', () => {
  it('are stored as CLF self-audit statements in the organisation’s LRS, and the events cite them', async () => {
    const auditId = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-03-01' })).id;
    await ok(app, lead, 'PUT', `/api/organisations/org-a/audits/${auditId}/answers/${firstQuestion.id}`, {
      response: 'Via the API',
    });
    await ok(
      app,
      lead,
      'PUT',
      `/api/organisations/org-a/audits/${auditId}/indicators/${firstOrganisationIndicator.id}`,
      {
        achieved: false,
      },
    );
    // Read-your-writes: the answer is there as soon as the call returns.
    expect((await cycle(auditId)).answers.map((a: { response: string }) => a.response)).toEqual(['Via the API']);

    const statements = await app.runtime.pool.query<{ data: any; metadata: any; event_id: string }>(
      `select data, metadata, event_id from events where type = 'xapi.StatementStored' and data->'statement'->'context'->>'registration' = $1`,
      [auditId],
    );
    expect(statements.rows.map((r) => r.data.statement.verb.id).sort()).toEqual([V.answered, V.selfAssessed].sort());
    for (const row of statements.rows) {
      expect(row.metadata.tenantId).toBe('org-a');
      expect(row.data.statement.context.extensions[X.organisation]).toBe('org-a');
    }
    const answered = (await events('audit.AuditQuestionAnswered')).filter((e) => e.data.auditId === auditId);
    expect(answered).toHaveLength(1);
    expect(statements.rows.map((r) => r.event_id)).toContain(answered[0]!.metadata.causationId);
    // The events name the signed-in lead (their user id), not the platform's LRS client.
    const me = await ok(app, lead, 'GET', '/api/auth/me');
    expect(answered[0]!.metadata.actor).toBe(me.userId ?? me.id);
  });

  it('a refusal stores no statement', async () => {
    const before = (
      await app.runtime.pool.query(`select count(*)::int as n from events where type = 'xapi.StatementStored'`)
    ).rows[0].n;
    const bad = await api(
      app,
      lead,
      'PUT',
      `/api/organisations/org-a/audits/${randomUUID()}/answers/${firstQuestion.id}`,
      {
        response: 'x',
      },
    );
    expect(bad.status).toBe(404);
    const after = (
      await app.runtime.pool.query(`select count(*)::int as n from events where type = 'xapi.StatementStored'`)
    ).rows[0].n;
    expect(after).toBe(before);
  });
});

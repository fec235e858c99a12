import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allAuditQuestions,
  CLF_ACTIVITY_TYPES as T,
  CLF_EXTENSIONS as X,
  CLF_VERBS as V,
  organisationalCapabilities,
} from '#libs/framework';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import { api, createUser, ok } from '../../../test/support/http-api.js';

let app: TestApp;
let lead: string;
const org = (id: string) => ({
  id,
  name: `Org ${id}`,
  sector: 'voluntary',
  region: 'Fife',
  serviceType: 'care at home',
  sizeBand: 'small',
});
const cap1 = organisationalCapabilities[0]!;
const orgIndicator = cap1.stages[0]!.organisationIndicators[0]!;
const question = allAuditQuestions.find((q) => q.capabilityId === cap1.id)!;
const LEAD_MBOX = 'mailto:lead.tool@a.example.org';

interface Client {
  key: string;
  secret: string;
}

async function lrsClient(organisationId: string): Promise<Client> {
  return ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
    name: `Audit tool of ${organisationId}`,
    organisationId,
    scopes: ['statements/write'],
  });
}

async function send(client: Client, statements: unknown[]): Promise<void> {
  const response = await fetch(`${app.baseUrl}/xapi/statements`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`,
      'x-experience-api-version': '2.0.0',
      'content-type': 'application/json',
    },
    body: JSON.stringify(statements),
  });
  expect(response.status, await response.text()).toBe(200);
}

/** What an audit tool sends: the CLF profile's self-audit templates, registration = the cycle. */
function auditStatements(auditId: string, organisationId: string) {
  const context = { registration: auditId, extensions: { [X.organisation]: organisationId } };
  const actor = { objectType: 'Agent', name: 'Lead', mbox: LEAD_MBOX };
  return [
    {
      id: randomUUID(),
      actor,
      verb: { id: V.answered },
      timestamp: '2025-02-01T10:00:00Z',
      object: { id: question.iri, definition: { type: T.auditQuestion } },
      result: { response: 'From the tool' },
      context,
    },
    {
      id: randomUUID(),
      actor,
      verb: { id: V.selfAssessed },
      timestamp: '2025-02-01T10:05:00Z',
      object: { id: orgIndicator.iri, definition: { type: T.indicator } },
      result: { success: true, response: 'Minutes of May' },
      context,
    },
  ];
}

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b']) await ok(app, app.adminToken, 'POST', '/api/organisations', org(id));
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
    await send(await lrsClient('org-a'), auditStatements(auditId, 'org-a'));
    await waitForProjections(app.runtime);

    const got = await cycle(auditId);
    expect(got.answers).toEqual([{ questionId: question.id, capabilityId: cap1.id, response: 'From the tool' }]);
    expect(got.selfAssessments).toEqual([
      expect.objectContaining({ indicatorId: orgIndicator.id, achieved: true, evidence: 'Minutes of May' }),
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
    await send(await lrsClient('org-b'), auditStatements(other, 'org-a'));
    // org-b's tool names org-a's cycle as its own organisation's: no such cycle in org-b.
    await send(await lrsClient('org-b'), auditStatements(other, 'org-b'));
    // org-a's tool, into the completed cycle.
    await send(await lrsClient('org-a'), auditStatements(auditId, 'org-a'));
    await waitForProjections(app.runtime);
    expect((await cycle(other)).answers).toEqual([]);
    expect((await cycle(auditId)).answers).toEqual([]);
    await ok(app, lead, 'POST', `/api/organisations/org-a/audits/${other}/complete`, { completedOn: '2025-02-28' });
  });
});

describe('audit answers through the API', () => {
  it('are stored as CLF self-audit statements in the organisation’s LRS, and the events cite them', async () => {
    const auditId = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-03-01' })).id;
    await ok(app, lead, 'PUT', `/api/organisations/org-a/audits/${auditId}/answers/${question.id}`, {
      response: 'Via the API',
    });
    await ok(app, lead, 'PUT', `/api/organisations/org-a/audits/${auditId}/indicators/${orgIndicator.id}`, {
      achieved: false,
    });
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
    const bad = await api(app, lead, 'PUT', `/api/organisations/org-a/audits/${randomUUID()}/answers/${question.id}`, {
      response: 'x',
    });
    expect(bad.status).toBe(404);
    const after = (
      await app.runtime.pool.query(`select count(*)::int as n from events where type = 'xapi.StatementStored'`)
    ).rows[0].n;
    expect(after).toBe(before);
  });
});

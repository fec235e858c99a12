import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationalCapabilities } from '#libs/framework';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import { api, createUser, ok } from '../../../test/support/http-api.js';
import { expectProblem } from '../../../test/support/problem.js';

/**
 * Issue 16 §5: PUT /api/organisations/:id/audits/:auditId/indicators self-assesses several organisation
 * indicators of a cycle in one request, each row as the single PUT takes it; one refused row refuses all.
 */
let app: TestApp;
let lead: string;
let leadB: string;
let auditA: string;
let auditB: string;
const [cap1, cap2] = organisationalCapabilities;
const orgIndicators = [...cap1!.stages, ...cap2!.stages].flatMap((s) => s.organisationIndicators.map((i) => i.id));
const workerIndicator = cap1!.stages[0]!.workerIndicators[0]!.id;
const assess = (organisationId: string, auditId: string, indicators: unknown, token = lead) =>
  api(app, token, 'PUT', `/api/organisations/${organisationId}/audits/${auditId}/indicators`, { indicators });
const assessmentsOf = async (organisationId: string, auditId: string) =>
  (await ok(app, app.adminToken, 'GET', `/api/organisations/${organisationId}/audits/${auditId}`)).selfAssessments;
const logLength = async () => {
  await waitForProjections(app.runtime);
  return Number((await app.runtime.pool.query('select count(*) as n from events')).rows[0].n);
};

/** A refusal naming `field`, and nothing written: no statement, no event. */
async function expectRefused(answer: () => ReturnType<typeof api>, status: number, field?: string): Promise<void> {
  const before = await logLength();
  expectProblem(await answer(), { status, field });
  expect(await logLength()).toBe(before);
}

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b'])
    await ok(app, app.adminToken, 'POST', '/api/organisations', {
      id,
      name: `Org ${id}`,
      sector: 'voluntary',
      region: 'Fife',
      serviceType: 'care at home',
      sizeBand: 'small',
    });
  lead = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadB = await createUser(app, 'lead@b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
  auditA = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-01-10' })).id;
  auditB = (await ok(app, leadB, 'POST', '/api/organisations/org-b/audits', { startedOn: '2025-01-10' })).id;
});

afterAll(async () => {
  await app?.close();
});

describe('PUT /api/organisations/:id/audits/:auditId/indicators', () => {
  it('records every row in the cycle before it answers', async () => {
    const rows = orgIndicators.map((indicatorId, i) => ({ indicatorId, achieved: i % 3 !== 0, evidence: `e${i}` }));
    expect((await assess('org-a', auditA, rows)).status).toBe(204);
    const recorded = await assessmentsOf('org-a', auditA);
    expect(recorded).toHaveLength(rows.length);
    expect(recorded).toEqual(
      expect.arrayContaining(
        rows.map(({ indicatorId, achieved, evidence }) => ({
          indicatorId,
          achieved,
          evidence,
          capabilityId: expect.any(String),
        })),
      ),
    );
  });

  it('refuses the whole request for one bad row, naming the row and the field', async () => {
    const good = { indicatorId: orgIndicators[0], achieved: false };
    await expectRefused(
      () => assess('org-a', auditA, [good, { indicatorId: orgIndicators[1], achieved: 'yes' }]),
      400,
      'indicators[1].achieved',
    );
    await expectRefused(
      () => assess('org-a', auditA, [good, { indicatorId: workerIndicator, achieved: true }]),
      400,
      'indicators[1].indicatorId',
    );
    await expectRefused(
      () => assess('org-a', auditA, [good, { indicatorId: 'oc.nope', achieved: true }]),
      400,
      'indicators[1].indicatorId',
    );
    await expectRefused(
      () => assess('org-a', auditA, [good, { ...good, achieved: true }]),
      400,
      'indicators[1].indicatorId',
    );
    await expectRefused(() => assess('org-a', auditA, [{ ...good, auditId: auditB }]), 400, 'indicators[0].auditId');
    await expectRefused(() => assess('org-a', auditA, []), 400, 'indicators');
    await expectRefused(
      () =>
        assess(
          'org-a',
          auditA,
          Array.from({ length: 201 }, () => good),
        ),
      400,
      'indicators',
    );
    expect(
      (await assessmentsOf('org-a', auditA)).find((a: { indicatorId: string }) => a.indicatorId === orgIndicators[0])
        .achieved,
    ).toBe(false);
  });

  it("refuses another organisation's lead (403) and another organisation's cycle (404), writing nothing", async () => {
    const rows = [{ indicatorId: orgIndicators[0], achieved: true }];
    await expectRefused(() => assess('org-b', auditB, rows), 403);
    await expectRefused(() => assess('org-a', auditB, rows), 404, 'auditId');
    await expectRefused(() => assess('org-b', auditA, rows, leadB), 404, 'auditId');
    expect(await assessmentsOf('org-b', auditB)).toEqual([]);
  });

  it('refuses a completed cycle with a 409, as the single PUT does', async () => {
    await ok(app, leadB, 'POST', `/api/organisations/org-b/audits/${auditB}/complete`, { completedOn: '2025-02-01' });
    await expectRefused(
      () => assess('org-b', auditB, [{ indicatorId: orgIndicators[0], achieved: true }], leadB),
      409,
      'auditId',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlan, recordsOf, sendPlan, type Plan } from '#libs/generator';
import { liveSchema } from '#libs/projections';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';

/**
 * A tiny generated set through a real server (real PostgreSQL, HTTP, the reactor and projections):
 * the read models hold exactly what the plan says was sent.
 */
describe('the data generator against a running platform', () => {
  let app: TestApp;
  let plan: Plan;
  const q = async (sql: string, params: unknown[] = []) => (await app.runtime.pool.query(sql, params)).rows;

  beforeAll(async () => {
    app = await startTestApp();
    // Seed c: adoption at three organisations, four audit cycles (one still open), eight survey answers, two movers.
    plan = generatePlan({
      organisations: 4,
      workers: 30,
      years: 3,
      seed: 'c',
      until: '2025-11-30',
      surveyRespondents: 2,
    });
    await sendPlan(plan, { baseUrl: app.baseUrl, adminToken: app.adminToken, batchSize: 100 });
    await waitForProjections(app.runtime, 60_000);
  }, 240_000);
  afterAll(() => app?.close());

  it('registers every organisation, worker and membership of the plan', async () => {
    const workforce = liveSchema('workforce');
    const organisations = await q(
      `select id, sector, region, size_band from ${workforce}.organisations where id like 'gen-c-%' order by id`,
    );
    expect(organisations).toEqual(
      plan.organisations
        .map((o) => ({ id: o.id, sector: o.sector, region: o.region, size_band: o.sizeBand }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
    const [{ n: workers }] = await q(`select count(*)::int as n from ${workforce}.workers`);
    expect(workers).toBe(plan.workers.length);
    const [{ n: memberships }] = await q(`select count(*)::int as n from ${workforce}.memberships`);
    expect(memberships).toBe(plan.workers.reduce((sum, w) => sum + w.memberships.length, 0));
    const [{ n: ended }] = await q(`select count(*)::int as n from ${workforce}.memberships where to_date is not null`);
    expect(ended).toBe(plan.workers.flatMap((w) => w.memberships).filter((m) => m.to).length);
  });

  it('records every planned statement as evidence of its worker, none pending', async () => {
    const workforce = liveSchema('workforce');
    const planned = plan.workers.flatMap((w) => recordsOf(plan, w));
    const rows = await q(`select kind, count(*)::int as n from ${workforce}.records group by kind order by kind`);
    const byKind = new Map<string, number>();
    for (const record of planned) {
      const kind = record.evidence.kind === 'assessment' ? 'indicator-assessment' : record.evidence.kind;
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
    expect(byKind.get('indicator-assessment')).toBeGreaterThan(0);
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.n]))).toEqual(Object.fromEntries(byKind));
    const [{ n: pending }] = await q(`select count(*)::int as n from ${workforce}.records where pending`);
    expect(pending).toBe(0);
  });

  it('records adoption and audit cycles, completed where the plan completes them', async () => {
    const audit = liveSchema('audit');
    const [{ n: adoption }] = await q(`select count(*)::int as n from ${audit}.adoption`);
    expect(adoption).toBe(plan.organisations.reduce((sum, o) => sum + o.adoption.length, 0));
    const cycles = await q(
      `select organisation_id, started_on::text as started, completed_on::text as completed from ${audit}.cycles order by organisation_id, started_on`,
    );
    const expected = plan.organisations
      .flatMap((o) =>
        o.audits.map((a) => ({ organisation_id: o.id, started: a.startedOn, completed: a.completedOn ?? null })),
      )
      .sort((a, b) => a.organisation_id.localeCompare(b.organisation_id) || a.started.localeCompare(b.started));
    expect(expected.length).toBeGreaterThan(0);
    expect(cycles).toEqual(expected);
    const [{ n: respondents }] = await q(`select coalesce(sum(respondents), 0)::int as n from ${audit}.survey`);
    const surveyed = plan.organisations.flatMap((o) => o.audits).reduce((sum, a) => sum + a.survey.length, 0);
    expect(surveyed).toBeGreaterThan(0);
    expect(respondents).toBe(surveyed);
  });

  it('runs as a background job from POST /api/admin/generate, with its progress and result at /api/admin/jobs/:id', async () => {
    const call = (method: string, path: string, body?: unknown, token = app.adminToken) =>
      fetch(`${app.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const bad = await call('POST', '/api/admin/generate', { organisations: 1, workers: 0, years: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toContain('workers: must be an integer from 1');
    expect(
      (await call('POST', '/api/admin/generate', { organisations: 1, workers: 1, years: 1, until: '2999-01-01' }))
        .status,
    ).toBe(400);
    expect(
      (await call('POST', '/api/admin/generate', { organisations: 1, workers: 1, years: 1 }, 'not-a-token')).status,
    ).toBe(401);

    const queued = await call('POST', '/api/admin/generate', {
      organisations: 1,
      workers: 3,
      years: 1,
      seed: 'job',
      until: '2025-06-30',
      surveyRespondents: 0,
    });
    expect(queued.status).toBe(202);
    const { id } = (await queued.json()) as { id: string };
    let job: any;
    for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 200))) {
      job = await (await call('GET', `/api/admin/jobs/${id}`)).json();
      if (job.state === 'completed' || job.state === 'failed') break;
    }
    expect(job).toMatchObject({
      name: 'generate-data',
      state: 'completed',
      progress: { percent: 100, message: 'done' },
      result: { seed: 'job', organisations: 1, workers: 3 },
    });
    expect(job.progress.processed).toBe(job.progress.total);
    const jobPlan = generatePlan({
      organisations: 1,
      workers: 3,
      years: 1,
      seed: 'job',
      until: '2025-06-30',
      surveyRespondents: 0,
    });
    expect(job.result.statements).toBe(jobPlan.workers.reduce((sum, w) => sum + recordsOf(jobPlan, w).length, 0));
    await waitForProjections(app.runtime, 60_000);
    const [{ n }] = await q(
      `select count(*)::int as n from ${liveSchema('workforce')}.records r join ${liveSchema('workforce')}.memberships m using (worker_id) where m.organisation_id = 'gen-job-org-1'`,
    );
    expect(n).toBe(job.result.statements);
  });
});

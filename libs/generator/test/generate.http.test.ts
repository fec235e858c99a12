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
    plan = generatePlan({ organisations: 4, workers: 30, years: 3, seed: 'c', until: '2025-11-30', surveyRespondents: 2 });
    await sendPlan(plan, { baseUrl: app.baseUrl, adminToken: app.adminToken, batchSize: 100 });
    await waitForProjections(app.runtime, 60_000);
  }, 240_000);
  afterAll(() => app?.close());

  it('registers every organisation, worker and membership of the plan', async () => {
    const workforce = liveSchema('workforce');
    const organisations = await q(`select id, sector, region, size_band from ${workforce}.organisations where id like 'gen-c-%' order by id`);
    expect(organisations).toEqual(
      plan.organisations.map((o) => ({ id: o.id, sector: o.sector, region: o.region, size_band: o.sizeBand })).sort((a, b) => a.id.localeCompare(b.id)),
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
    const cycles = await q(`select organisation_id, started_on::text as started, completed_on::text as completed from ${audit}.cycles order by organisation_id, started_on`);
    const expected = plan.organisations
      .flatMap((o) => o.audits.map((a) => ({ organisation_id: o.id, started: a.startedOn, completed: a.completedOn ?? null })))
      .sort((a, b) => a.organisation_id.localeCompare(b.organisation_id) || a.started.localeCompare(b.started));
    expect(expected.length).toBeGreaterThan(0);
    expect(cycles).toEqual(expected);
    const [{ n: respondents }] = await q(`select coalesce(sum(respondents), 0)::int as n from ${audit}.survey`);
    const surveyed = plan.organisations.flatMap((o) => o.audits).reduce((sum, a) => sum + a.survey.length, 0);
    expect(surveyed).toBeGreaterThan(0);
    expect(respondents).toBe(surveyed);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { apiCaller, DEMO_ORGANISATION_ID, seedDemoData, signInCaller, type DemoCredentials } from './seed-demo.js';

/** The demo data set through the real HTTP API: its audits, survey and adoption are what issue 15 asks for. */
let app: TestApp;
let demo: DemoCredentials;
let lead: ReturnType<typeof apiCaller>;
const org = `/api/organisations/${DEMO_ORGANISATION_ID}`;

beforeAll(async () => {
  app = await startTestApp();
  demo = await seedDemoData(apiCaller(app.baseUrl, app.adminToken), app.baseUrl, signInCaller(app.baseUrl));
  const credentials = demo.users.find((u) => u.role === 'learning lead')!;
  lead = await signInCaller(app.baseUrl)(credentials.email, credentials.password);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('demo data: the organisation as its learning lead sees it', () => {
  it('has two completed cycles a year apart and an open one', async () => {
    const { audits } = await lead('GET', `${org}/audits`);
    expect(
      audits.map((a: { startedOn: string; completedOn: string | null; state: string }) => [
        a.startedOn,
        a.completedOn,
        a.state,
      ]),
    ).toEqual([
      ['2024-02-01', '2024-04-30', 'completed'],
      ['2025-02-01', '2025-04-30', 'completed'],
      ['2026-11-01', null, 'open'],
    ]);
  });

  it('has staff surveys of at least 8 respondents, shown (not suppressed)', async () => {
    const { audits } = await lead('GET', `${org}/audits`);
    for (const audit of audits.filter((a: { state: string }) => a.state === 'completed')) {
      const cycle = await lead('GET', `${org}/audits/${audit.id}`);
      expect(cycle.survey.respondents).toBeGreaterThanOrEqual(8);
      expect(cycle.survey.suppressed).toBe(false);
      expect(
        cycle.capabilities.every((c: { staffPerceptionStage: string }) => c.staffPerceptionStage !== 'suppressed'),
      ).toBe(true);
    }
  });

  it('moves between the cycles (up, same and down) and follows its action plans', async () => {
    const { history } = await lead('GET', `${org}/audit-history`);
    expect(history).toHaveLength(2);
    const movements = history[1].capabilities.map((c: { movement: string }) => c.movement);
    expect(movements).toContain('up');
    expect(movements).toContain('down');
    expect(history[0].capabilities[0].staffPerceptionMovement).toBeNull();
    expect(history[1].capabilities[0].staffPerceptionMovement).toBe('same');
    // As of any date: the latest cycle completed on or before it.
    const on = async (asOf: string) => (await lead('GET', `${org}/audit-status?asOf=${asOf}`)).completedOn;
    expect(await on('2024-04-29')).toBeNull();
    expect(await on('2024-04-30')).toBe('2024-04-30');
    expect(await on('2025-04-29')).toBe('2024-04-30');
    expect(await on('2025-04-30')).toBe('2025-04-30');
    expect(await on('2026-12-01')).toBe('2025-04-30');
    // The 2024 plan as it stood at the end of 2024 (one done in September, one dropped, one done only in January 2025).
    const at2024 = await lead('GET', `${org}/audit-status?asOf=2024-12-31`);
    const planOf = (s: { capabilities: { actions: Record<string, number> }[] }) =>
      s.capabilities.reduce(
        (sum, c) => ({
          open: sum.open + c.actions.open!,
          done: sum.done + c.actions.done!,
          dropped: sum.dropped + c.actions.dropped!,
        }),
        { open: 0, done: 0, dropped: 0 },
      );
    expect(planOf(at2024)).toEqual({ open: 1, done: 1, dropped: 1 });
    const status = await lead('GET', `${org}/audit-status?asOf=2025-06-01`);
    expect(status.capabilities[0].selfAssessedStage).toBe('established');
    expect(status.capabilities[0].areasForDevelopment.length).toBeGreaterThan(0);
    const actions = status.capabilities.reduce(
      (sum: number, c: { actions: { open: number; done: number } }) => sum + c.actions.open + c.actions.done,
      0,
    );
    expect(actions).toBe(2);
  });

  it('records CLF adoption dates, and the staff view lists the workers', async () => {
    expect((await lead('GET', `${org}/adoption`)).history).toEqual([
      { status: 'aware', date: '2023-09-01' },
      { status: 'using', date: '2024-03-01' },
    ]);
    const staff = await lead('GET', `${org}/workers?limit=500`);
    expect(staff.workers.length).toBe(10);
    const summary = await lead('GET', `${org}/capability-summary`);
    expect(summary.workers).toBe(staff.workers.length);
    expect(summary.roleFit.withRole).toBe(summary.workers);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable } from '../support/browser.js';
import { WEB_APP_START_MS, startWebApp, type WebApp } from '../support/web-app.js';

const IMPACTS = ['minor', 'moderate', 'serious', 'critical'];
const TRENDS = [
  'adoption',
  'organisational-capabilities',
  'personal-capabilities',
  'learning-volume',
  'role-fit',
  'impact',
];

/**
 * axe-core, every impact from minor to critical, on every page each demo person can open (and on the
 * sign-in page), in headless Chromium against the built server with the demo data: a page nobody's test
 * walks to is checked too.
 */
describe.skipIf(!browserAvailable())('web app: axe on every page, for each demo person', () => {
  let web: WebApp;
  let pages: Record<string, string[]>;

  beforeAll(async () => {
    web = await startWebApp();
    const lead = await web.apiAs('lead@');
    const organisation = `/organisations/${web.demo.organisationId}`;
    const { audits } = await lead<{ audits: { id: string; state: string }[] }>('GET', `/api${organisation}/audits`);
    const open = audits.find((a) => a.state === 'open')!.id;
    const completed = audits.find((a) => a.state === 'completed')!.id;
    const framework = await lead<{
      personalCapabilities: { id: string }[];
      organisationalCapabilities: { id: string }[];
    }>('GET', '/api/framework');
    const mary = `/workers/${web.demo.workers.mary}`;
    const marysRecord = [
      mary,
      `${mary}/capabilities/${framework.personalCapabilities[0]!.id}`,
      `${mary}/timeline`,
      `${mary}/history`,
      `${mary}/role-gap`,
      `${mary}/export`,
    ];
    const recording = ['feedback', 'observation', 'assessment', 'learning-need', 'plan-item'].map(
      (form) => `${mary}/record?capability=${framework.personalCapabilities[0]!.id}&form=${form}`,
    );
    const trends = TRENDS.map((trend) => `/trends/${trend}`);
    pages = {
      'mary@': [...marysRecord, `${organisation}/audits/${open}/survey`, '/no-such-page'],
      'john@': ['/team', ...marysRecord, ...recording, `/workers/${web.demo.workers.sunita}`],
      'lead@': [
        `${organisation}/audit`,
        `${organisation}/adoption`,
        `${organisation}/audits/${open}`,
        `${organisation}/audits/${completed}`,
        `${organisation}/audits/${open}/capabilities/${framework.organisationalCapabilities[0]!.id}`,
        `${organisation}/audits/${completed}/capabilities/${framework.organisationalCapabilities[5]!.id}`,
        `${organisation}/roles`,
        `${organisation}/staff`,
        `${organisation}/lrs-clients`,
        `${organisation}/workers-from-statements`,
        '/organisations',
        ...trends,
      ],
      'evaluator@': [
        ...trends,
        '/trends/adoption?by=sector',
        '/trends/personal-capabilities?by=region&capabilityId=' + framework.personalCapabilities[0]!.id,
      ],
    };
  }, WEB_APP_START_MS);

  afterAll(async () => {
    await web?.close();
  });

  /** The page once its heading is there and nothing on it says Loading. */
  async function settled(page: import('playwright-core').Page): Promise<void> {
    await page.locator('h1').first().waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Loading/ })
      .first()
      .waitFor({ state: 'detached' });
    await page
      .locator('[aria-busy="true"]')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
  }

  it('the sign-in page', async () => {
    const { context, page } = await web.open();
    await page.goto('/');
    await page.getByLabel('Email address').waitFor();
    expect(await axeViolations(page, IMPACTS)).toEqual([]);
    await context.close();
  });

  it.each(['mary@', 'john@', 'lead@', 'evaluator@'])(
    'every page %s can open',
    async (who) => {
      const { context, page, errors } = await web.open();
      await web.signIn(page, who);
      const found: Record<string, string[]> = {};
      for (const path of pages[who]!) {
        await page.goto(path);
        await settled(page);
        const violations = await axeViolations(page, IMPACTS);
        if (violations.length) found[path] = violations;
      }
      expect(found).toEqual({});
      expect(errors).toEqual([]);
      await context.close();
    },
    300_000,
  );
});

import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../support/browser.js';
import type { BuiltServer, DemoCredentials } from '../support/built-server.js';
import { expectAccessible, WEB_APP_START_MS, startWebApp, type WebApp } from '../support/web-app.js';

/** Screenshots of every run (gitignored); with UPDATE_SCREENSHOTS=1 the README's copies are replaced too. */
const ARTEFACTS = 'test-results/web-app';
const README_SCREENSHOTS = 'apps/web/screenshots';

/**
 * The web app in headless Chromium against the built server with the demo data, one task per role,
 * with axe-core on every view (no serious or critical violation).
 */
describe.skipIf(!browserAvailable())('web app in a browser', () => {
  let web: WebApp;
  let server: BuiltServer;
  let demo: DemoCredentials;
  let flexibilityEngaged: string[];

  beforeAll(async () => {
    web = await startWebApp();
    ({ server, demo } = web);
    const framework = (await (await fetch(`${server.baseUrl}/api/framework`)).json()) as {
      personalCapabilities: { id: string; stages: { stage: string; indicators: { text: string }[] }[] }[];
    };
    flexibilityEngaged = framework.personalCapabilities
      .find((c) => c.id === 'pc.flexibility')!
      .stages.find((s) => s.stage === 'engaged')!
      .indicators.map((i) => i.text);
    mkdirSync(ARTEFACTS, { recursive: true });
  }, WEB_APP_START_MS);

  afterAll(async () => {
    await web?.close();
  });

  async function screenshot(page: Page, name: string, forReadme = false): Promise<void> {
    const file = join(ARTEFACTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: !forReadme });
    if (forReadme && process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(README_SCREENSHOTS, { recursive: true });
      copyFileSync(file, join(README_SCREENSHOTS, `${name}.png`));
    }
  }

  it('serves the app at / and at its routes, hashed assets for a year, and leaves /api, /xapi and /health as they were', async () => {
    const visit = (path: string, accept = 'text/html') => fetch(`${server.baseUrl}${path}`, { headers: { accept } });
    const home = await visit('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await home.text();
    const deepLink = await visit(`/workers/${demo.workers.mary}/capabilities/pc.managing-conflict`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toBe(html);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await visit(script, '*/*');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await visit('/api/nothing-here')).status).toBe(404);
    expect(await (await visit('/api/nothing-here', 'application/json')).json()).toMatchObject({
      type: 'about:blank',
      status: 404,
    });
    expect(
      await (
        await fetch(`${server.baseUrl}/xapi/nothing-here`, {
          headers: { 'x-experience-api-version': '1.0.3', accept: 'text/html' },
        })
      ).json(),
    ).toMatchObject({ error: { status: 404 } });
    expect((await visit('/assets/gone-0000.js', '*/*')).status).toBe(404);
    expect((await visit('/favicon.ico', 'image/*')).status).toBe(404);
    expect((await visit('/health', 'application/json')).status).toBe(200);
    expect((await visit('/api/docs/openapi.json', 'application/json')).status).toBe(200);
  });

  it('Mary finds her stage on managing conflict and the evidence behind it, her timeline, history, role gap and export', async () => {
    const mary = web.credentialsOf('mary@');
    const { context, page, errors } = await web.open();
    // Resource timing keeps 250 entries by default; the views' API calls can push the chart chunk out.
    await page.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
    const requested = new Set<string>();
    page.on('request', (request) => requested.add(request.url()));
    await web.signIn(page, mary);
    await page.getByRole('heading', { name: 'Your capabilities' }).waitFor();
    await page.getByRole('heading', { name: 'Managing self' }).waitFor();
    expect(await page.getByRole('row', { name: /Managing conflict/ }).innerText()).toContain('Engaged');
    await expectAccessible(page, "Mary's capabilities");
    await screenshot(page, 'worker', true);

    await page.getByRole('link', { name: 'Managing conflict', exact: true }).click();
    await page.getByRole('heading', { name: 'Managing conflict', exact: true }).waitFor();
    expect(await page.locator('.stage-now').innerText()).toContain('Engaged');
    const evidenced = page.locator('.indicator-evidenced');
    expect(await evidenced.count()).toBe(2);
    expect(await evidenced.first().innerText()).toContain('Evidenced on 10 Mar 2025, line manager');
    await page.getByRole('heading', { name: 'What Established needs' }).waitFor();
    await page.getByText('Notes on Kate').waitFor();
    await expectAccessible(page, 'a capability');
    await screenshot(page, 'worker-capability');

    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.getByLabel('Kind of record').selectOption('reflective-account');
    await page.getByRole('button', { name: 'Show records' }).click();
    await page.waitForURL(/kind=reflective-account/);
    expect(await page.getByLabel('Kind of record').inputValue()).toBe('reflective-account');
    await expect.poll(() => page.locator('.timeline > li').count()).toBe(1);
    expect(await page.locator('.timeline').innerText()).toContain('Notes on Kate');
    await expectAccessible(page, 'the timeline');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('.timeline > li').count()).toBeGreaterThan(5);

    await page.getByRole('link', { name: 'Stage history' }).click();
    await page.locator('canvas[role="img"]').waitFor();
    expect(await page.getByRole('region', { name: 'Every change of stage (table)' }).innerText()).toContain(
      'Up from Not yet engaged to Engaged',
    );
    await expectAccessible(page, 'the stage history');
    // What the page loaded: its resource timing and the request events. Under load an event or a timing
    // entry can reach this side after the chart is drawn (once 1 was counted), so both are read until they
    // show the two modules; a third module, or a missing one, still fails once the wait runs out.
    const scriptsLoaded = async () => {
      const timed = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      return [...new Set([...timed, ...requested])].filter((url) => url.includes('/assets/') && url.endsWith('.js'));
    };
    await expect
      .poll(async () => (await scriptsLoaded()).length, {
        timeout: 15_000,
        message: 'the app and the chart chunk, and nothing else',
      })
      .toBe(2);
    const scripts = await scriptsLoaded();
    expect(scripts, 'the app and the chart chunk').toHaveLength(2);
    const bodies = await Promise.all(scripts.map(async (url) => Buffer.from(await (await fetch(url)).arrayBuffer())));
    const firstLoadKb = bodies.reduce((sum, body) => sum + gzipSync(body).length, 0) / 1024;
    process.stdout.write(
      `web app: JavaScript loaded for the worker's views (app and chart), gzipped: ${firstLoadKb.toFixed(1)} KB\n`,
    );
    expect(firstLoadKb).toBeLessThan(200);

    await page.getByRole('link', { name: 'Role gap' }).click();
    await page.getByRole('heading', { name: 'Current role: Support worker' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Gaps to close' }).isVisible()).toBe(true);
    await page.getByLabel('Role to compare with').selectOption({ label: 'Manager' });
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('heading', { name: 'Aiming for: Manager' }).waitFor();
    await expectAccessible(page, 'the role gap');

    await page.getByRole('link', { name: 'Export' }).click();
    await page.getByLabel('From').fill('2025-01-01');
    await page.getByRole('button', { name: 'Choose period' }).click();
    await page.getByText('3.5 hours of learning').waitFor();
    await expectAccessible(page, 'the export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('Date,Kind,What,Text');
    expect(csv).toContain('Dementia awareness');
    const [printable] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Open printable page' }).click(),
    ]);
    await printable.getByRole('heading', { name: 'Learning record: Mary' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('John records feedback that evidences indicators and sees the stage change at once', async () => {
    const john = web.credentialsOf('john@');
    const { context, page, errors } = await web.open();
    await web.signIn(page, john);
    await page.getByRole('heading', { name: 'My team' }).waitFor();
    await page.getByRole('link', { name: 'Not yet engaged (Mary, Flexibility)' }).waitFor();
    await expectAccessible(page, "John's team");
    await screenshot(page, 'line-manager', true);

    await page.getByRole('link', { name: 'Record evidence for Mary' }).click();
    await page.getByRole('heading', { name: 'Record evidence for Mary' }).waitFor();
    await page.getByLabel('Capability').selectOption('pc.flexibility');
    await page.getByRole('heading', { name: 'Feedback: Flexibility' }).waitFor();
    await page.getByLabel('Who gave the feedback?').selectOption('person-using-services');
    await page.getByLabel('What was said').fill('Mary changed her shifts so that Kate could keep her Tuesday routine.');
    for (const text of flexibilityEngaged)
      await page.getByRole('group', { name: text }).getByLabel('Evidenced', { exact: true }).check();
    await expectAccessible(page, 'the feedback form');
    await page.getByRole('button', { name: 'Record feedback' }).click();
    await page.getByText("Mary's stage on Flexibility is now Engaged (was Not yet engaged)").waitFor();
    await page.locator('.timeline').getByText('Mary changed her shifts').first().waitFor();
    await screenshot(page, 'line-manager-recorded');

    await page.getByRole('radio', { name: 'Learning need' }).check();
    await page.getByLabel('The learning need').fill('Shadow the night shift to see the rota from the other side');
    await page.getByLabel('Stage aimed for').selectOption('established');
    await page.getByRole('button', { name: 'Record learning need' }).click();
    await page.getByText('Learning need recorded (1 record).').waitFor();
    await page.locator('.timeline').getByText('Shadow the night shift').waitFor();
    await expectAccessible(page, 'the learning need form');

    await page.getByRole('radio', { name: 'Assessment of indicators' }).check();
    await page.getByRole('button', { name: 'Record assessment of indicators' }).click();
    await page.getByText('Judge at least one indicator.').waitFor();
    // The form's own words, not dressed as a failure of the page.
    expect(await page.getByRole('alert').innerText()).toBe('Not recorded\n\nJudge at least one indicator.');

    await page.getByRole('link', { name: 'My team' }).click();
    await page.getByRole('link', { name: 'Engaged (Mary, Flexibility)', exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  interface AuditStructure {
    capabilities: {
      capabilityId: string;
      capabilityName: string;
      areas: {
        title: string;
        questions: { id: string; text: string }[];
        selfAssessment: { title: string; items: { indicatorId: string; text: string; stage: string }[] };
      }[];
    }[];
  }

  it('the learning lead runs a self-audit cycle, completes it and sees the status and its history', async () => {
    const auditStructure = (await (await fetch(`${server.baseUrl}/api/framework/audit`)).json()) as AuditStructure;
    const cultureAudit = auditStructure.capabilities[0]!;
    const lead = await web.apiAs('lead@');
    const audits = `/api/organisations/${demo.organisationId}/audits`;
    // One cycle per organisation is open at a time: the demo's open cycle is completed first.
    const { audits: seeded } = (await lead('GET', audits)) as { audits: { id: string; state: string }[] };
    for (const cycle of seeded.filter((c) => c.state === 'open'))
      await lead('POST', `${audits}/${cycle.id}/complete`, { completedOn: new Date().toISOString().slice(0, 10) });
    // A cycle completed a year ago, through the API, so the history has a point before today's.
    const { id: lastYear } = (await lead('POST', audits, { startedOn: '2025-10-01' })) as { id: string };
    await lead('POST', `${audits}/${lastYear}/complete`, { completedOn: '2025-11-28' });

    const { context, page, errors } = await web.open();
    await web.signIn(page, 'lead@');
    await page.getByRole('heading', { name: 'Self-audit', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Audit status today (table)' }).waitFor();
    await expectAccessible(page, 'the self-audit');

    await page.getByRole('link', { name: 'CLF adoption' }).click();
    await page.getByRole('heading', { name: 'CLF adoption' }).waitFor();
    await page.getByLabel('Status').selectOption('using');
    await page.getByLabel('From').fill('2025-01-01');
    await page.getByRole('button', { name: 'Record' }).click();
    await page.getByText('Recorded: Using the CLF from 1 Jan 2025.').waitFor();
    await page.getByText('Today: Using the CLF').waitFor();
    await expectAccessible(page, 'CLF adoption');

    await page.getByRole('link', { name: 'Status and cycles' }).click();
    await page.getByRole('button', { name: 'Open the cycle' }).click();
    await page.getByRole('heading', { name: /^Audit cycle started/ }).waitFor();
    await page.getByRole('region', { name: 'Capabilities of this cycle (table)' }).waitFor();
    expect(await page.locator('code').innerText()).toMatch(
      /\/organisations\/demo-care-services\/audits\/[0-9a-f-]+\/survey$/,
    );
    await expectAccessible(page, 'an open audit cycle');

    await page.getByRole('link', { name: `1. ${cultureAudit.capabilityName}` }).click();
    await page.getByRole('heading', { name: `1. ${cultureAudit.capabilityName}` }).waitFor();
    const firstArea = cultureAudit.areas[0]!;
    await page
      .getByLabel(`Q1. ${firstArea.questions[0]!.text}`)
      .fill('Reflective supervision every month; team meetings close with what we learned.');
    await page
      .getByRole('form', { name: `Reflections: ${firstArea.title}` })
      .getByRole('button', { name: 'Save reflections' })
      .click();
    await page.getByText('Reflections saved (1).').waitFor();
    // Every organisation indicator at engaged achieved: the stage becomes Engaged.
    for (const area of cultureAudit.areas) {
      const engaged = area.selfAssessment.items.filter((i) => i.stage === 'engaged');
      if (!engaged.length) continue;
      const form = page.getByRole('form', { name: area.selfAssessment.title });
      for (const item of engaged)
        await form
          .getByRole('group', { name: `The organisation ${item.text.charAt(0).toLowerCase()}${item.text.slice(1)}` })
          .getByLabel('Yes', { exact: true })
          .check();
      await form.getByRole('button', { name: `Save ${area.selfAssessment.title.split(':')[0]}` }).click();
      await form.getByText(`${engaged.length} indicator${engaged.length === 1 ? '' : 's'} saved.`).waitFor();
    }
    const byStage = page.getByRole('region', { name: 'Self-assessment by stage (table)' });
    await expect.poll(() => byStage.getByRole('row', { name: /^Engaged/ }).innerText()).toMatch(/Engaged\s+5\s+0\s+0/);
    await page.locator('canvas[role="img"]').waitFor();
    const review = page.getByRole('region', { name: 'Review and Action Planning' });
    await expect.poll(() => review.locator('.big-figure').innerText()).toMatch(/Self-assessed stage:\s*Engaged/);
    expect(await review.getByText('Suppressed (fewer than 5 respondents)').count()).toBe(1);
    expect(await page.getByText('results are shown from 5 respondents on').count()).toBeGreaterThan(0);
    await review
      .getByLabel('What will be done')
      .fill('Write down the systems and processes that lead to learning, with the staff forum.');
    await review.getByLabel('Owner').fill('Lena');
    await review.getByLabel('Due').fill('2027-03-31');
    await review.getByRole('button', { name: 'Add the action' }).click();
    await review.getByText('Action added: Write down the systems').waitFor();
    await review
      .getByLabel('Status of Write down the systems and processes that lead to learning, with the staff forum.')
      .selectOption('done');
    await review.getByText('is now done.').waitFor();
    await expectAccessible(page, "a capability's audit");
    await screenshot(page, 'learning-lead-capability');

    await page.getByRole('link', { name: /^cycle started/ }).click();
    await page.getByLabel('Completed on').fill('2020-01-01');
    await page.getByRole('button', { name: 'Complete the cycle' }).click();
    await page.getByRole('button', { name: 'Yes, complete the cycle' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(
      /The cycle was not completed\s+completedOn: must not be before the cycle started/,
    );
    await page.getByLabel('Completed on').fill(new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Complete the cycle' }).click();
    await page.getByRole('button', { name: 'Yes, complete the cycle' }).click();
    await page.getByText(/^Cycle completed on .+: from that day its stages are the audit status below\.$/).waitFor();
    const status = page.getByRole('region', { name: 'Audit status today (table)' });
    await expect
      .poll(() => status.getByRole('row', { name: new RegExp(`^1\\. ${cultureAudit.capabilityName}`) }).innerText())
      .toMatch(/\sEngaged\s+Suppressed/);
    // The history's last column is today's cycle, whatever other cycles the demo data may hold before it.
    const history = page.getByRole('region', { name: 'Audit status over time (table)' });
    await expect
      .poll(() =>
        history
          .getByRole('row', { name: new RegExp(`^1\\. ${cultureAudit.capabilityName}`) })
          .locator('td')
          .last()
          .innerText(),
      )
      .toMatch(/^Engaged\b/);
    expect(await history.locator('thead th').last().innerText()).toBe(
      `Completed ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date())}`,
    );
    await page.locator('canvas[role="img"]').waitFor();
    await expectAccessible(page, 'the self-audit with a completed cycle');
    // Tall enough for the README's copy to show the status and its history as a chart.
    await page.setViewportSize({ width: 1024, height: 1260 });
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    await screenshot(page, 'learning-lead', true);

    // On a phone: the status and a capability's audit without sideways scrolling of the page.
    await page.setViewportSize({ width: 375, height: 720 });
    // The chart follows the new width on its next frame.
    await expect.poll(() => page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page
      .getByRole('link', { name: /^Cycle started/ })
      .first()
      .click();
    await page.getByRole('link', { name: `1. ${cultureAudit.capabilityName}` }).click();
    await page.getByRole('heading', { name: 'Review and Action Planning' }).waitFor();
    await page.locator('canvas[role="img"]').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await expectAccessible(page, "a completed capability's audit on a phone");
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the learning lead defines a job role with required stages', async () => {
    const lead = web.credentialsOf('lead@');
    const { context, page, errors } = await web.open();
    await web.signIn(page, lead);
    await page.getByRole('link', { name: 'Job roles' }).click();
    await page.getByRole('heading', { name: 'Job roles' }).waitFor();
    await page.getByRole('rowheader', { name: /Support worker/ }).waitFor();
    await expectAccessible(page, 'job roles');
    await screenshot(page, 'learning-lead-roles');

    await page.getByRole('button', { name: 'Define a job role' }).click();
    await page.getByLabel('Name').fill('Senior support worker');
    await page.getByLabel('Id (optional)').fill('demo-senior-support-worker');
    await page.getByLabel('Capability 1').selectOption('pc.flexibility');
    await page.getByLabel('Stage required').selectOption('established');
    await page.getByLabel('Qualifications required (one a line)').fill('SVQ Social Services and Healthcare level 3');
    await expectAccessible(page, 'the role form');
    await page.getByRole('button', { name: 'Define the role' }).click();
    await page.getByText('Senior support worker defined.').waitFor();
    expect(await page.getByRole('row', { name: /Senior support worker/ }).innerText()).toContain(
      'Flexibility: Established',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the learning lead sees the staff: where they stand on each capability, role fit, and the workers a page at a time', async () => {
    // Enough workers for a second page of 25.
    const admin = web.asAdmin;
    for (let i = 0; i < 16; i++)
      await admin('POST', '/api/workers', {
        name: `Staff list ${String(i).padStart(2, '0')}`,
        identifiers: [{ mbox: `mailto:staff-list-${i}@demo-care.example.org` }],
        organisationId: demo.organisationId,
        joinedOn: '2026-01-05',
      });
    const lead = await web.apiAs('lead@');
    const summaryOn = async (asOf: string) =>
      (await lead('GET', `/api/organisations/${demo.organisationId}/capability-summary?asOf=${asOf}`)) as {
        workers: number;
        capabilities: { name: string; stages: Record<string, number> }[];
        roleFit: { withRole: number; meetingAll: number };
      };
    const { workers: everyone } = (await lead(
      'GET',
      `/api/organisations/${demo.organisationId}/workers?limit=500`,
    )) as {
      workers: unknown[];
    };
    expect(everyone.length).toBeGreaterThan(25);

    const { context, page, errors } = await web.open();
    await web.signIn(page, 'lead@');
    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor();
    const today = await summaryOn(new Date().toISOString().slice(0, 10));
    await page.getByText(new RegExp(`^${today.workers} workers on `)).waitFor();
    await page
      .getByText(`Role fit: ${today.roleFit.meetingAll} of ${today.roleFit.withRole} workers with a job role meet`)
      .waitFor();
    const distribution = page.getByRole('region', { name: 'Stage distribution per capability (table)' });
    const conflict = today.capabilities.find((c) => c.name === 'Managing conflict')!;
    expect(await distribution.getByRole('row', { name: /^Managing conflict/ }).innerText()).toMatch(
      new RegExp(
        `^Managing conflict\\s+${['not-yet-engaged', 'engaged', 'established', 'accomplished', 'exemplary'].map((s) => conflict.stages[s]).join('\\s+')}\\s`,
      ),
    );
    await page.locator('canvas[role="img"]').waitFor();
    const workers = page.getByRole('region', { name: 'Workers (table)' });
    await expect.poll(() => workers.locator('tbody tr').count()).toBe(25);
    await expectAccessible(page, 'the staff view');
    await screenshot(page, 'learning-lead-staff');

    await page.getByRole('button', { name: 'Next 25' }).click();
    await page.getByRole('heading', { name: 'Workers, page 2' }).waitFor();
    await expect.poll(() => workers.locator('tbody tr').count()).toBe(everyone.length - 25);
    await page.getByRole('button', { name: 'Previous 25' }).click();
    await page.getByRole('heading', { name: 'Workers', exact: true }).waitFor();

    // Before the sixteen joined: another date, in the address.
    await page.getByLabel('As of (end of the day)').fill('2025-12-31');
    await page.getByRole('button', { name: 'Show that day' }).click();
    await page.waitForURL(/asOf=2025-12-31/);
    await page.getByText(new RegExp(`^${(await summaryOn('2025-12-31')).workers} workers on 31 Dec 2025`)).waitFor();

    await page.setViewportSize({ width: 375, height: 720 });
    await expect.poll(() => page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the staff view on a phone');
    await workers.getByRole('link', { name: 'Staff list 00' }).click();
    await page.getByRole('heading', { name: "Staff list 00's capabilities" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the learning lead creates an LRS client, sees its secret once, and revokes it', async () => {
    const lead = web.credentialsOf('lead@');
    const { context, page, errors } = await web.open();
    await web.signIn(page, lead);
    await page.getByRole('link', { name: 'LRS clients' }).click();
    await page.getByRole('heading', { name: 'LRS clients' }).waitFor();
    await page.getByRole('heading', { name: /^Clients/ }).waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
    await expectAccessible(page, 'LRS clients');

    // Nothing ticked: refused in the API's words.
    const form = page.getByRole('form', { name: 'Create a client' });
    await form.getByLabel('Name of the system').fill('Moodle (browser test)');
    for (const box of await form.getByRole('checkbox').all()) await box.uncheck();
    await form.getByRole('button', { name: 'Create the client' }).click();
    expect(await form.getByRole('alert').innerText()).toMatch(/The client was not created\s+scopes: must not be empty/);
    await form.getByRole('checkbox', { name: /send statements/ }).check();
    await form.getByRole('checkbox', { name: /read the statements it sent/ }).check();
    await form.getByRole('button', { name: 'Create the client' }).click();

    const shown = page.getByRole('alert').filter({ hasText: 'Copy the secret of Moodle (browser test) now' });
    await shown.getByText('This is the only time the secret is shown.').waitFor();
    const [key, secret] = await shown
      .locator('dd code')
      .allInnerTexts()
      .then((texts) => texts.slice(1));
    await expectAccessible(page, 'a new LRS client with its secret');
    await screenshot(page, 'learning-lead-lrs-client');
    const xapiAs = () =>
      fetch(`${server.baseUrl}/xapi/statements?limit=1`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
          'x-experience-api-version': '1.0.3',
        },
      });
    expect((await xapiAs()).status).toBe(200);
    await shown.getByRole('button', { name: 'I have stored the secret' }).click();
    await shown.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);

    const row = page.getByRole('row', { name: /^Moodle \(browser test\)/ });
    expect(await row.innerText()).toContain(key!);
    await row.getByRole('button', { name: 'Revoke Moodle (browser test)' }).click();
    await row.getByRole('button', { name: 'Yes, revoke Moodle (browser test)' }).click();
    await row.getByText(/^Revoked on /).waitFor();
    expect((await xapiAs()).status).toBe(401);
    await page.setViewportSize({ width: 375, height: 720 });
    await expect.poll(() => page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'LRS clients on a phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Mary finds her organisation's open staff survey on her record and answers it, once, on a phone", async () => {
    const lead = await web.apiAs('lead@');
    const { id: auditId } = (await lead('POST', `/api/organisations/${demo.organisationId}/audits`, {
      startedOn: '2026-01-05',
    })) as { id: string };
    const surveyPath = `/organisations/${demo.organisationId}/audits/${auditId}/survey`;
    const mary = web.credentialsOf('mary@');
    const { context, page, errors } = await web.open(375);
    await web.signIn(page, mary);
    const openSurveys = page.getByRole('region', { name: 'Staff survey of Demo care services' });
    expect(await openSurveys.innerText()).toContain('The self-audit of Demo care services, started on 5 Jan 2026');
    await expectAccessible(page, 'the open survey on the overview');
    await openSurveys.getByRole('link', { name: 'Answer the staff survey' }).click();
    await page.waitForURL((url) => url.pathname === surveyPath);
    await page.getByRole('heading', { name: 'Staff survey' }).waitFor();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('Answer at least one statement before sending.').waitFor();
    const statements = page.getByRole('group');
    await expect.poll(() => statements.count()).toBeGreaterThan(60);
    for (const [index, answer] of ['Strongly agree', 'Agree', 'Neither agree nor disagree'].entries())
      await statements.nth(index).getByLabel(answer, { exact: true }).check();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the staff survey');
    await screenshot(page, 'worker-survey');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('Thank you: your 3 answers are recorded.').waitFor();
    await page.getByRole('link', { name: 'My record' }).click();
    await openSurveys
      .getByText('Answered: the survey of the self-audit of Demo care services, started on 5 Jan 2026. Thank you.')
      .waitFor();
    expect(await openSurveys.getByRole('link').count()).toBe(0);
    await page.goto(surveyPath);

    // A second answer is refused by the API, and the refusal is shown in its words.
    await statements.first().getByLabel('Agree', { exact: true }).check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(
      /Not sent\s+.*already answered this audit cycle.s staff survey/,
    );
    const cycle = (await lead('GET', `/api/organisations/${demo.organisationId}/audits/${auditId}`)) as {
      survey: { respondents: number; suppressed: boolean };
    };
    expect(cycle.survey).toMatchObject({ respondents: 1, suppressed: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  interface AdoptionRow {
    year: number;
    segment: { sector?: string };
    organisations: number | null;
    aware: number | null;
    using: number | null;
  }

  it('Eve segments adoption by sector, sees small counts suppressed, filters to one sector and downloads its CSV', async () => {
    // Six public employers aware from 2024, five of them using the CLF from 2025; two private ones aware
    // in 2025 (a count of 2: suppressed). The demo organisation is voluntary.
    const admin = web.asAdmin;
    const employers = [
      ...Array.from({ length: 6 }, (_, i) => ({
        id: `trend-public-${i}`,
        sector: 'public',
        region: i < 3 ? 'Fife' : 'Highland',
      })),
      ...Array.from({ length: 2 }, (_, i) => ({ id: `trend-private-${i}`, sector: 'private', region: 'Fife' })),
    ];
    for (const { id, sector, region } of employers) {
      await admin('POST', '/api/organisations', {
        id,
        name: `Trend employer ${id}`,
        sector,
        region,
        serviceType: 'care at home',
        sizeBand: 'small',
      });
      const adoption = `/api/organisations/${id}/adoption`;
      await admin('POST', adoption, { status: 'aware', date: sector === 'public' ? '2024-03-01' : '2025-06-01' });
      if (id !== 'trend-public-5' && sector === 'public')
        await admin('POST', adoption, { status: 'using', date: '2025-02-01' });
    }
    const eve = await web.apiAs('evaluator@');
    // The trends projection follows the log: wait until it has counted them.
    await expect
      .poll(
        async () => {
          const { rows } = (await eve('GET', '/api/trends/adoption?sector=public&from=2025&to=2025')) as {
            rows: AdoptionRow[];
          };
          return rows[0];
        },
        { timeout: 60_000, interval: 500 },
      )
      .toMatchObject({ organisations: 6, aware: 6, using: 5 });

    const { context, page, errors } = await web.open();
    const evaluator = web.credentialsOf('evaluator@');
    await web.signIn(page, evaluator);
    await page.getByRole('heading', { name: 'Employers aware of and using the CLF' }).waitFor();
    await page.locator('canvas[role="img"]').waitFor();
    await expectAccessible(page, "the evaluator's adoption trend");
    // Every other trend draws its figures (mostly suppressed: the demo's few workers) and passes axe.
    for (const [tab, heading] of [
      ['Organisational capabilities', 'Organisational capabilities: self-assessed stages'],
      ['Personal capabilities', "Personal capabilities: workers' stages"],
      ['Learning volume', 'Learning volume'],
      ['Role fit', 'Role fit'],
      ['Impact', 'Impact: movement in organisations using the CLF and the others'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Trends' }).getByRole('link', { name: tab }).click();
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page
        .getByRole('region', { name: 'Figures (table)' })
        .or(page.getByText('No figures for this choice yet.'))
        .waitFor();
      if (tab.endsWith('capabilities')) {
        // Movement's own total, and the caption that says what it counts and what "suppressed" stands for.
        const figures = page.getByRole('table');
        await figures.getByRole('columnheader', { name: 'Comparable (at both year ends)' }).waitFor();
        expect(await figures.locator('caption').innerText()).toMatch(
          /^Comparable: the (organisations|workers) .+ at both year ends; .+ Suppressed: fewer than 5, or hidden/,
        );
      }
      await expectAccessible(page, `the ${tab} trend`);
      await screenshot(page, `evaluator-${tab.toLowerCase().replaceAll(' ', '-')}`);
    }
    await page.getByRole('link', { name: 'Adoption', exact: true }).click();

    await page.getByLabel('Segment by').selectOption('sector');
    await page.getByLabel('From year').fill('2024');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/by=sector/);
    expect(await page.getByLabel('Segment by').inputValue()).toBe('sector');
    const table = page.getByRole('region', { name: 'Figures (table)' });
    // Two private employers: both counts suppressed in words (never 0), zero shown as zero.
    await expect
      .poll(() => table.getByRole('row', { name: /^2025 private/ }).innerText())
      .toMatch(/^2025\s+private\s+suppressed\s+suppressed\s+0 \(no change\)$/);
    expect(await table.getByRole('row', { name: /^2025 public/ }).innerText()).toMatch(
      /^2025\s+public\s+6 \(no change\)\s+6 \(no change\)\s+5 \(\+5\)$/,
    );
    expect(await page.locator('canvas[role="img"]').getAttribute('aria-label')).toMatch(/figures are suppressed/);
    await page.getByText(/\d+ figures are suppressed: counts from 1 to 4/).waitFor();
    await expectAccessible(page, 'adoption by sector');
    await page.setViewportSize({ width: 1024, height: 1000 });
    await screenshot(page, 'evaluator', true);

    await page.getByLabel('Segment by').selectOption('');
    await page.getByLabel('Sector', { exact: true }).selectOption('public');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL((url) => url.search === '?from=2024&sector=public');
    await expect
      .poll(() => table.getByRole('row', { name: /^2025/ }).innerText())
      .toMatch(/^2025\s+6 \(no change\)\s+6 \(no change\)\s+5 \(\+5\)$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('adoption-sector-public-2024-latest.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const [header, ...lines] = csv.trim().split('\r\n');
    const columns = header!.split(',');
    const cell = (line: string, column: string) => line.split(',')[columns.indexOf(column)];
    const row2025 = lines.find((line) => cell(line, 'year') === '2025')!;
    expect([cell(row2025, 'organisations'), cell(row2025, 'aware'), cell(row2025, 'using')]).toEqual(['6', '6', '5']);
    expect(lines.map((line) => cell(line, 'year'))[0]).toBe('2024');
    // What is on screen is what the API answers to the same query.
    const token = await page.evaluate('JSON.parse(sessionStorage.getItem("continuum.session")).token');
    const fromApi = await fetch(`${server.baseUrl}/api/trends/adoption?from=2024&sector=public&format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv).toBe(await fromApi.text());

    // On a phone, and an impossible choice refused in the API's words.
    await page.setViewportSize({ width: 375, height: 720 });
    await expect.poll(() => page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'a filtered trend on a phone');
    await screenshot(page, 'evaluator-phone');
    await page.getByLabel('To year').fill('2020');
    await page.getByRole('button', { name: 'Show figures' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(
      /Could not load the figures\s+.*from.*must not be after to/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works at 375 px wide, by keyboard, and puts failures into words', async () => {
    const mary = web.credentialsOf('mary@');
    const { context, page, errors } = await web.open(375);
    await page.goto('/');
    await page.getByLabel('Email address').fill(mary.email);
    await page.getByLabel('Password').fill('not her password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(/You are not signed in\s+The email or password is wrong/);
    await expectAccessible(page, 'the sign-in page with an error');

    // Signing in by keyboard alone, from a deep link that opens after signing in.
    await page.goto(`/workers/${demo.workers.mary}/timeline`);
    await page.getByLabel('Email address').focus();
    await page.keyboard.type(mary.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(mary.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your timeline' }).waitFor();
    await page.locator('.timeline').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the timeline on a phone');
    await page.goto(`/workers/${demo.workers.mary}`);
    await page.getByRole('heading', { name: 'Managing relationships' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'worker-phone', true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');

    // Another worker's record: the API's refusal in words, on a page that still has its frame.
    await page.goto(`/workers/${demo.workers.michael}`);
    expect(await page.getByRole('alert').first().innerText()).toMatch(/Could not load .+\s+You are not allowed/);
    await expectAccessible(page, 'a refused record');

    // The session ended elsewhere: the next call's 401 returns to the sign-in page, saying why.
    const token = await page.evaluate('JSON.parse(sessionStorage.getItem("continuum.session")).token');
    await fetch(`${server.baseUrl}/api/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    await page.getByRole('link', { name: 'Stage history' }).click();
    await page.getByText('Your session has ended. Please sign in again.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

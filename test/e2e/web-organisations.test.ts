import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../support/browser.js';
import {
  expectAccessible,
  WEB_APP_START_MS,
  focused,
  scrollWidth,
  startWebApp,
  type WebApp,
} from '../support/web-app.js';

const SECOND = { id: 'second-org', name: 'Second care services' };
const PASSWORD = 'a long enough password';

/**
 * In headless Chromium against the built server with the demo data: choosing the organisation a page is
 * about (a learning lead of two organisations, a platform admin), and the learning lead's review of the
 * workers their LMS registered by sending statements about people Continuum did not know.
 */
describe.skipIf(!browserAvailable())('web app: organisations and their workers from statements', () => {
  let web: WebApp;
  let demoName: string;

  beforeAll(async () => {
    web = await startWebApp();
    await web.asAdmin('POST', '/api/organisations', {
      ...SECOND,
      sector: 'public',
      region: 'Fife',
      serviceType: 'care at home',
      sizeBand: 'small',
    });
    const { organisations } = await web.asAdmin<{ organisations: { id: string; name: string }[] }>(
      'GET',
      '/api/organisations',
    );
    demoName = organisations.find((o) => o.id === web.demo.organisationId)!.name;
    await web.asAdmin('POST', '/api/admin/users', {
      email: 'two-orgs@web.example.org',
      displayName: 'Lead of two',
      password: PASSWORD,
      roles: [
        { kind: 'learning-lead', organisationId: web.demo.organisationId },
        { kind: 'learning-lead', organisationId: SECOND.id },
      ],
    });
    await web.asAdmin('POST', '/api/admin/users', {
      email: 'admin@web.example.org',
      displayName: 'Ada Admin',
      password: PASSWORD,
      roles: [{ kind: 'platform-admin' }],
    });
  }, WEB_APP_START_MS);

  afterAll(async () => {
    await web?.close();
  });

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  const picker = (page: Page) => page.getByRole('form', { name: 'Choose the organisation' });
  const figuresShown = (page: Page) =>
    page
      .getByRole('region', { name: 'Figures (table)' })
      .or(page.getByText('No figures for this choice yet.'))
      .waitFor();

  it('a learning lead of two organisations chooses one on its pages and on the trends, and the address keeps it', async () => {
    const { context, page, errors } = await web.open(375);
    await web.signIn(page, { email: 'two-orgs@web.example.org', password: PASSWORD });
    await page.getByRole('heading', { name: 'Self-audit' }).waitFor();
    // One set of links, the chosen organisation's: no two links of the same name.
    const names = await nav(page).getByRole('link').allInnerTexts();
    expect(new Set(names).size, names.join(', ')).toBe(names.length);

    await nav(page).getByRole('link', { name: 'Staff' }).click();
    await page.waitForURL(`**/organisations/${web.demo.organisationId}/staff`);
    const choice = picker(page).getByLabel('Organisation');
    // Their two organisations, by name, and no other.
    expect(await choice.locator('option').allInnerTexts()).toEqual([demoName, SECOND.name]);
    await expectAccessible(page, 'the organisation picker on the staff page, on a phone');
    await choice.selectOption(SECOND.id);
    await picker(page).getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(`**/organisations/${SECOND.id}/staff`);
    await page.getByText('No worker belongs to it yet.').waitFor();
    expect(await nav(page).getByRole('link', { name: 'Staff' }).getAttribute('href')).toBe(
      `/organisations/${SECOND.id}/staff`,
    );
    // A reload (or a shared link) is about the same organisation.
    await page.reload();
    await page.getByText('No worker belongs to it yet.').waitFor();
    expect(await picker(page).getByLabel('Organisation').inputValue()).toBe(SECOND.id);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

    // The trends of the organisation chosen; another one chosen there; the tabs keep it.
    await nav(page).getByRole('link', { name: 'Trends' }).click();
    await page.waitForURL((url) => url.searchParams.get('organisationId') === SECOND.id);
    await figuresShown(page);
    expect(await page.getByRole('alert').count()).toBe(0);
    const whose = page.getByLabel('Whose figures');
    expect(await whose.locator('option').allInnerTexts()).toEqual([demoName, SECOND.name]);
    await whose.selectOption(web.demo.organisationId);
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL((url) => url.searchParams.get('organisationId') === web.demo.organisationId);
    await page.getByRole('region', { name: 'Figures (table)' }).waitFor();
    expect(await page.getByText(`, the figures of ${demoName}`).count()).toBeGreaterThan(0);
    await page.getByRole('navigation', { name: 'Trends' }).getByRole('link', { name: 'Learning volume' }).click();
    await page.waitForURL(
      (url) =>
        url.pathname.endsWith('/learning-volume') && url.searchParams.get('organisationId') === web.demo.organisationId,
    );
    await figuresShown(page);
    expect(await page.getByRole('alert').count()).toBe(0);
    // A trends link without an organisation opens the first one's, not the API's refusal.
    await page.goto('/trends/role-fit');
    await page.waitForURL((url) => url.searchParams.get('organisationId') === web.demo.organisationId);
    await figuresShown(page);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, "a two-organisation lead's trends on a phone");
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a platform admin lists every organisation, opens one of its pages, switches to another, and reads its trends', async () => {
    const { context, page, errors } = await web.open();
    await web.signIn(page, { email: 'admin@web.example.org', password: PASSWORD });
    await page.getByRole('heading', { name: 'Employers aware of and using the CLF' }).waitFor();
    await nav(page).getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
    const table = page.getByRole('region', { name: 'Organisations (table)' });
    await table.getByRole('row', { name: new RegExp(`^${SECOND.name}`) }).waitFor();
    await expectAccessible(page, 'the list of organisations');
    await table.getByRole('link', { name: `LRS clients of ${demoName}` }).click();
    await page.waitForURL(`**/organisations/${web.demo.organisationId}/lrs-clients`);
    await page.getByRole('heading', { name: 'LRS clients', level: 1 }).waitFor();
    await page.getByRole('row', { name: /^Demo LMS/ }).waitFor();
    // The navigation now offers this organisation's pages.
    expect(await nav(page).getByRole('link', { name: 'Self-audit' }).getAttribute('href')).toBe(
      `/organisations/${web.demo.organisationId}/audit`,
    );
    const options = await picker(page).getByLabel('Organisation').locator('option').allInnerTexts();
    expect(options).toEqual(expect.arrayContaining([demoName, SECOND.name]));
    await expectAccessible(page, "an admin's organisation picker");
    // Found by part of its name (Enter finds, it does not open): the choice holds it and the one in view.
    const find = picker(page).getByLabel('Find by name or id');
    await find.fill('SECOND care');
    await find.press('Enter');
    await picker(page).getByText('Organisations whose name or id holds “SECOND care”: 1.').waitFor();
    expect(await picker(page).getByLabel('Organisation').locator('option').allInnerTexts()).toEqual([
      demoName,
      SECOND.name,
    ]);
    expect(page.url()).toContain(`/organisations/${web.demo.organisationId}/lrs-clients`);
    await find.fill('no such organisation');
    await picker(page).getByRole('button', { name: 'Find' }).click();
    await picker(page).getByText('No organisation’s name or id holds “no such organisation”.').waitFor();
    await find.fill('');
    await find.press('Enter');
    await expectAccessible(page, "an admin's organisation picker after a search");
    // By keyboard: the choice, then Open.
    await picker(page).getByLabel('Organisation').focus();
    await picker(page).getByLabel('Organisation').selectOption(SECOND.id);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON Open');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/organisations/${SECOND.id}/lrs-clients`);
    await page.getByText('No LRS client yet').waitFor();
    await expect.poll(() => focused(page)).toBe('H1 LRS clients');

    await nav(page).getByRole('link', { name: 'Trends' }).click();
    await figuresShown(page);
    expect(await page.getByText(', the national figures (every organisation)').count()).toBeGreaterThan(0);
    const whose = page.getByLabel('Whose figures');
    expect((await whose.locator('option').allInnerTexts())[0]).toBe('Every organisation (national)');
    await whose.selectOption(web.demo.organisationId);
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL((url) => url.searchParams.get('organisationId') === web.demo.organisationId);
    await page.getByRole('region', { name: 'Figures (table)' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectAccessible(page, "an admin's trends of one organisation");
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the learning lead reviews the workers their LMS registered: a page at a time, confirm, reject, merge by name, refusals in words', async () => {
    const organisationId = web.demo.organisationId;
    const lead = await web.apiAs('lead@');
    const listPath = `/api/organisations/${organisationId}/workers-from-statements?limit=500`;
    type Listed = { workers: { id: string; name: string }[] };
    const before = (await lead<Listed>('GET', listPath)).workers.length;
    // 23 people Continuum does not know, in statements from the demo organisation's LMS.
    const learners = [...Array.from({ length: 22 }, (_, i) => `Learner ${String(i + 1).padStart(2, '0')}`), 'Mary Lms'];
    const sent = await fetch(`${web.server.baseUrl}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${web.demo.lrs.key}:${web.demo.lrs.secret}`).toString('base64')}`,
        'x-experience-api-version': '1.0.3',
        'content-type': 'application/json',
      },
      body: JSON.stringify(
        learners.map((name, i) => ({
          actor: { objectType: 'Agent', name, mbox: `mailto:${name.toLowerCase().replace(' ', '.')}@lms.example.org` },
          verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } },
          object: { objectType: 'Activity', id: `https://lms.example.org/courses/${i}` },
          timestamp: new Date(Date.UTC(2026, 0, 5, 9, i)).toISOString(),
        })),
      ),
    });
    expect(sent.status, await sent.clone().text()).toBe(200);
    await expect
      .poll(async () => (await lead<Listed>('GET', listPath)).workers.length, { timeout: 60_000 })
      .toBe(before + learners.length);
    const idOf = async (name: string) => (await lead<Listed>('GET', listPath)).workers.find((w) => w.name === name)!.id;

    const { context, page, errors } = await web.open();
    await web.signIn(page, 'lead@');
    await nav(page).getByRole('link', { name: 'Workers to review' }).click();
    await page.getByRole('heading', { name: 'Workers to review', level: 1 }).waitFor();
    const table = page.getByRole('region', { name: 'Workers to review (table)' });
    await table.getByRole('row').nth(1).waitFor();
    expect(await table.getByRole('row').count()).toBe(1 + 20);
    await expectAccessible(page, 'the workers to review');
    // The second page holds the rest.
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('heading', { name: 'Not yet reviewed, page 2' }).waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(1 + before + learners.length - 20);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByRole('heading', { name: 'Not yet reviewed', exact: true }).waitFor();

    // Confirm, with a note, by keyboard.
    await page.getByRole('button', { name: 'Review Learner 01' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('H2 Review Learner 01');
    await expectAccessible(page, 'the review form');
    await page.getByLabel('Note for the audit trail (optional)').fill('Started in January');
    await page.getByRole('button', { name: 'Confirm Learner 01' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Learner 01 confirmed.' }).waitFor();
    await expect.poll(() => focused(page)).toBe('H2 Not yet reviewed');
    await page.getByRole('button', { name: 'Review Learner 01' }).waitFor({ state: 'detached' });

    // Reject.
    await page.getByRole('button', { name: 'Review Learner 02' }).click();
    await page.getByRole('radio', { name: /^Reject/ }).check();
    await page.getByRole('button', { name: 'Reject Learner 02' }).click();
    await page.getByRole('status').filter({ hasText: 'Learner 02 rejected.' }).waitFor();

    // Merge into Mary, found by name.
    await page.getByRole('button', { name: 'Review Mary Lms' }).click();
    await page.getByRole('radio', { name: /^Merge/ }).check();
    await page.getByLabel('Find the worker by name').fill('mary');
    const into = page.getByLabel('Existing worker');
    await expect.poll(() => into.locator('option').count()).toBe(1);
    expect(await into.inputValue()).toBe(web.demo.workers.mary);
    await expectAccessible(page, 'merging into a worker found by name');
    await page.getByRole('button', { name: 'Merge Mary Lms' }).click();
    await page.getByRole('status').filter({ hasText: 'Mary Lms merged.' }).waitFor();

    const left = (await lead<Listed>('GET', listPath)).workers.map((w) => w.name);
    for (const name of ['Learner 01', 'Learner 02', 'Mary Lms']) expect(left).not.toContain(name);
    await expect
      .poll(async () => JSON.stringify(await lead('GET', `/api/workers/${web.demo.workers.mary}`)))
      .toContain('mailto:mary.lms@lms.example.org');

    // Reviewed by someone else meanwhile: the API's refusal in words, and the list refreshed.
    await page.getByRole('button', { name: 'Review Learner 03' }).click();
    await lead(
      'POST',
      `/api/organisations/${organisationId}/workers-from-statements/${await idOf('Learner 03')}/confirm`,
    );
    await page.getByRole('button', { name: 'Confirm Learner 03' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().innerText())
      .toMatch(/^Learner 03 was not confirmed\s+.*already reviewed/);
    await expectAccessible(page, 'a refused review');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Review Learner 03' }).waitFor({ state: 'detached' });

    // The worker chosen to merge into leaves meanwhile: the refusal names the field, and the choice says so.
    await page.getByRole('button', { name: 'Review Learner 04' }).click();
    await page.getByRole('radio', { name: /^Merge/ }).check();
    await page.getByLabel('Find the worker by name').fill('Learner 05');
    await expect.poll(() => into.locator('option').allInnerTexts()).toEqual(['Learner 05']);
    await lead(
      'POST',
      `/api/organisations/${organisationId}/workers-from-statements/${await idOf('Learner 05')}/reject`,
    );
    await page.getByRole('button', { name: 'Merge Learner 04' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().innerText())
      .toMatch(/^Learner 04 was not merged: check "Existing worker"\s+.*current worker/);
    expect(await into.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'a refused merge');
    expect(errors).toEqual([]);
    await context.close();
  });
});

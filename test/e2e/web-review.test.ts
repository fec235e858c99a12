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

/**
 * An outside review of the web app in headless Chromium, against the built server with the demo data:
 * what each role meets beyond its main task (links meant for another role, the keyboard after signing
 * in, hostile input on a phone, the API going away mid-session), with axe-core on every state reached.
 */
describe.skipIf(!browserAvailable())('web app, reviewed by role', () => {
  let web: WebApp;

  beforeAll(async () => {
    web = await startWebApp();
  }, WEB_APP_START_MS);

  afterAll(async () => {
    await web?.close();
  });

  it("the learning lead follows a Trends link to their own organisation's figures", async () => {
    const { context, page, errors } = await web.open();
    await web.signIn(page, 'lead@');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trends' }).click();
    await page.getByRole('heading', { name: 'Employers aware of and using the CLF' }).waitFor();
    await page
      .getByRole('region', { name: 'Figures (table)' })
      .or(page.getByText('No figures for this choice yet.'))
      .waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectAccessible(page, "the lead's trends");
    await page.getByRole('navigation', { name: 'Trends' }).getByRole('link', { name: 'Role fit' }).click();
    await page.getByRole('heading', { name: 'Role fit', exact: true }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // The browser's back button returns to the previous trend, with focus on its heading.
    await page.goBack();
    await page.getByRole('heading', { name: 'Employers aware of and using the CLF' }).waitFor();
    await expect.poll(() => focused(page)).toBe('H1 Employers aware of and using the CLF');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('after signing in by keyboard, focus is on the heading of the page that opened, and it is visible', async () => {
    const mary = web.credentialsOf('mary@');
    const { context, page, errors } = await web.open();
    await page.goto('/');
    await page.getByLabel('Email address').focus();
    await page.keyboard.type(mary.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(mary.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your capabilities' }).waitFor();
    // Not lost on the page's body: a screen reader announces where signing in went.
    await expect.poll(() => focused(page)).toBe('H1 Your capabilities');

    // The next Tab goes on in the main content, and the focused link's outline stands out (3:1 or more).
    await page.keyboard.press('Tab');
    const outline = (await page.evaluate(`(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { inMain: !!el.closest('main'), width: style.outlineWidth, style: style.outlineStyle, colour: style.outlineColor };
    })()`)) as { inMain: boolean; width: string; style: string; colour: string };
    expect(outline).toMatchObject({ inMain: true, width: '3px', style: 'solid' });
    // The main content's background is the page's: #f5f7fa or white.
    expect(contrast(outline.colour, 'rgb(245, 247, 250)')).toBeGreaterThanOrEqual(3);

    // A date field, reached by Tab, shows its focus too.
    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.getByLabel('Kind of record').focus();
    for (let i = 0; i < 10 && (await page.evaluate('document.activeElement.name')) !== 'from'; i++)
      await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.type')).toBe('date');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a link meant for another role or another organisation is refused in words, and back returns', async () => {
    const { context, page, errors } = await web.open(375);
    await web.signIn(page, 'mary@');
    await page.getByRole('heading', { name: 'Your capabilities' }).waitFor();
    // Mary follows a link to her learning lead's staff view, and to John's team page.
    await page.goto(`/organisations/${web.demo.organisationId}/staff`);
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/You are not allowed/);
    expect(await page.content()).not.toContain('Michael');
    await expectAccessible(page, 'a refused staff view');
    await page.goto('/team');
    await page.getByRole('heading', { name: 'My team' }).waitFor();
    await expectAccessible(page, 'the team page of someone with no team');
    await page.goBack();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/You are not allowed/);
    await context.close();

    // The learning lead at another organisation's pages: refused, nothing of it shown.
    const lead = await web.open();
    await web.signIn(lead.page, 'lead@');
    for (const path of ['/organisations/another-org/audit', '/organisations/another-org/lrs-clients']) {
      await lead.page.goto(path);
      await expect.poll(() => lead.page.getByRole('alert').first().innerText()).toMatch(/not allowed/i);
      await expectAccessible(lead.page, `the lead at ${path}`);
    }
    await lead.page.goto('/no-such-page');
    await lead.page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectAccessible(lead.page, 'page not found');
    expect([...errors, ...lead.errors]).toEqual([]);
    await lead.context.close();
  });

  it('a long unbroken word in feedback does not make a phone scroll sideways', async () => {
    const { context, page, errors } = await web.open(375);
    await web.signIn(page, 'john@');
    await page.getByRole('link', { name: 'Record evidence for Mary' }).click();
    await page.getByLabel('Capability').selectOption('pc.teamwork');
    await page.getByLabel('Who gave the feedback?').selectOption('colleague');
    const hostile = `<img src=x onerror=alert(1)> https://example.org/${'a'.repeat(300)}`;
    await page.getByLabel('What was said').fill(hostile);
    await page.getByRole('button', { name: 'Record feedback' }).click();
    await page.getByText('Feedback recorded (1 record).').waitFor();
    await page.locator('.timeline').getByText('<img src=x onerror=alert(1)>').first().waitFor();
    expect(await page.locator('.timeline img').count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'hostile feedback recorded');
    await page.goto(`/workers/${web.demo.workers.mary}/timeline`);
    await page.locator('.timeline').getByText('<img src=x onerror=alert(1)>').first().waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a platform admin opens a new starter with no records and no job role: empty states in words, not errors', async () => {
    const { id: starter } = await web.asAdmin('POST', '/api/workers', {
      name: 'New Starter',
      identifiers: [{ mbox: 'mailto:new-starter@review.example.org' }],
      organisationId: web.demo.organisationId,
      joinedOn: '2026-01-05',
    });
    const password = 'a long enough password';
    await web.asAdmin('POST', '/api/admin/users', {
      email: 'admin@review.example.org',
      displayName: 'Ada Admin',
      password,
      roles: [{ kind: 'platform-admin' }],
    });
    const { context, page, errors } = await web.open(375);
    await web.signIn(page, { email: 'admin@review.example.org', password });
    await page.getByRole('heading', { name: 'Employers aware of and using the CLF' }).waitFor();
    for (const [path, heading] of [
      ['', "New Starter's capabilities"],
      ['/timeline', "New Starter's timeline"],
      ['/history', "New Starter's stage history"],
      ['/role-gap', "New Starter's role gap"],
      ['/export', "New Starter's export"],
      ['/record', 'Record evidence for New Starter'],
    ] as const) {
      await page.goto(`/workers/${starter}${path}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await expectAccessible(page, `a new starter's ${path || 'overview'}`);
      expect(await page.getByRole('alert').count(), `alerts on ${path}`).toBe(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    }
    await page.goto(`/workers/${starter}/role-gap`);
    await page.getByText('New Starter holds no job role now').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('by keyboard, the LRS secret takes focus when shown, and revoking asks with focus on the safe answer', async () => {
    const { context, page, errors } = await web.open();
    await web.signIn(page, 'lead@');
    await page.getByRole('link', { name: 'LRS clients' }).click();
    await page.getByRole('heading', { name: /^Clients/ }).waitFor();
    const form = page.getByRole('form', { name: 'Create a client' });
    await form.getByLabel('Name of the system').fill('Keyboard LMS');
    await form.getByRole('button', { name: 'Create the client' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('This is the only time the secret is shown.').waitFor();
    await expect.poll(() => focused(page)).toBe('H2 Copy the secret of Keyboard LMS now');
    await page.getByRole('button', { name: 'I have stored the secret' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('H2 Clients');

    const row = page.getByRole('row', { name: /^Keyboard LMS/ });
    await row.getByRole('button', { name: 'Revoke Keyboard LMS' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('BUTTON Keep it');
    await expectAccessible(page, 'the question before revoking');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('BUTTON Revoke');
    expect(await row.innerText()).toContain('Active');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Mary is told when a period ends before it starts, and her role gap asks the API nothing it refuses', async () => {
    const { context, page, errors } = await web.open(390);
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await web.signIn(page, 'mary@');
    await page.getByRole('heading', { name: 'Your capabilities' }).waitFor();
    // Her organisation's job roles are listed for her (a worker of it reads them): nothing is refused on the way.
    await page.getByRole('link', { name: 'Role gap' }).click();
    await page.getByRole('heading', { name: 'Current role: Support worker' }).waitFor();
    expect(refused).toEqual([]);

    // The timeline's "To" before its "From": said in words naming both fields, the field marked, nothing filtered.
    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.getByLabel('From').fill('2026-01-01');
    await page.getByLabel('To (inclusive)').fill('2020-01-01');
    await page.getByRole('button', { name: 'Show records' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'The records were not filtered' });
    expect(await problem.innerText()).toContain('"To" (1 Jan 2020) is before "From" (1 Jan 2026)');
    expect(await page.getByLabel('To (inclusive)').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).search).toBe('');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'a reversed period on the timeline');
    await page.getByLabel('To (inclusive)').fill('2026-12-31');
    await page.getByRole('button', { name: 'Show records' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe('2026-12-31');
    expect(await page.getByRole('alert').count()).toBe(0);

    // The export's period likewise: the figure is not "0 records" for a period that cannot hold any.
    await page.getByRole('link', { name: 'Export' }).click();
    await page.getByText(/records? and .* hours of learning in the period/).waitFor();
    const before = await page.locator('.big-figure').innerText();
    await page.getByLabel('From').fill('2026-01-01');
    await page.getByLabel('To (inclusive)').fill('2020-01-01');
    await page.getByRole('button', { name: 'Choose period' }).click();
    await page.getByRole('alert').filter({ hasText: 'The period was not changed' }).waitFor();
    expect(await page.getByLabel('To (inclusive)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.big-figure').innerText()).toBe(before);
    await expectAccessible(page, 'a reversed period on the export');
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the learning lead's pages name the organisation, and read on a phone", async () => {
    const { context, page, errors } = await web.open(390);
    await web.signIn(page, 'lead@');
    const organisation = `/organisations/${web.demo.organisationId}`;
    // By its name, never its id, on each page about it.
    for (const [path, heading] of [
      ['audit', 'Self-audit'],
      ['adoption', 'CLF adoption'],
      ['staff', 'Staff'],
      ['workers-from-statements', 'Workers to review'],
      ['lrs-clients', 'LRS clients'],
    ] as const) {
      await page.goto(`${organisation}/${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expect.poll(() => page.locator('.subtitle').first().innerText()).toContain('Demo care services');
      expect(await page.locator('main').innerText(), path).not.toContain(web.demo.organisationId);
    }

    // Each scope of a new LRS client: its code stays whole beside its words, its box unsqueezed.
    const scopes = page.getByRole('group', { name: 'What it may do' });
    const boxes = (await scopes
      .locator('input')
      .evaluateAll((inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().width)))) as number[];
    expect(new Set(boxes).size).toBe(1);
    // A code on more than one line ("stateme / nts/rea / d") has several boxes, or one box taller than the others'.
    const brokenCodes = await scopes.locator('code').evaluateAll((codes) => {
      const line = Math.min(...codes.map((c) => c.getBoundingClientRect().height));
      return codes
        .filter((c) => c.getClientRects().length > 1 || c.getBoundingClientRect().height > 1.5 * line)
        .map((c) => c.textContent);
    });
    expect(brokenCodes).toEqual([]);

    // The open cycle's staff survey: workers find it on their record (the app shows it there).
    const { audits } = await (
      await web.apiAs('lead@')
    )<{ audits: { id: string; state: string }[] }>('GET', `/api${organisation}/audits`);
    await page.goto(`${organisation}/audits/${audits.find((a) => a.state === 'open')!.id}`);
    await page.getByText('each finds the survey on their own record, or by this link').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a wide table's caption wraps at a phone's width, so Eve reads it without scrolling sideways", async () => {
    const { context, page, errors } = await web.open(390);
    await web.signIn(page, 'evaluator@');
    await page.goto('/trends/personal-capabilities');
    const caption = page.getByRole('region', { name: 'Figures (table)' }).locator('caption');
    await expect.poll(() => caption.innerText()).toMatch(/^Comparable: the workers/);
    const box = (await caption.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // The table itself is wider than the phone and scrolls sideways in its region; the caption stays in view.
    const region = page.getByRole('region', { name: 'Figures (table)' });
    await region.evaluate((r) => r.scrollBy(400, 0));
    const scrolled = (await caption.boundingBox())!;
    expect(scrolled.x).toBeGreaterThanOrEqual(0);
    expect(scrolled.x + scrolled.width).toBeLessThanOrEqual(390);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'the personal capabilities trend at 390 px');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the API going away mid-session is said in words, and signing out still works', async () => {
    const { context, page, errors } = await web.open();
    await web.signIn(page, 'mary@');
    await page.getByRole('heading', { name: 'Your capabilities' }).waitFor();
    // As if the server stopped: every /api call fails to connect.
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.getByRole('link', { name: 'Timeline' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().innerText(), { timeout: 20_000 })
      .toMatch(/Could not load the timeline\s+Could not reach Continuum\. Check your connection and try again\./);
    await expectAccessible(page, 'the timeline with the API gone');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("continuum.session")')).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = colour
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map((c) => {
        const s = Number(c) / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../support/browser.js';
import { expectAccessible, WEB_APP_START_MS, focused, startWebApp, type WebApp } from '../support/web-app.js';

/**
 * What a demanding person meets in their first hour with the demo data, beyond the main tasks: the
 * survey banner names the organisation, a role to aim for is chosen by name, the trends start where
 * there is something to see, the staff list reads alphabetically, and completing a cycle asks first.
 * The tests share one server; the last one completes the demo's open cycle.
 */
describe.skipIf(!browserAvailable())('web app, the first hour', () => {
  let web: WebApp;

  beforeAll(async () => {
    web = await startWebApp();
  }, WEB_APP_START_MS);

  afterAll(async () => {
    await web?.close();
  });

  it("Mary's survey banner names her organisation, and she picks a role to aim for by its name", async () => {
    const { context, page, errors } = await web.open(390);
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await web.signIn(page, 'mary@');
    const banner = page.getByRole('region', { name: 'Staff survey of Demo care services' });
    await expect
      .poll(() => banner.innerText())
      .toContain('The self-audit of Demo care services, started on 1 Nov 2026');
    await expectAccessible(page, 'the survey banner naming the organisation');
    // The survey itself says whose it is too.
    await banner.getByRole('link', { name: 'Answer the staff survey' }).click();
    await expect
      .poll(() => page.locator('.subtitle').first().innerText())
      .toBe('Demo care services, self-audit started on 1 Nov 2026');
    await expectAccessible(page, 'the staff survey naming its organisation');
    await page.goBack();

    await page.getByRole('link', { name: 'Role gap' }).click();
    await page.getByRole('heading', { name: 'Current role: Support worker' }).waitFor();
    const picker = page.getByLabel('Role to compare with');
    // Every role of her organisation by name, alphabetically, after her current one.
    await expect
      .poll(() => picker.locator('option').allInnerTexts())
      .toEqual(['The current role', 'Manager', 'Practitioner', 'Social worker', 'Support worker']);
    await picker.selectOption({ label: 'Practitioner' });
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('heading', { name: 'Aiming for: Practitioner' }).waitFor();
    expect(new URL(page.url()).searchParams.get('roleId')).toBe('demo-practitioner');
    expect(await picker.inputValue()).toBe('demo-practitioner');
    await expectAccessible(page, 'the role gap with a role chosen by name');
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('John picks a role for Mary by name too', async () => {
    const { context, page, errors } = await web.open();
    await web.signIn(page, 'john@');
    await page.goto(`/workers/${web.demo.workers.mary}/role-gap`);
    await page.getByRole('heading', { name: 'Current role: Support worker' }).waitFor();
    await page.getByLabel('Role to compare with').selectOption({ label: 'Social worker' });
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('heading', { name: 'Aiming for: Social worker' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a worker of two employers is offered both organisations' roles under their names; a same-named role is told apart", async () => {
    await web.asAdmin('POST', '/api/organisations', {
      id: 'highland-bank',
      name: 'Highland Bank Staff',
      sector: 'private',
      region: 'Highland',
      serviceType: 'care at home',
      sizeBand: 'small',
    });
    // A support worker there too, asked for more flexibility than the demo's (engaged, with managing conflict).
    await web.asAdmin('POST', '/api/roles', {
      id: 'highland-support-worker',
      organisationId: 'highland-bank',
      name: 'Support worker',
      requirements: [{ capabilityId: 'pc.flexibility', stage: 'accomplished' }],
    });
    const { id: bea } = await web.asAdmin('POST', '/api/workers', {
      name: 'Bea Bank',
      identifiers: [{ mbox: 'mailto:bea@bank.example.org' }],
      organisationId: web.demo.organisationId,
      joinedOn: '2025-01-06',
    });
    const joined = await web.asAdmin<{ invitation?: unknown }>('POST', `/api/workers/${bea}/memberships`, {
      organisationId: 'highland-bank',
      from: '2025-03-03',
    });
    expect(joined.invitation).toBeUndefined();
    await web.asAdmin('POST', `/api/workers/${bea}/roles`, { roleId: 'demo-support-worker', from: '2025-01-06' });
    const password = 'a long enough password';
    await web.asAdmin('POST', '/api/admin/users', {
      email: 'bea@bank.example.org',
      displayName: 'Bea Bank',
      password,
      roles: [{ kind: 'worker', workerId: bea }],
    });

    const { context, page, errors } = await web.open();
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await web.signIn(page, { email: 'bea@bank.example.org', password });
    await page.goto(`/workers/${bea}/role-gap`);
    await page.getByRole('heading', { name: 'Current role: Support worker' }).waitFor();
    const picker = page.getByLabel('Role to compare with');
    // The employer of her current role first, then the other; each group holds its own roles by name.
    const groups = async () => {
      const found: [string | null, string[]][] = [];
      for (const group of await picker.locator('optgroup').all())
        found.push([await group.getAttribute('label'), await group.locator('option').allInnerTexts()]);
      return found;
    };
    await expect.poll(groups).toEqual([
      ['Demo care services', ['Manager', 'Practitioner', 'Social worker', 'Support worker']],
      ['Highland Bank Staff', ['Support worker']],
    ]);
    await expectAccessible(page, 'the role picker grouped by organisation');
    const highland = picker.locator('optgroup[label="Highland Bank Staff"] option', { hasText: 'Support worker' });
    await picker.selectOption((await highland.getAttribute('value'))!);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('heading', { name: 'Aiming for: Support worker' }).waitFor();
    expect(new URL(page.url()).searchParams.get('roleId')).toBe('highland-support-worker');
    // Its one requirement, not the demo role's two.
    const required = page.getByRole('region', { name: 'Requirements of Support worker' }).locator('tbody tr');
    await expect
      .poll(() => required.locator('td').allInnerTexts())
      .toEqual(['Accomplished', expect.any(String), 'Not yet']);
    expect(await picker.inputValue()).toBe('highland-support-worker');
    await expectAccessible(page, "the gap to the other employer's role");
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // Her learning lead acts for the demo organisation only: its roles, and nothing asked of the other.
    const lead = await web.open();
    const leadRefused: string[] = [];
    lead.page.on('response', (response) => {
      if (response.status() >= 400) leadRefused.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await web.signIn(lead.page, 'lead@');
    await lead.page.goto(`/workers/${bea}/role-gap`);
    await lead.page.getByRole('heading', { name: 'Current role: Support worker' }).waitFor();
    const leadPicker = lead.page.getByLabel('Role to compare with');
    await expect
      .poll(() => leadPicker.locator('option').allInnerTexts())
      .toEqual(['The current role', 'Manager', 'Practitioner', 'Social worker', 'Support worker']);
    expect(await leadPicker.locator('optgroup').count()).toBe(0);
    expect(leadRefused).toEqual([]);
    expect(lead.errors).toEqual([]);
    await lead.context.close();
  });

  it("Eve's trends start at the first year with something to see, and the earlier years are one choice away", async () => {
    const { context, page, errors } = await web.open();
    await web.signIn(page, 'evaluator@');
    await page.getByRole('heading', { name: 'Employers aware of and using the CLF' }).waitFor();
    const table = page.getByRole('region', { name: 'Figures (table)' });
    const firstYear = () => table.locator('tbody tr th').first().innerText();
    // The demo organisation's first worker joined in 2005; it became aware of the CLF in 2023.
    await expect.poll(firstYear).toBe('2023');
    await page.getByText(/Years 2005 to 2022 are left out/).waitFor();
    await expectAccessible(page, 'the adoption trend from its first year');

    // The CSV holds what the page shows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('adoption-2023-latest.csv');

    await page.getByLabel('From year').fill('2005');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/from=2005/);
    await expect.poll(firstYear).toBe('2005');
    expect(await page.getByText(/are left out/).count()).toBe(0);

    // The workers' trends too: years of a lone worker with no evidence are not the start.
    await page.goto('/trends/personal-capabilities');
    await expect.poll(firstYear).not.toBe('2005');
    expect(Number(await firstYear())).toBeGreaterThan(2005);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the learning lead's staff list reads in alphabetical order", async () => {
    for (const name of ['zoë Zimmer', 'Ádám Abbot', 'adam Abbot', 'Émile Dubois'])
      await web.asAdmin('POST', '/api/workers', {
        name,
        identifiers: [{ mbox: `mailto:${encodeURIComponent(name).replaceAll('%', '')}@order.example.org` }],
        organisationId: web.demo.organisationId,
        joinedOn: '2026-01-05',
      });
    const { context, page, errors } = await web.open();
    await web.signIn(page, 'lead@');
    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    const workers = page.getByRole('region', { name: 'Workers (table)' });
    await expect.poll(() => workers.locator('tbody tr').count()).toBeGreaterThan(10);
    const names = await workers.locator('tbody tr th').allInnerTexts();
    expect(names).toEqual([...names].sort(new Intl.Collator('en-GB').compare));
    expect(names.indexOf('Émile Dubois')).toBeLessThan(names.indexOf('Mary'));
    expect(names.at(-1)).toBe('zoë Zimmer');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('completing a cycle asks first, naming what happens; "Keep it open" changes nothing', async () => {
    const lead = await web.apiAs('lead@');
    const audits = `/api/organisations/${web.demo.organisationId}/audits`;
    const openCycle = async () =>
      (await lead<{ audits: { id: string; state: string }[] }>('GET', audits)).audits.find((a) => a.state === 'open');
    const { id } = (await openCycle())!;
    const { context, page, errors } = await web.open();
    await web.signIn(page, 'lead@');
    await page.goto(`/organisations/${web.demo.organisationId}/audits/${id}`);
    await page.getByLabel('Completed on').fill('2026-12-01');
    await page.getByRole('button', { name: 'Complete the cycle' }).focus();
    await page.keyboard.press('Enter');
    const question = page.getByRole('group', { name: 'Complete the cycle started 1 Nov 2026?' });
    expect(await question.innerText()).toMatch(
      /Complete the cycle started 1 Nov 2026 on 1 Dec 2026\? From that day its stages are the organisation's audit status, and its reflections and self-assessments can no longer change\. This cannot be undone\./,
    );
    await expect.poll(() => focused(page)).toBe('BUTTON Keep it open');
    expect(await page.getByLabel('Completed on').isDisabled()).toBe(true);
    await expectAccessible(page, 'the question before completing a cycle');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('BUTTON Complete the cycle');
    expect(await question.count()).toBe(0);
    expect((await openCycle())?.id).toBe(id);
    expect(new URL(page.url()).pathname).toBe(`/organisations/${web.demo.organisationId}/audits/${id}`);

    // Asked again and confirmed: completed on the day chosen.
    await page.getByRole('button', { name: 'Complete the cycle' }).click();
    await question.getByRole('button', { name: 'Yes, complete the cycle' }).click();
    await page
      .getByText(/^Cycle completed on 1 Dec 2026: from that day its stages are the audit status below\.$/)
      .waitFor();
    expect(await openCycle()).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import { api, createUser, ok, sendStatements } from '../../../test/support/http-api.js';

/**
 * Issue 14 §3: an LMS statement about an unknown actor registers a worker of the sending client's
 * organisation (the bootstrap client's is `default`); its learning lead reviews them.
 */
let app: TestApp;
let admin: string;
let lead: string;
let otherLead: string;
const base = '/api/organisations/default/workers-from-statements';
const org = (id: string) => ({
  id,
  name: `Org ${id}`,
  sector: 'private',
  region: 'Fife',
  serviceType: 'care at home',
  sizeBand: 'small',
});
const completed = (who: string, i: number) => ({
  actor: { objectType: 'Agent', name: who, mbox: `mailto:${who}@lms.example.org` },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } },
  object: { objectType: 'Activity', id: `https://lms.example.org/courses/${i}` },
  timestamp: new Date(Date.UTC(2026, 0, 5, 9, i)).toISOString(),
});
const idOf = (rows: { id: string; name: string }[], name: string) => rows.find((w) => w.name === name)!.id;
const listAll = async (token = lead) => {
  const rows: { id: string; name: string; records: number; identifiers: unknown[]; firstSeenAt: string }[] = [];
  let next: string | null = null;
  do {
    const page = await ok(app, token, 'GET', `${base}?limit=2${next ? `&after=${next}` : ''}`);
    expect(page.workers.length).toBeLessThanOrEqual(2);
    rows.push(...page.workers);
    next = page.next;
  } while (next);
  return rows;
};

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  for (const id of ['default', 'org-b']) await ok(app, admin, 'POST', '/api/organisations', org(id));
  // Registered through /api: never on the review list.
  await ok(app, admin, 'POST', '/api/workers', {
    name: 'api-ann',
    identifiers: [{ mbox: 'mailto:api-ann@example.org' }],
    organisationId: 'default',
  });
  await sendStatements(app, [
    completed('sam', 1),
    completed('sam', 2),
    completed('tia', 3),
    completed('uma', 4),
    completed('vic', 5),
    completed('wes', 7),
    completed('wes', 8),
  ]);
  await ok(app, admin, 'POST', '/api/workers', {
    name: 'b-bob',
    identifiers: [{ mbox: 'mailto:b-bob@example.org' }],
    organisationId: 'org-b',
  });
  await waitForProjections(app.runtime);
  lead = await createUser(app, 'lead@default.example.org', [{ kind: 'learning-lead', organisationId: 'default' }]);
  otherLead = await createUser(app, 'lead@b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
});

afterAll(async () => {
  await app?.close();
});

describe('GET /api/organisations/:id/workers-from-statements', () => {
  it('pages through the workers registered from statements, with identifiers, first statement and records', async () => {
    const rows = await listAll();
    expect(rows.map((w) => w.name).sort()).toEqual(['sam', 'tia', 'uma', 'vic', 'wes']);
    expect(rows.find((w) => w.name === 'sam')).toMatchObject({
      identifiers: [{ mbox: 'mailto:sam@lms.example.org' }],
      records: 2,
      firstSeenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(rows.find((w) => w.name === 'tia')!.records).toBe(1);
    expect(await listAll(admin)).toEqual(rows);
  });

  it("refuses another organisation's lead alike for a real and an unknown organisation (403)", async () => {
    expect((await api(app, otherLead, 'GET', base)).status).toBe(403);
    expect((await api(app, otherLead, 'GET', '/api/organisations/nowhere/workers-from-statements')).status).toBe(403);
  });

  it('refuses a bad limit and a forged cursor, naming the field', async () => {
    const limit = await api(app, lead, 'GET', `${base}?limit=0`);
    expect(limit.status).toBe(400);
    expect(limit.text).toContain('limit');
    const after = await api(app, lead, 'GET', `${base}?after=forged`);
    expect(after.status).toBe(400);
    expect(after.text).toContain('after');
  });
});

describe('reviewing a worker registered from statements', () => {
  it('confirm: off the list, still a current worker; a second review is a 409', async () => {
    const tia = idOf(await listAll(), 'tia');
    expect(await ok(app, lead, 'POST', `${base}/${tia}/confirm`, { note: 'our new carer' })).toMatchObject({
      id: tia,
      status: 'confirmed',
    });
    await waitForProjections(app.runtime);
    expect((await listAll()).map((w) => w.name)).not.toContain('tia');
    const staff = await ok(app, lead, 'GET', '/api/organisations/default/workers?limit=500');
    expect(staff.workers.find((w: { id: string }) => w.id === tia)).toMatchObject({ current: true });
    for (const again of ['confirm', 'reject']) {
      const response = await api(app, lead, 'POST', `${base}/${tia}/${again}`);
      expect(response.status).toBe(409);
      expect(response.text).toContain('already reviewed');
    }
  });

  it('reject: off the list and no longer a member; their statements stay stored and further ones are accepted', async () => {
    const uma = idOf(await listAll(), 'uma');
    expect(await ok(app, admin, 'POST', `${base}/${uma}/reject`)).toMatchObject({ status: 'rejected' });
    await waitForProjections(app.runtime);
    expect((await listAll()).map((w) => w.name)).not.toContain('uma');
    const staff = await ok(app, lead, 'GET', '/api/organisations/default/workers?limit=500');
    expect(staff.workers.find((w: { id: string }) => w.id === uma)).toMatchObject({ current: false });
    expect((await api(app, lead, 'POST', `${base}/${uma}/reject`)).status).toBe(409);
    // A later statement about the rejected actor is stored (200) and does not put them back on the list.
    await sendStatements(app, [completed('uma', 6)]);
    await waitForProjections(app.runtime);
    expect((await listAll()).map((w) => w.name)).not.toContain('uma');
    const stored = await fetch(
      `${app.baseUrl}/xapi/statements?agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:uma@lms.example.org' }))}`,
      {
        headers: {
          authorization: `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`,
          'x-experience-api-version': '1.0.3',
        },
      },
    );
    expect(((await stored.json()) as { statements: unknown[] }).statements).toHaveLength(2);
  });

  it("refuses another organisation's lead (403), a worker not of the organisation or one registered through /api", async () => {
    const vic = idOf(await listAll(), 'vic');
    for (const action of ['confirm', 'reject'])
      expect((await api(app, otherLead, 'POST', `${base}/${vic}/${action}`)).status).toBe(403);
    expect(
      (await api(app, otherLead, 'POST', `/api/organisations/org-b/workers-from-statements/${vic}/confirm`)).status,
    ).toBe(404);
    expect((await api(app, lead, 'POST', `${base}/no-such-worker/confirm`)).status).toBe(404);
    const apiAnn = (await ok(app, lead, 'GET', '/api/organisations/default/workers?limit=500')).workers.find(
      (w: { name: string }) => w.name === 'api-ann',
    ).id;
    const response = await api(app, lead, 'POST', `${base}/${apiAnn}/confirm`);
    expect(response.status).toBe(409);
    expect(response.text).toContain('registered through /api');
  });

  it('refuses hostile bodies with a 400 naming the field, and writes nothing', async () => {
    const vic = idOf(await listAll(), 'vic');
    const unknown = await api(app, lead, 'POST', `${base}/${vic}/confirm`, { note: 'ok', notes: 'typo' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('notes');
    const notText = await api(app, lead, 'POST', `${base}/${vic}/reject`, { note: 5 });
    expect(notText.status).toBe(400);
    expect(notText.text).toContain('note');
    const tooLong = await api(app, lead, 'POST', `${base}/${vic}/reject`, { note: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('note');
    const notObject = await api(app, lead, 'POST', `${base}/${vic}/confirm`, ['note']);
    expect(notObject.status).toBe(400);
    await waitForProjections(app.runtime);
    expect((await listAll()).map((w) => w.name)).toContain('vic');
  });
});

describe('merging a worker registered from statements into an existing worker', () => {
  const staffId = async (name: string, organisationId = 'default') =>
    (await ok(app, admin, 'GET', `/api/organisations/${organisationId}/workers?limit=500`)).workers.find(
      (w: { name: string }) => w.name === name,
    ).id as string;

  it('refuses the same worker (400) or one of another organisation (409), naming intoWorkerId; hostile bodies 400', async () => {
    const wes = idOf(await listAll(), 'wes');
    for (const [body, status] of [
      [{ intoWorkerId: wes }, 400],
      [{ intoWorkerId: await staffId('b-bob', 'org-b') }, 409],
      [{ intoWorkerId: 'no-such-worker' }, 409],
      [{}, 400],
      [{ intoWorkerId: 5 }, 400],
      [{ intoWorkerId: await staffId('api-ann'), into: 'x' }, 400],
    ] as const) {
      const response = await api(app, lead, 'POST', `${base}/${wes}/merge`, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.text).toContain('into' in body ? 'into' : 'intoWorkerId');
    }
    expect((await api(app, otherLead, 'POST', `${base}/${wes}/merge`, { intoWorkerId: 'x' })).status).toBe(403);
  });

  it("the identifier becomes the existing worker's and the records count for them; the statement worker leaves the list", async () => {
    const wes = idOf(await listAll(), 'wes');
    const ann = await staffId('api-ann');
    expect(await ok(app, lead, 'POST', `${base}/${wes}/merge`, { intoWorkerId: ann })).toMatchObject({
      status: 'merged',
      intoWorkerId: ann,
    });
    await waitForProjections(app.runtime);
    expect((await listAll()).map((w) => w.name)).not.toContain('wes');
    const found = await ok(
      app,
      lead,
      'GET',
      `/api/workers?agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:wes@lms.example.org' }))}`,
    );
    expect(found.map((w: { id: string }) => w.id)).toEqual([ann]);
    const timeline = await ok(app, lead, 'GET', `/api/workers/${ann}/timeline`);
    expect(JSON.stringify(timeline)).toContain('https://lms.example.org/courses/7');
    expect(JSON.stringify(timeline)).toContain('https://lms.example.org/courses/8');
    expect((await api(app, lead, 'POST', `${base}/${wes}/merge`, { intoWorkerId: ann })).status).toBe(404);
  });
});

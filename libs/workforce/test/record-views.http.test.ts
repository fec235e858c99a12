import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { api, createUser, indicatorsOfStage, ok, stageOf } from '../../../test/support/http-api.js';

/**
 * Issue 11 §2-3, per-organisation views: a worker with two employers, A and B. Each organisation's
 * lead and line manager see only what that organisation recorded plus what the worker shares with it;
 * the worker sees everything; stages shown to A are computed from what A sees.
 */
let app: TestApp;
let admin: string;
let leadA: string;
let leadB: string;
let managerA: string;
let worker: string;
let workerToken: string;
let evidenceOfB: string;
const PASSWORD = 'correct horse battery staple';
const CAPABILITY = 'pc.teamwork';
const ENGAGED = indicatorsOfStage(CAPABILITY, 'engaged');

const org = (id: string) => ({
  id,
  name: id,
  sector: 'private',
  region: 'Fife',
  serviceType: 'care home for adults',
  sizeBand: 'small',
});
const titlesOf = async (token: string) =>
  ((await ok(app, token, 'GET', `/api/workers/${worker}/timeline`)).entries as { statementId: string }[])
    .map((e) => e.statementId)
    .sort();
const stageFor = async (token: string) =>
  stageOf(await ok(app, token, 'GET', `/api/workers/${worker}/capabilities`), CAPABILITY);

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  await ok(app, admin, 'POST', '/api/organisations', org('views-a'));
  await ok(app, admin, 'POST', '/api/organisations', org('views-b'));
  leadA = await createUser(app, 'lead@views-a.example.org', [{ kind: 'learning-lead', organisationId: 'views-a' }]);
  leadB = await createUser(app, 'lead@views-b.example.org', [{ kind: 'learning-lead', organisationId: 'views-b' }]);
  worker = (
    await ok(app, leadB, 'POST', '/api/workers', {
      name: 'Sam Two-Jobs',
      identifiers: [{ mbox: 'mailto:sam@views.example.org' }],
      organisationId: 'views-b',
    })
  ).id;
  await ok(app, admin, 'POST', '/api/admin/users', {
    email: 'sam@views.example.org',
    displayName: 'Sam',
    password: PASSWORD,
    roles: [{ kind: 'worker', workerId: worker }],
  });
  workerToken = (
    await ok(app, undefined, 'POST', '/api/auth/sign-in', { email: 'sam@views.example.org', password: PASSWORD })
  ).token;
  expect(
    (await api(app, leadA, 'POST', `/api/workers/${worker}/memberships`, { organisationId: 'views-a' })).status,
  ).toBe(202);
  await ok(app, workerToken, 'POST', `/api/workers/${worker}/invitations/views-a/accept`);
  managerA = await createUser(app, 'manager@views-a.example.org', [
    { kind: 'line-manager', organisationId: 'views-a', workerIds: [worker] },
  ]);
  // B evidences every engaged indicator of teamwork; A one of them.
  for (const indicatorId of ENGAGED) {
    const recorded = await ok(app, leadB, 'POST', `/api/workers/${worker}/evidence`, {
      kind: 'assessment',
      indicatorId,
      evidenced: true,
      source: 'line-manager',
    });
    evidenceOfB ??= recorded.statementId;
  }
  await ok(app, leadA, 'POST', `/api/workers/${worker}/evidence`, {
    kind: 'reflective-account',
    account: 'Huddles at A',
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('each organisation sees what it recorded; the worker sees all', () => {
  it('A’s lead and line manager see A’s evidence only; B’s lead B’s; the worker and an admin everything', async () => {
    const all = await titlesOf(workerToken);
    expect(all).toHaveLength(ENGAGED.length + 1);
    expect(await titlesOf(admin)).toEqual(all);
    const ofA = await titlesOf(leadA);
    expect(ofA).toHaveLength(1);
    expect(await titlesOf(managerA)).toEqual(ofA);
    expect(await titlesOf(leadB)).toEqual(all.filter((id) => !ofA.includes(id)));
  });

  it('stages shown to A come from what A sees: B’s assessments do not make the worker engaged for A', async () => {
    expect(await stageFor(workerToken)).toBe('engaged');
    expect(await stageFor(leadB)).toBe('engaged');
    expect(await stageFor(leadA)).toBe('not-yet-engaged');
    expect(await stageFor(managerA)).toBe('not-yet-engaged');
    const history = await ok(app, leadA, 'GET', `/api/workers/${worker}/capabilities/history`);
    expect(history.changes).toEqual([]);
    const exported = await ok(app, leadA, 'GET', `/api/workers/${worker}/evidence-export`);
    expect(exported.records).toHaveLength(1);
    expect((await api(app, leadA, 'GET', `/api/workers/${worker}/evidence-export?format=csv`)).text).not.toContain(
      evidenceOfB,
    );
  });
});

describe('the worker shares with an organisation they belong to, and withdraws', () => {
  it('sharing one piece of B’s evidence with A shows it to A; withdrawing hides it again', async () => {
    await ok(app, workerToken, 'POST', `/api/workers/${worker}/shares`, {
      organisationId: 'views-a',
      evidence: { organisationId: 'views-b', statementId: evidenceOfB },
    });
    expect(await titlesOf(leadA)).toContain(evidenceOfB);
    expect(await titlesOf(managerA)).toContain(evidenceOfB);
    expect(await ok(app, workerToken, 'GET', `/api/workers/${worker}/shares`)).toEqual([
      {
        organisationId: 'views-a',
        scope: 'evidence',
        evidence: { organisationId: 'views-b', statementId: evidenceOfB },
      },
    ]);
    await ok(app, workerToken, 'POST', `/api/workers/${worker}/shares/withdraw`, {
      organisationId: 'views-a',
      evidence: { organisationId: 'views-b', statementId: evidenceOfB },
    });
    expect(await titlesOf(leadA)).not.toContain(evidenceOfB);
  });

  it('sharing the whole record shows A everything, with the stages it gives; withdrawing takes it back', async () => {
    await ok(app, workerToken, 'POST', `/api/workers/${worker}/shares`, { organisationId: 'views-a' });
    expect(await titlesOf(leadA)).toEqual(await titlesOf(workerToken));
    expect(await stageFor(leadA)).toBe('engaged');
    expect(
      (await api(app, workerToken, 'POST', `/api/workers/${worker}/shares`, { organisationId: 'views-a' })).status,
    ).toBe(409);
    await ok(app, workerToken, 'POST', `/api/workers/${worker}/shares/withdraw`, { organisationId: 'views-a' });
    expect(await stageFor(leadA)).toBe('not-yet-engaged');
    expect(await ok(app, workerToken, 'GET', `/api/workers/${worker}/shares`)).toEqual([]);
  });

  it('only the worker shares: leads of either organisation, the manager and an admin get 403, and nothing is shared', async () => {
    for (const token of [leadA, leadB, managerA, admin]) {
      const shared = await api(app, token, 'POST', `/api/workers/${worker}/shares`, { organisationId: 'views-a' });
      expect(shared.status).toBe(403);
    }
    expect(await titlesOf(leadA)).toHaveLength(1);
  });

  it('refuses a share with an organisation the worker does not belong to (409), of evidence not on the record (404), a withdrawal of nothing (404), and bad input (400 naming the field)', async () => {
    const stranger = await api(app, workerToken, 'POST', `/api/workers/${worker}/shares`, {
      organisationId: 'views-c',
    });
    expect(stranger.status).toBe(409);
    expect(stranger.text).toContain('organisationId');
    const unknown = await api(app, workerToken, 'POST', `/api/workers/${worker}/shares`, {
      organisationId: 'views-a',
      evidence: { organisationId: 'views-b', statementId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(404);
    expect(
      (await api(app, workerToken, 'POST', `/api/workers/${worker}/shares/withdraw`, { organisationId: 'views-a' }))
        .status,
    ).toBe(404);
    const bad = await api(app, workerToken, 'POST', `/api/workers/${worker}/shares`, {
      organisationId: 'views-a',
      evidence: { organisationId: 'views-b' },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('evidence.statementId');
  });
});

describe('declining an invitation', () => {
  it('the worker declines: the invitation is gone, they do not join; declining again is a 404; others get 403', async () => {
    await ok(app, admin, 'POST', '/api/organisations', org('views-c'));
    const leadC = await createUser(app, 'lead@views-c.example.org', [
      { kind: 'learning-lead', organisationId: 'views-c' },
    ]);
    expect(
      (await api(app, leadC, 'POST', `/api/workers/${worker}/memberships`, { organisationId: 'views-c' })).status,
    ).toBe(202);
    expect((await api(app, leadC, 'POST', `/api/workers/${worker}/invitations/views-c/decline`)).status).toBe(403);
    expect((await api(app, leadA, 'POST', `/api/workers/${worker}/invitations/views-c/decline`)).status).toBe(403);
    expect(await ok(app, workerToken, 'POST', `/api/workers/${worker}/invitations/views-c/decline`)).toEqual({
      id: worker,
      organisationId: 'views-c',
      status: 'declined',
    });
    expect(await ok(app, workerToken, 'GET', `/api/workers/${worker}/invitations`)).toEqual([]);
    expect((await api(app, workerToken, 'POST', `/api/workers/${worker}/invitations/views-c/decline`)).status).toBe(
      404,
    );
    expect((await api(app, workerToken, 'POST', `/api/workers/${worker}/invitations/views-c/accept`)).status).toBe(404);
    const organisations = (await ok(app, admin, 'GET', `/api/workers/${worker}`)).organisations.map(
      (m: { organisationId: string }) => m.organisationId,
    );
    expect(organisations).not.toContain('views-c');
  });

  it('a platform admin may decline for the worker', async () => {
    const leadC = await createUser(app, 'lead2@views-c.example.org', [
      { kind: 'learning-lead', organisationId: 'views-c' },
    ]);
    expect(
      (await api(app, leadC, 'POST', `/api/workers/${worker}/memberships`, { organisationId: 'views-c' })).status,
    ).toBe(202);
    await ok(app, admin, 'POST', `/api/workers/${worker}/invitations/views-c/decline`);
    expect(await ok(app, workerToken, 'GET', `/api/workers/${worker}/invitations`)).toEqual([]);
  });
});

describe('the team of a line manager or learning lead (issue 14.7)', () => {
  it('a lead gets every current worker of their organisation with names, role and stage summary as the organisation sees them, a page at a time', async () => {
    const other = (
      await ok(app, leadA, 'POST', '/api/workers', {
        name: 'Alex Only-A',
        identifiers: [{ mbox: 'mailto:alex@views-a.example.org' }],
        organisationId: 'views-a',
      })
    ).id;
    const all = await ok(app, leadA, 'GET', '/api/organisations/views-a/team');
    expect(all.members.map((m: { workerId: string }) => m.workerId).sort()).toEqual([worker, other].sort());
    const sam = all.members.find((m: { workerId: string }) => m.workerId === worker);
    // B's assessments make Sam engaged in teamwork for B, not for A.
    expect(sam).toMatchObject({ name: 'Sam Two-Jobs', role: null, stages: { 'not-yet-engaged': 17, engaged: 0 } });
    const ofB = (await ok(app, leadB, 'GET', '/api/organisations/views-b/team')).members;
    expect(ofB).toEqual([
      expect.objectContaining({
        workerId: worker,
        stages: expect.objectContaining({ 'not-yet-engaged': 16, engaged: 1 }),
      }),
    ]);
    const first = await ok(app, leadA, 'GET', '/api/organisations/views-a/team?limit=1');
    const second = await ok(app, leadA, 'GET', `/api/organisations/views-a/team?limit=1&after=${first.next}`);
    expect([...first.members, ...second.members].map((m: { workerId: string }) => m.workerId)).toEqual(
      all.members.map((m: { workerId: string }) => m.workerId),
    );
    expect(second.next).toBeNull();
    // One bound, in the check and in its message (the message once said 500 where 100 was checked).
    for (const limit of ['101', '501'])
      expect((await api(app, leadA, 'GET', `/api/organisations/views-a/team?limit=${limit}`)).body).toMatchObject({
        field: 'limit',
        detail: expect.stringContaining('from 1 to 100'),
      });
  });

  it('a line manager gets the workers their grant names; anyone else in another organisation 403; a bad limit 400', async () => {
    const mine = await ok(app, managerA, 'GET', '/api/organisations/views-a/team');
    expect(mine.members.map((m: { workerId: string }) => m.workerId)).toEqual([worker]);
    for (const [token, organisation] of [
      [leadA, 'views-b'],
      [managerA, 'views-b'],
      [workerToken, 'views-a'],
      [leadB, 'views-a'],
    ] as const) {
      const refused = await api(app, token, 'GET', `/api/organisations/${organisation}/team`);
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain('Sam');
    }
    const bad = await api(app, leadA, 'GET', '/api/organisations/views-a/team?limit=101');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('limit');
  });
});

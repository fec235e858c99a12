import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { api, createUser, ok } from '../support/http-api.js';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { auditAnswer, basicAuth, firstCapability as cap1, postToLrs } from '../support/audit-tool.js';
import { registerOrganisation } from '../support/organisations.js';
import { writesSnapshot } from '../support/writes.js';

/**
 * An outsider's attack on session 5's routes: the staff-list import, the bulk self-assessment, the
 * admin users' pages and the trends' parameters. Organisation B's lead against A's ids, hostile values,
 * pages longer than one and racing writers. Any 5xx, leak of the other organisation or partial write fails.
 */
let app: TestApp;
let admin: string;
let leadA: string;
let leadB: string;
let auditA: string;
let auditB: string;
let bobId: string;
const orgIndicators = cap1.stages.flatMap((s) => s.organisationIndicators.map((i) => i.id));

const row = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  identifiers: [{ mbox: `mailto:${name}@staff.example.org` }],
  ...extra,
});
const importInto = (organisationId: string, workers: unknown, token = leadA) =>
  api(app, token, 'POST', `/api/organisations/${organisationId}/workers/import`, { workers });
const registeredAs = async (mbox: string) =>
  ok(app, admin, 'GET', `/api/workers?agent=${encodeURIComponent(JSON.stringify({ mbox }))}`);

/** Refused with `status`, and nothing written: the log, the tables and the read model as they were. */
async function expectNothingWritten(
  answer: () => ReturnType<typeof api>,
  status: number[],
  label = '',
): Promise<string> {
  await waitForProjections(app.runtime);
  const before = await writesSnapshot(app.runtime.pool);
  const refused = await answer();
  expect(status, `${label}: ${refused.text}`).toContain(refused.status);
  await waitForProjections(app.runtime);
  expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
  return refused.text;
}

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  await registerOrganisation(app, 'org-a');
  await registerOrganisation(app, 'org-b');
  for (const [id, organisationId] of [
    ['a-carer', 'org-a'],
    ['b-carer', 'org-b'],
  ])
    await ok(app, admin, 'POST', '/api/roles', { id, organisationId, name: 'Carer', requirements: [] });
  leadA = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadB = await createUser(app, 'lead@b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
  bobId = (
    await ok(app, leadB, 'POST', '/api/organisations/org-b/workers/import', {
      workers: [row('bob', { roleId: 'b-carer', joinedOn: '2024-01-01' })],
    })
  ).workers[0].id;
  auditA = (await ok(app, leadA, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-01-10' })).id;
  auditB = (await ok(app, leadB, 'POST', '/api/organisations/org-b/audits', { startedOn: '2025-01-10' })).id;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('staff-list import', () => {
  it("refuses B's lead importing into A, whatever the list, writing nothing", async () => {
    for (const workers of [[row('ann')], [row('bob')], [], 'x'])
      await expectNothingWritten(() => importInto('org-a', workers, leadB), [403]);
  });

  it("refuses A's rows naming B's role or B's worker's identifier, writing nothing", async () => {
    await expectNothingWritten(() => importInto('org-a', [row('ann'), row('amy', { roleId: 'b-carer' })]), [404]);
    const text = await expectNothingWritten(() => importInto('org-a', [row('ann'), row('bob')]), [409]);
    expect(text).not.toContain('org-b');
    expect(await registeredAs('mailto:ann@staff.example.org')).toEqual([]);
  });

  it("refuses a row taking over a worker B's LRS client first saw, writing nothing", async () => {
    const clientB = await ok(app, leadB, 'POST', '/api/organisations/org-b/lrs-clients', {
      name: 'B',
      scopes: ['all'],
    });
    const sent = await postToLrs(
      app,
      basicAuth(clientB),
      {
        actor: { objectType: 'Agent', mbox: 'mailto:seen@staff.example.org' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } },
        object: { objectType: 'Activity', id: `urn:uuid:${randomUUID()}` },
        timestamp: new Date().toISOString(),
      },
      { version: '1.0.3' },
    );
    expect(sent.status, sent.text).toBeLessThan(300);
    await waitForProjections(app.runtime);
    await expectNothingWritten(() => importInto('org-a', [row('ann'), row('seen')]), [409]);
    const seenByB = (await ok(app, leadB, 'GET', '/api/organisations/org-b/workers-from-statements')).workers;
    expect(seenByB).toHaveLength(1);
  });

  it('refuses an identifier twice in a row or across rows, 501 rows and hostile values', async () => {
    const twice = { name: 'x', identifiers: [{ mbox: 'mailto:tw@s.org' }, { mbox: 'mailto:tw@s.org' }] };
    const other = { name: 'y', identifiers: [{ mbox: 'mailto:zz@s.org' }, { mbox: 'mailto:tw2@s.org' }] };
    const across = { name: 'z', identifiers: [{ mbox: 'mailto:tw2@s.org' }] };
    for (const workers of [
      [twice],
      [other, across],
      [row('h', { workerId: 'chosen-id' })],
      [row('h', { organisationId: 'org-b' })],
      [row('h', { roleId: 'a'.repeat(10_000) })],
      [row('h', { name: 'n'.repeat(100_000) })],
      [row('h', { joinedOn: '9999-99-99' })],
      [row('h', { joinedOn: '+275760-09-13' })],
      [{ name: 'h', identifiers: [{ mbox: 'mailto:' }] }],
      [{ name: 'h', identifiers: [{ account: { homePage: 'not a url', name: 'h' } }] }],
      [{ name: 'h', identifiers: [{ mbox: 'mailto:h@s.org', openid: 'http://x' }] }],
      [{ name: 'h', identifiers: {} }],
      [{ __proto__: { name: 'p' }, identifiers: [{ mbox: 'mailto:p@s.org' }], constructor: 'x' }],
      Array.from({ length: 501 }, (_, i) => row(`many${i}`)),
    ])
      await expectNothingWritten(
        () => importInto('org-a', workers),
        [400, 404, 409, 413],
        JSON.stringify(workers).slice(0, 120),
      );
    expect(await registeredAs('mailto:zz@s.org')).toEqual([]);
  });

  it('lets one of two racing imports of the same identifiers win; the other writes nothing', async () => {
    const list = (who: string) => [row(`race-${who}`), row('race-shared')];
    const answers = await Promise.all([importInto('org-a', list('1')), importInto('org-b', list('2'), leadB)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses, answers.map((a) => a.text).join('\n')).toEqual([201, 409]);
    await waitForProjections(app.runtime);
    const loser = answers[0]!.status === 409 ? '1' : '2';
    expect(await registeredAs(`mailto:race-${loser}@staff.example.org`)).toEqual([]);
    const [shared] = await registeredAs('mailto:race-shared@staff.example.org');
    expect(shared.organisations).toHaveLength(1);
    const loserOrg = loser === '1' ? 'org-a' : 'org-b';
    const loserLead = loser === '1' ? leadA : leadB;
    const workers = await ok(app, loserLead, 'GET', `/api/organisations/${loserOrg}/workers`);
    expect(JSON.stringify(workers)).not.toContain('race-');
  });

  it('answers the same list sent twice at once with one 201 and one 409, each worker registered once', async () => {
    const list = [row('twin-1', { roleId: 'a-carer' }), row('twin-2')];
    const answers = await Promise.all([importInto('org-a', list), importInto('org-a', list)]);
    expect(answers.map((a) => a.status).sort(), answers.map((a) => a.text).join('\n')).toEqual([201, 409]);
    await waitForProjections(app.runtime);
    const [twin] = await registeredAs('mailto:twin-1@staff.example.org');
    expect(twin.organisations).toHaveLength(1);
    expect(twin.roles).toHaveLength(1);
  });
});

describe('bulk self-assessment', () => {
  const assess = (organisationId: string, auditId: string, indicators: unknown, token = leadA) =>
    api(app, token, 'PUT', `/api/organisations/${organisationId}/audits/${auditId}/indicators`, { indicators });
  const good = () => ({ indicatorId: orgIndicators[0], achieved: true });

  it("refuses B's cycle through A's path, A's cycle for B, unknown and duplicate ids, 201 rows", async () => {
    await expectNothingWritten(() => assess('org-a', auditB, [good()]), [404]);
    await expectNothingWritten(() => assess('org-a', auditA, [good()], leadB), [403]);
    await expectNothingWritten(() => assess('org-b', auditA, [good()], leadB), [404]);
    for (const rows of [
      [good(), { indicatorId: 'no-such-indicator', achieved: true }],
      [good(), { ...good(), achieved: false }],
      [{ ...good(), evidence: 'e'.repeat(1_000_000) }],
      [{ ...good(), indicatorId: { $ne: null } }],
      Array.from({ length: 201 }, () => good()),
      [],
    ])
      await expectNothingWritten(() => assess('org-a', auditA, rows), [400, 404, 409, 413]);
  });

  it('racing a completion: either the rows are in the completed cycle or the PUT is refused', async () => {
    const rows = orgIndicators.map((indicatorId) => ({ indicatorId, achieved: true }));
    const [put, complete] = await Promise.all([
      assess('org-b', auditB, rows, leadB),
      api(app, leadB, 'POST', `/api/organisations/org-b/audits/${auditB}/complete`, { completedOn: '2025-02-01' }),
    ]);
    expect(complete.status, complete.text).toBe(204);
    expect([204, 409], put.text).toContain(put.status);
    await waitForProjections(app.runtime);
    const cycle = await ok(app, admin, 'GET', `/api/organisations/org-b/audits/${auditB}`);
    expect(cycle.selfAssessments).toHaveLength(put.status === 204 ? rows.length : 0);
    await expectNothingWritten(() => assess('org-b', auditB, rows, leadB), [409]);
  });
});

describe('GET /api/admin/users pages', () => {
  it('walks every user once at any page size; hostile cursors are 400s', async () => {
    for (let i = 0; i < 7; i++) await createUser(app, `paged${i}@x.example.org`, []);
    const all = (await ok(app, admin, 'GET', '/api/admin/users?limit=500')).users.map((u: any) => u.id);
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const query: string = `limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
        const page: any = await ok(app, admin, 'GET', `/api/admin/users?${query}`);
        expect(page.users.length).toBeLessThanOrEqual(limit);
        seen.push(...page.users.map((u: any) => u.id));
        after = page.next;
      } while (after);
      expect(seen).toEqual(all);
    }
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const after of [
      'x',
      '',
      forge(['1', "'; drop table identity_users; --"]),
      forge(['99999999999999999999', '00000000-0000-0000-0000-000000000000']),
      forge([1, '00000000-0000-0000-0000-000000000000']),
      forge({ 0: '1', 1: '00000000-0000-0000-0000-000000000000', length: 2 }),
    ]) {
      const answer = await api(app, admin, 'GET', `/api/admin/users?after=${encodeURIComponent(after)}`);
      expect(answer.status, `${after}: ${answer.text}`).toBe(400);
    }
    for (const limit of ['0', '501', '-1', '1.5', 'NaN', '', '1&limit=2'])
      expect((await api(app, admin, 'GET', `/api/admin/users?limit=${limit}`)).status, limit).toBe(400);
    const beyond = forge(['999999999999999999', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);
    expect(await ok(app, admin, 'GET', `/api/admin/users?after=${beyond}`)).toEqual({ users: [], next: null });
    expect((await api(app, leadA, 'GET', '/api/admin/users')).status).toBe(403);
  });
});

describe('trends parameters', () => {
  it("answers hostile from/to/by with 400s, and a lead asking for B's figures with 403", async () => {
    for (const query of [
      'from=-99999999&to=99999999',
      'from=1e400',
      'from=2025&to=2020',
      'from=0x7e9',
      'by=__proto__',
      'by=constructor',
      'by=sector&by=region',
      'from=2020&from=2021',
    ]) {
      const answer = await api(app, admin, 'GET', `/api/trends/adoption?${query}`);
      expect(answer.status, `${query}: ${answer.text}`).toBeLessThan(500);
    }
    for (const trend of ['personal-capabilities', 'organisational-capabilities']) {
      const answer = await api(app, admin, 'GET', `/api/trends/${trend}?by=sector`);
      expect(answer.status, answer.text).toBe(400);
      const unknown = await api(app, admin, 'GET', `/api/trends/${trend}?by=sector&capabilityId=nope`);
      expect(unknown.status, unknown.text).toBe(400);
    }
    const national = await api(app, leadA, 'GET', '/api/trends/adoption');
    expect(national.status === 403 || !national.text.includes('org-b'), national.text).toBe(true);
    for (const organisationId of ['org-b', 'no-such-org', 'org-a&organisationId=org-b', ''])
      expect([400, 403], organisationId).toContain(
        (await api(app, leadA, 'GET', `/api/trends/adoption?organisationId=${organisationId}`)).status,
      );
  });
});

describe("what B's LRS client hears of A from the CLF validation", () => {
  it('hears the same for an organisation or cycle of A as for ones that do not exist', async () => {
    const clientB = await ok(app, leadB, 'POST', '/api/organisations/org-b/lrs-clients', {
      name: 'LMS B',
      scopes: ['all'],
    });
    const authB = basicAuth(clientB);
    const answer = (organisationId: string, auditId: string) =>
      auditAnswer({
        auditId,
        organisationId,
        actor: { objectType: 'Agent', mbox: 'mailto:tool@b.example.org' },
        timestamp: '2026-02-01T10:00:00Z',
        response: 'yes',
      });
    const reasonFor = async (statement: object, hide: string) => {
      const response = await postToLrs(app, authB, statement, { resource: 'profiles/clf/validate', version: '1.0.3' });
      expect(response.status).toBeLessThan(300);
      const [result] = JSON.parse(response.text).results;
      return JSON.stringify({ ...result, statementId: undefined }).replaceAll(hide, '<id>');
    };
    const unknownCycle = randomUUID();
    expect(await reasonFor(answer('org-a', unknownCycle), 'org-a')).toBe(
      await reasonFor(answer('org-nobody', unknownCycle), 'org-nobody'),
    );
    expect(await reasonFor(answer('org-b', auditA), auditA)).toBe(
      await reasonFor(answer('org-b', unknownCycle), unknownCycle),
    );
  });
});

describe("team and capability summary against another organisation's ids", () => {
  it("shows a line manager only the workers of their grant that are the organisation's, and B's lead nothing", async () => {
    const [amo] = (await ok(app, leadA, 'POST', '/api/organisations/org-a/workers/import', { workers: [row('amo')] }))
      .workers;
    const grant = { kind: 'line-manager', organisationId: 'org-a', workerIds: [amo.id, bobId] };
    const manager = await createUser(app, 'manager@a.example.org', [grant]);
    await waitForProjections(app.runtime);
    const team = await ok(app, manager, 'GET', '/api/organisations/org-a/team');
    expect(JSON.stringify(team)).not.toContain(bobId);
    expect(JSON.stringify(team)).toContain(amo.id);
    for (const path of [`/api/workers/${bobId}`, `/api/workers/${bobId}/capabilities`])
      expect([403, 404], path).toContain((await api(app, manager, 'GET', path)).status);
    for (const path of ['org-b/team', 'org-b/capability-summary', 'org-a/capability-summary', 'org-a/workers'])
      expect((await api(app, manager, 'GET', `/api/organisations/${path}`)).status, path).toBe(403);
    for (const path of ['org-a/team', 'org-a/capability-summary', 'org-none/team'])
      expect((await api(app, leadB, 'GET', `/api/organisations/${path}`)).status, path).toBe(403);
    for (const query of ['asOf=9999-12-31', 'asOf=0000-01-01', 'asOf=2024-02-30', 'asOf[]=x'])
      expect(
        (await api(app, leadA, 'GET', `/api/organisations/org-a/capability-summary?${query}`)).status,
        query,
      ).toBeLessThan(500);
  });
});

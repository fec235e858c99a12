import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { api, createUser, ok } from '../../../test/support/http-api.js';
import { expectProblem } from '../../../test/support/problem.js';

/**
 * Issue 16 §5: an organisation's learning lead registers its staff list in one request
 * (POST /api/organisations/:id/workers/import): every row registered, joined and given its role, or
 * none of them.
 */
let app: TestApp;
let admin: string;
let leadA: string;
let leadB: string;
let beaId: string;
const importInto = (organisationId: string, workers: unknown, token = leadA) =>
  api(app, token, 'POST', `/api/organisations/${organisationId}/workers/import`, { workers });
const row = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  identifiers: [{ mbox: `mailto:${name}@staff.example.org` }],
  ...extra,
});
const eventCount = async () => Number((await app.runtime.pool.query('select count(*) as n from events')).rows[0].n);
const registeredAs = async (name: string) =>
  ok(
    app,
    admin,
    'GET',
    `/api/workers?agent=${encodeURIComponent(JSON.stringify({ mbox: `mailto:${name}@staff.example.org` }))}`,
  );

/** Whatever the refusal, nothing of the list is written. */
async function expectRefused(
  answer: Promise<Awaited<ReturnType<typeof api>>>,
  status: number,
  field: string | undefined,
  names: string[],
): Promise<void> {
  const before = await eventCount();
  expectProblem(await answer, { status, field });
  expect(await eventCount()).toBe(before);
  for (const name of names) expect(await registeredAs(name)).toEqual([]);
}

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  for (const id of ['org-a', 'org-b'])
    await ok(app, admin, 'POST', '/api/organisations', {
      id,
      name: `Org ${id}`,
      sector: 'private',
      region: 'Fife',
      serviceType: 'care at home',
      sizeBand: 'small',
    });
  for (const [id, organisationId] of [
    ['a-carer', 'org-a'],
    ['b-carer', 'org-b'],
  ])
    await ok(app, admin, 'POST', '/api/roles', { id, organisationId, name: 'Carer', requirements: [] });
  beaId = (await ok(app, admin, 'POST', '/api/workers', { ...row('bea'), organisationId: 'org-b' })).id;
  leadA = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadB = await createUser(app, 'lead@b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
});

afterAll(async () => {
  await app?.close();
});

describe('POST /api/organisations/:id/workers/import', () => {
  it('registers every row, joined on its date with its role, readable as soon as it answers', async () => {
    const answer = await importInto('org-a', [
      row('ann', { joinedOn: '2024-03-01', roleId: 'a-carer', registrationNumber: 'SSSC-1' }),
      row('abe'),
    ]);
    expect(answer.status).toBe(201);
    const [ann, abe] = answer.body.workers.map((w: { id: string }) => w.id);
    expect(await ok(app, leadA, 'GET', `/api/workers/${ann}`)).toMatchObject({
      name: 'ann',
      registrationNumber: 'SSSC-1',
      registeredVia: 'api',
      organisations: [{ organisationId: 'org-a', from: '2024-03-01', to: null }],
      roles: [{ roleId: 'a-carer', organisationId: 'org-a', from: '2024-03-01', to: null }],
    });
    expect(await ok(app, leadA, 'GET', `/api/workers/${abe}`)).toMatchObject({
      organisations: [{ organisationId: 'org-a', to: null }],
      roles: [],
    });
  });

  it('refuses the whole list for one bad row, naming the row and the field', async () => {
    await expectRefused(
      importInto('org-a', [row('cal'), row('cid', { joinedOn: '2024-02-30' })]),
      400,
      'workers[1].joinedOn',
      ['cal', 'cid'],
    );
    await expectRefused(importInto('org-a', [row('cal'), { name: 'no identifiers' }]), 400, 'workers[1].identifiers', [
      'cal',
    ]);
    await expectRefused(
      importInto('org-a', [row('cal', { organisationId: 'org-b' })]),
      400,
      'workers[0].organisationId',
      ['cal'],
    );
    await expectRefused(importInto('org-a', [row('cal'), 'cid']), 400, 'workers[1]', ['cal']);
  });

  it('refuses an identifier given twice in the list, or already held by another worker', async () => {
    await expectRefused(importInto('org-a', [row('dee'), row('dee')]), 400, 'workers[1].identifiers[0]', ['dee']);
    await expectRefused(importInto('org-a', [row('dan'), row('bea')]), 409, 'workers[1].identifiers[0]', ['dan']);
    await expectRefused(importInto('org-a', [row('dan'), row('ann')]), 409, 'workers[1].identifiers[0]', ['dan']);
  });

  it("answers another organisation's role as unknown, like one that does not exist", async () => {
    for (const roleId of ['b-carer', 'no-such-role'])
      await expectRefused(importInto('org-a', [row('eve'), row('eli', { roleId })]), 404, 'workers[1].roleId', [
        'eve',
        'eli',
      ]);
  });

  it("refuses another organisation's lead with a 403, the same for an unknown organisation, writing nothing", async () => {
    await expectRefused(importInto('org-a', [row('fay')], leadB), 403, undefined, ['fay']);
    await expectRefused(importInto('org-none', [row('fay')], leadB), 403, undefined, ['fay']);
    const worker = await createUser(app, 'bea@b.example.org', [{ kind: 'worker', workerId: beaId }]);
    await expectRefused(importInto('org-a', [row('fay')], worker), 403, undefined, ['fay']);
    await expectRefused(importInto('org-none', [row('fay')], admin), 404, 'id', ['fay']);
  });

  it('takes 1 to 500 rows', async () => {
    await expectRefused(importInto('org-a', []), 400, 'workers', []);
    await expectRefused(importInto('org-a', undefined), 400, 'workers', []);
    const rows = Array.from({ length: 501 }, (_, i) => row(`many-${i}`));
    await expectRefused(importInto('org-a', rows), 400, 'workers', ['many-0', 'many-500']);
    const answer = await importInto('org-a', rows.slice(0, 500));
    expect(answer.status).toBe(201);
    expect(answer.body.workers).toHaveLength(500);
    expect((await registeredAs('many-499'))[0].organisations).toMatchObject([{ organisationId: 'org-a' }]);
  });
});

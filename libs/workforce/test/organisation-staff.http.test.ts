import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalCapabilities } from '#libs/framework';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { api, createUser, indicatorsUpTo, ok } from '../../../test/support/http-api.js';

/** The learning lead's view of staff: the workers list and the capability summary (issue 15 §6). */
let app: TestApp;
let admin: string;
let lead: string;
const ids: Record<string, string> = {};
const org = (id: string) => ({
  id,
  name: `Org ${id}`,
  sector: 'voluntary',
  region: 'Fife',
  serviceType: 'care at home',
  sizeBand: 'small',
});
const assess = (indicatorId: string, occurredAt: string) => ({
  kind: 'assessment',
  indicatorId,
  evidenced: true,
  source: 'line-manager',
  occurredAt,
});
const base = '/api/organisations/org-a';

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  for (const id of ['org-a', 'org-b']) await ok(app, admin, 'POST', '/api/organisations', org(id));
  await ok(app, admin, 'POST', '/api/roles', {
    id: 'carer',
    organisationId: 'org-a',
    name: 'Carer',
    requirements: [
      { capabilityId: 'pc.flexibility', stage: 'engaged' },
      { capabilityId: 'pc.empathy', stage: 'engaged' },
    ],
  });
  const worker = async (name: string, organisationId: string, joinedOn: string) =>
    (ids[name] = (
      await ok(app, admin, 'POST', '/api/workers', {
        name,
        identifiers: [{ mbox: `mailto:${name}@example.org` }],
        organisationId,
        joinedOn,
      })
    ).id);
  await worker('ann', 'org-a', '2020-01-01');
  await worker('bea', 'org-a', '2021-01-01');
  await worker('cal', 'org-b', '2020-01-01');
  await ok(app, admin, 'POST', `/api/workers/${ids.ann}/roles`, { roleId: 'carer', from: '2020-01-01' });
  await ok(app, admin, 'POST', `/api/workers/${ids.bea}/roles`, { roleId: 'carer', from: '2021-01-01' });
  await ok(app, admin, 'POST', `/api/workers/${ids.bea}/memberships/end`, {
    organisationId: 'org-a',
    to: '2024-06-01',
  });
  // Ann: engaged on flexibility in 2023, on empathy in 2024 (then she meets her role); Bea: engaged on flexibility in 2023.
  for (const id of indicatorsUpTo('pc.flexibility', 'engaged'))
    await ok(app, admin, 'POST', `/api/workers/${ids.ann}/evidence`, assess(id, '2023-03-01T10:00:00Z'));
  for (const id of indicatorsUpTo('pc.empathy', 'engaged'))
    await ok(app, admin, 'POST', `/api/workers/${ids.ann}/evidence`, assess(id, '2024-03-01T10:00:00Z'));
  for (const id of indicatorsUpTo('pc.flexibility', 'engaged'))
    await ok(app, admin, 'POST', `/api/workers/${ids.bea}/evidence`, assess(id, '2023-03-01T10:00:00Z'));
  lead = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
});

afterAll(async () => {
  await app?.close();
});

const stagesOn = (
  summary: { capabilities: { capabilityId: string; stages: Record<string, number> }[] },
  capabilityId: string,
) => summary.capabilities.find((c) => c.capabilityId === capabilityId)!.stages;

describe('GET /api/organisations/:id/workers', () => {
  it("pages through the organisation's workers, past and present, with membership dates and current role", async () => {
    const first = await ok(app, lead, 'GET', `${base}/workers?limit=1`);
    expect(first.workers).toHaveLength(1);
    expect(first.next).toEqual(expect.any(String));
    const second = await ok(app, lead, 'GET', `${base}/workers?limit=1&after=${first.next}`);
    expect(second.next).toBeNull();
    const all = [...first.workers, ...second.workers];
    const ann = all.find((w) => w.id === ids.ann);
    const bea = all.find((w) => w.id === ids.bea);
    expect(all.map((w) => w.id).sort()).toEqual([ids.ann, ids.bea].sort());
    expect(ann).toMatchObject({
      name: 'ann',
      current: true,
      memberships: [{ from: '2020-01-01', to: null }],
      currentRole: { roleId: 'carer', name: 'Carer', from: '2020-01-01' },
    });
    expect(bea).toMatchObject({
      current: false,
      memberships: [{ from: '2021-01-01', to: '2024-06-01' }],
      currentRole: null,
    });
  });

  it('lists them by name as people read it (case and accents aside), the same name by id, the unnamed last, page after page', async () => {
    await ok(app, admin, 'POST', '/api/organisations', org('org-sorted'));
    const names = ['zoë', 'Émile', 'adam', 'Ádám', 'Bea', 'bea', 'Zak', null, 'Ann', 'ann', 'Ann', null];
    const registered: { id: string; name: string | null }[] = [];
    for (const [i, name] of names.entries()) {
      const { id } = await ok(app, admin, 'POST', '/api/workers', {
        ...(name === null ? {} : { name }),
        identifiers: [{ mbox: `mailto:sorted-${i}@example.org` }],
        organisationId: 'org-sorted',
      });
      registered.push({ id, name });
    }
    // The model: a collator of the people's language, then the exact text, then the id (stable), the unnamed last.
    const collator = new Intl.Collator('en-GB');
    const codeOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = [...registered]
      .sort(
        (a, b) =>
          Number(a.name === null) - Number(b.name === null) ||
          collator.compare(a.name ?? '', b.name ?? '') ||
          codeOrder(a.name ?? '', b.name ?? '') ||
          codeOrder(a.id, b.id),
      )
      .map((w) => w.id);
    const all = await ok(app, admin, 'GET', '/api/organisations/org-sorted/workers?limit=500');
    expect(all.workers.map((w: { id: string }) => w.id)).toEqual(expected);
    expect(all.workers.map((w: { name: string | null }) => w.name?.toLowerCase() ?? null)).toEqual([
      'adam',
      'ádám',
      'ann',
      'ann',
      'ann',
      'bea',
      'bea',
      'émile',
      'zak',
      'zoë',
      null,
      null,
    ]);
    // Page after page, the same order, each worker once.
    const paged: string[] = [];
    let next: string | null = null;
    do {
      const page = await ok(
        app,
        admin,
        'GET',
        `/api/organisations/org-sorted/workers?limit=3${next ? `&after=${next}` : ''}`,
      );
      paged.push(...page.workers.map((w: { id: string }) => w.id));
      next = page.next;
    } while (next);
    expect(paged).toEqual(expected);
  });

  it('refuses a bad limit and a forged cursor, naming the field', async () => {
    expect((await api(app, lead, 'GET', `${base}/workers?limit=0`)).body.field).toBe('limit');
    expect((await api(app, lead, 'GET', `${base}/workers?after=forged`)).body.field).toBe('after');
  });
});

describe('GET /api/organisations/:id/capability-summary', () => {
  it('counts the workers of each date at each stage, by the stage rule on the evidence standing then', async () => {
    const early = await ok(app, lead, 'GET', `${base}/capability-summary?asOf=2022-06-01`);
    expect(early.workers).toBe(2);
    expect(early.capabilities).toHaveLength(personalCapabilities.length);
    expect(stagesOn(early, 'pc.flexibility')).toEqual({
      'not-yet-engaged': 2,
      engaged: 0,
      established: 0,
      accomplished: 0,
      exemplary: 0,
    });
    expect(early.roleFit).toEqual({
      withRole: 2,
      meetingAll: 0,
      capabilities: [
        { capabilityId: 'pc.empathy', required: 2, meeting: 0 },
        { capabilityId: 'pc.flexibility', required: 2, meeting: 0 },
      ],
    });

    const mid = await ok(app, lead, 'GET', `${base}/capability-summary?asOf=2023-12-31`);
    expect(stagesOn(mid, 'pc.flexibility')).toMatchObject({ 'not-yet-engaged': 0, engaged: 2 });
    expect(mid.roleFit).toMatchObject({ withRole: 2, meetingAll: 0 });

    // Bea left on 2024-06-01; Ann meets both requirements from March 2024.
    const late = await ok(app, lead, 'GET', `${base}/capability-summary?asOf=2024-07-01`);
    expect(late.workers).toBe(1);
    expect(stagesOn(late, 'pc.empathy')).toMatchObject({ engaged: 1 });
    expect(late.roleFit).toEqual({
      withRole: 1,
      meetingAll: 1,
      capabilities: [
        { capabilityId: 'pc.empathy', required: 1, meeting: 1 },
        { capabilityId: 'pc.flexibility', required: 1, meeting: 1 },
      ],
    });
  });

  it('refuses a date in the wrong form, naming asOf', async () => {
    for (const asOf of ['2024-02-30', '2024-1-1', 'today']) {
      const response = await api(app, lead, 'GET', `${base}/capability-summary?asOf=${asOf}`);
      expect([response.status, response.body.field]).toEqual([400, 'asOf']);
    }
  });
});

describe('access to the staff view', () => {
  it("is the organisation's learning leads' and platform admins'; others get 403 alike for a real and an unknown organisation", async () => {
    const otherLead = await createUser(app, 'lead@b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
    const manager = await createUser(app, 'manager@a.example.org', [
      { kind: 'line-manager', organisationId: 'org-a', workerIds: [ids.ann] },
    ]);
    const annUser = await createUser(app, 'ann@example.org', [{ kind: 'worker', workerId: ids.ann }]);
    for (const token of [otherLead, manager, annUser]) {
      for (const path of ['workers', 'capability-summary']) {
        const real = await api(app, token, 'GET', `${base}/${path}`);
        const unknown = await api(app, token, 'GET', `/api/organisations/no-such-org/${path}`);
        expect([real.status, unknown.status]).toEqual([403, 403]);
        expect(real.text).not.toContain(ids.ann);
        expect(real.body.detail).toBe(unknown.body.detail);
      }
    }
    expect((await api(app, admin, 'GET', '/api/organisations/no-such-org/workers')).status).toBe(404);
    expect((await ok(app, admin, 'GET', `${base}/capability-summary`)).workers).toBe(1);
  });
});

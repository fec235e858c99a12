import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import { api, createUser, ok } from '../../../test/support/http-api.js';

/** Listing organisations and their job roles: paginated, and only what the viewer may manage. */
let app: TestApp;
let admin: string;
let lead: string;
let evaluator: string;
const org = (id: string) => ({
  id,
  name: `Org ${id}`,
  sector: 'voluntary',
  region: 'Fife',
  serviceType: 'care at home',
  sizeBand: 'small',
});

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  for (const id of ['org-c', 'org-a', 'org-b']) await ok(app, admin, 'POST', '/api/organisations', org(id));
  for (const id of ['cook', 'carer', 'manager'])
    await ok(app, admin, 'POST', '/api/roles', {
      id: `a-${id}`,
      organisationId: 'org-a',
      name: id,
      requirements: [{ capabilityId: 'pc.teamwork', stage: 'engaged' }],
    });
  await ok(app, admin, 'POST', '/api/roles', { id: 'b-driver', organisationId: 'org-b', name: 'driver' });
  lead = await createUser(app, 'lead@org-a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  evaluator = await createUser(app, 'eval@example.gov.scot', [{ kind: 'evaluator' }]);
});

afterAll(async () => {
  await app?.close();
});

describe('GET /api/organisations', () => {
  it('a platform admin pages through every organisation by id', async () => {
    const first = await ok(app, admin, 'GET', '/api/organisations?limit=2');
    expect(first.organisations.map((o: { id: string }) => o.id)).toEqual(['org-a', 'org-b']);
    expect(first.organisations[0]).toMatchObject({
      name: 'Org org-a',
      sector: 'voluntary',
      region: 'Fife',
      serviceType: 'care at home',
      sizeBand: 'small',
    });
    expect(first.organisations[0].registeredAt).toEqual(expect.any(String));
    const second = await ok(app, admin, 'GET', `/api/organisations?limit=2&after=${first.next}`);
    expect(second).toEqual({ organisations: [expect.objectContaining({ id: 'org-c' })], next: null });
  });

  it('a learning lead sees their own organisation only; anyone else is refused with no data', async () => {
    expect((await ok(app, lead, 'GET', '/api/organisations')).organisations.map((o: { id: string }) => o.id)).toEqual([
      'org-a',
    ]);
    const denied = await api(app, evaluator, 'GET', '/api/organisations');
    expect(denied.status).toBe(403);
    expect(denied.text).not.toContain('org-a');
    expect((await api(app, undefined, 'GET', '/api/organisations')).status).toBe(401);
  });

  it('refuses a bad page naming the parameter', async () => {
    const bad = await api(app, admin, 'GET', '/api/organisations?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe('limit: must be a whole number from 1 to 500');
    // Decimal digits only: Number() would read these as 100, 16 and 10.
    for (const limit of ['1e2', '0x10', '%2010'])
      expect((await api(app, admin, 'GET', `/api/organisations?limit=${limit}`)).body.field, limit).toBe('limit');
    expect((await api(app, admin, 'GET', '/api/organisations?after=nonsense')).body.detail).toMatch(
      /^after: must be a cursor/,
    );
  });
});

describe('GET /api/organisations?q=', () => {
  beforeAll(async () => {
    await ok(app, admin, 'POST', '/api/organisations', { ...org('gen-1-org-7'), name: 'Highland 100% Care_Home' });
  });

  it('finds organisations by part of their name or id in any case, a page at a time', async () => {
    const ids = (body: { organisations: { id: string }[] }) => body.organisations.map((o) => o.id);
    expect(ids(await ok(app, admin, 'GET', '/api/organisations?q=ORG%20ORG-'))).toEqual(['org-a', 'org-b', 'org-c']);
    expect(ids(await ok(app, admin, 'GET', '/api/organisations?q=gen-1'))).toEqual(['gen-1-org-7']);
    const first = await ok(app, admin, 'GET', '/api/organisations?q=org-&limit=2');
    expect(ids(first)).toEqual(['gen-1-org-7', 'org-a']);
    const second = await ok(app, admin, 'GET', `/api/organisations?q=org-&limit=2&after=${first.next}`);
    expect(second).toEqual({
      organisations: [expect.objectContaining({ id: 'org-b' }), expect.objectContaining({ id: 'org-c' })],
      next: null,
    });
  });

  it('takes % and _ as themselves, not as wildcards', async () => {
    expect((await ok(app, admin, 'GET', '/api/organisations?q=100%25%20care_')).organisations).toEqual([
      expect.objectContaining({ id: 'gen-1-org-7' }),
    ]);
    expect((await ok(app, admin, 'GET', '/api/organisations?q=o_g')).organisations).toEqual([]);
  });

  it("a learning lead's search stays within their own organisations", async () => {
    expect(
      (await ok(app, lead, 'GET', '/api/organisations?q=org')).organisations.map((o: { id: string }) => o.id),
    ).toEqual(['org-a']);
    expect((await ok(app, lead, 'GET', '/api/organisations?q=gen-1')).organisations).toEqual([]);
  });

  it.each([
    ['empty', 'q='],
    ['blank', 'q=%20%20'],
    ['longer than 100 characters', `q=${'a'.repeat(101)}`],
    ['repeated', 'q=a&q=b'],
  ])('refuses a search that is %s, naming q', async (_, search) => {
    const bad = await api(app, admin, 'GET', `/api/organisations?${search}`);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe('q: must be text of 1 to 100 characters (part of a name or id)');
  });

  it('refuses U+0000 in a search before it reaches SQL, naming q', async () => {
    const bad = await api(app, admin, 'GET', '/api/organisations?q=a%00b');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'q', detail: expect.stringMatching(/^q: holds U\+0000/) });
  });
});

describe('GET /api/organisations/:id/roles', () => {
  it("the organisation's learning lead pages through its roles with their requirements", async () => {
    const first = await ok(app, lead, 'GET', '/api/organisations/org-a/roles?limit=2');
    expect(first.organisationId).toBe('org-a');
    expect(first.organisationName).toBe('Org org-a');
    expect(first.roles.map((r: { id: string }) => r.id)).toEqual(['a-carer', 'a-cook']);
    expect(first.roles[0]).toEqual({
      id: 'a-carer',
      organisationId: 'org-a',
      name: 'carer',
      requirements: [{ capabilityId: 'pc.teamwork', stage: 'engaged' }],
      qualifications: [],
      training: [],
    });
    const second = await ok(app, lead, 'GET', `/api/organisations/org-a/roles?limit=2&after=${first.next}`);
    expect(second.roles.map((r: { id: string }) => r.id)).toEqual(['a-manager']);
    expect(second.next).toBeNull();
  });

  it('another organisation’s roles are refused with no data; an unknown organisation is a 404 for an admin', async () => {
    const denied = await api(app, lead, 'GET', '/api/organisations/org-b/roles');
    expect(denied.status).toBe(403);
    expect(denied.text).not.toContain('driver');
    expect((await api(app, evaluator, 'GET', '/api/organisations/org-a/roles')).status).toBe(403);
    expect(
      (await ok(app, admin, 'GET', '/api/organisations/org-b/roles')).roles.map((r: { id: string }) => r.id),
    ).toEqual(['b-driver']);
    const missing = await api(app, admin, 'GET', '/api/organisations/nowhere/roles');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('id: no organisation "nowhere" is registered');
  });

  it("its workers and line managers read them (to choose a role to aim for); a leaver and other organisations' people are refused", async () => {
    const worker = async (name: string, organisationId: string) =>
      (
        await ok(app, admin, 'POST', '/api/workers', {
          name,
          identifiers: [{ mbox: `mailto:${name}@roles.example.org` }],
          organisationId,
          joinedOn: '2024-01-01',
        })
      ).id as string;
    const [ann, leo, bob] = [await worker('ann', 'org-a'), await worker('leo', 'org-a'), await worker('bob', 'org-b')];
    await ok(app, admin, 'POST', `/api/workers/${leo}/memberships/end`, { organisationId: 'org-a', to: '2025-01-01' });
    const as = async (email: string, roles: unknown[]) => createUser(app, email, roles);
    const annToken = await as('ann@roles.example.org', [{ kind: 'worker', workerId: ann }]);
    const manager = await as('jo@roles.example.org', [
      { kind: 'line-manager', organisationId: 'org-a', workerIds: [ann] },
    ]);
    for (const token of [annToken, manager])
      expect(
        (await ok(app, token, 'GET', '/api/organisations/org-a/roles')).roles.map((r: { id: string }) => r.id),
      ).toEqual(['a-carer', 'a-cook', 'a-manager']);
    const refused = [
      [annToken, 'org-b'],
      [manager, 'org-b'],
      [await as('leo@roles.example.org', [{ kind: 'worker', workerId: leo }]), 'org-a'],
      [await as('bob@roles.example.org', [{ kind: 'worker', workerId: bob }]), 'org-a'],
      // Access before existence: an unknown organisation is refused alike.
      [annToken, 'nowhere'],
    ] as const;
    for (const [token, organisationId] of refused) {
      const denied = await api(app, token, 'GET', `/api/organisations/${organisationId}/roles`);
      expect(denied.status, organisationId).toBe(403);
      expect(denied.text).not.toMatch(/driver|carer/);
    }
  });

  it("a worker of two organisations reads both, each under its name (a role to aim for at either); a third's stay refused", async () => {
    const { id } = await ok(app, admin, 'POST', '/api/workers', {
      name: 'bank',
      identifiers: [{ mbox: 'mailto:bank@roles.example.org' }],
      organisationId: 'org-a',
      joinedOn: '2024-01-01',
    });
    await ok(app, admin, 'POST', `/api/workers/${id}/memberships`, { organisationId: 'org-b', from: '2024-06-01' });
    const bank = await createUser(app, 'bank@roles.example.org', [{ kind: 'worker', workerId: id }]);
    await waitForProjections(app.runtime);
    const read = async (organisationId: string) => {
      const page = await ok(app, bank, 'GET', `/api/organisations/${organisationId}/roles`);
      return [page.organisationName, page.roles.map((r: { id: string }) => r.id)];
    };
    expect(await read('org-a')).toEqual(['Org org-a', ['a-carer', 'a-cook', 'a-manager']]);
    expect(await read('org-b')).toEqual(['Org org-b', ['b-driver']]);
    const denied = await api(app, bank, 'GET', '/api/organisations/org-c/roles');
    expect(denied.status).toBe(403);
    expect(denied.text).not.toContain('Org org-c');
  });

  it('both are documented in OpenAPI', async () => {
    const document = await ok(app, undefined, 'GET', '/api/docs/openapi.json');
    expect(document.paths['/api/organisations']).toHaveProperty('get');
    expect(document.paths['/api/organisations/{id}/roles']).toHaveProperty('get');
  });
});

/**
 * Commands fold the aggregate's stream and append at the revision they read: past ten events a store
 * that read revisions out of order (text order: 0, 1, 10, 2, …) made every later command a 409.
 */
describe('aggregates with more than ten events', () => {
  const LONG = org('org-long');

  beforeAll(async () => {
    await ok(app, admin, 'POST', '/api/organisations', LONG);
  });

  it('an organisation changed 12 times takes every change, and is decided on its latest details', async () => {
    for (let i = 1; i <= 12; i++) {
      const changed = await api(app, admin, 'PUT', '/api/organisations/org-long', { ...LONG, name: `Long ${i}` });
      expect(changed.status, `PUT number ${i}: ${changed.text}`).toBe(200);
      expect(changed.body).toEqual({ id: 'org-long', changed: true });
    }
    expect(await ok(app, admin, 'PUT', '/api/organisations/org-long', { ...LONG, name: 'Long 12' })).toEqual({
      id: 'org-long',
      changed: false,
    });
    expect(await ok(app, admin, 'PUT', '/api/organisations/org-long', { ...LONG, name: 'Long 9' })).toEqual({
      id: 'org-long',
      changed: true,
    });
    const listed = await ok(app, admin, 'GET', '/api/organisations?limit=500');
    expect(listed.organisations.find((o: { id: string }) => o.id === 'org-long').name).toBe('Long 9');
  });

  it("a job role's requirements changed 12 times take every change", async () => {
    await ok(app, admin, 'POST', '/api/roles', { id: 'long-role', organisationId: 'org-long', name: 'long' });
    const stages = ['engaged', 'established', 'accomplished', 'exemplary'];
    for (let i = 1; i <= 12; i++) {
      const requirements = [
        { capabilityId: 'pc.teamwork', stage: stages[i % 4] },
        ...(i % 2 ? [{ capabilityId: 'pc.flexibility', stage: 'engaged' }] : []),
      ];
      const changed = await api(app, admin, 'PUT', '/api/roles/long-role', { name: 'long', requirements });
      expect(changed.status, `PUT number ${i}: ${changed.text}`).toBe(200);
      expect(changed.body).toEqual({ id: 'long-role', changed: true });
      expect((await ok(app, admin, 'GET', '/api/roles/long-role')).requirements, `after PUT number ${i}`).toEqual(
        requirements,
      );
    }
  });

  it('a worker whose roles changed often takes every further command, decided on the current role', async () => {
    for (const id of ['long-a', 'long-b'])
      await ok(app, admin, 'POST', '/api/roles', { id, organisationId: 'org-long', name: id });
    const worker = await ok(app, admin, 'POST', '/api/workers', {
      name: 'Pat',
      identifiers: [{ mbox: 'mailto:pat@org-long.example.org' }],
      organisationId: 'org-long',
      joinedOn: '2020-01-01',
    });
    // Each change of role ends the previous one: two events a time, the stream passes ten events.
    for (let i = 0; i < 7; i++) {
      const assigned = await api(app, admin, 'POST', `/api/workers/${worker.id}/roles`, {
        roleId: i % 2 ? 'long-b' : 'long-a',
        from: `2020-02-${String(i + 1).padStart(2, '0')}`,
      });
      expect(assigned.status, `assignment number ${i + 1}: ${assigned.text}`).toBe(201);
    }
    const again = await api(app, admin, 'POST', `/api/workers/${worker.id}/roles`, {
      roleId: 'long-a',
      from: '2020-03-01',
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already holds this role/);
    const record = await ok(app, admin, 'GET', `/api/workers/${worker.id}`);
    expect(
      record.roles.filter((r: { to: string | null }) => r.to === null).map((r: { roleId: string }) => r.roleId),
    ).toEqual(['long-a']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { api, createUser, ok } from './http-helpers.js';

/** Listing organisations and their job roles: paginated, and only what the viewer may manage. */
let app: TestApp;
let admin: string;
let lead: string;
let evaluator: string;
const org = (id: string) => ({ id, name: `Org ${id}`, sector: 'voluntary', region: 'Fife', serviceType: 'care at home', sizeBand: 'small' });

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  for (const id of ['org-c', 'org-a', 'org-b']) await ok(app, admin, 'POST', '/api/organisations', org(id));
  for (const id of ['cook', 'carer', 'manager']) await ok(app, admin, 'POST', '/api/roles', { id: `a-${id}`, organisationId: 'org-a', name: id, requirements: [{ capabilityId: 'pc.teamwork', stage: 'engaged' }] });
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
    expect(first.organisations[0]).toMatchObject({ name: 'Org org-a', sector: 'voluntary', region: 'Fife', serviceType: 'care at home', sizeBand: 'small' });
    expect(first.organisations[0].registeredAt).toEqual(expect.any(String));
    const second = await ok(app, admin, 'GET', `/api/organisations?limit=2&after=${first.next}`);
    expect(second).toEqual({ organisations: [expect.objectContaining({ id: 'org-c' })], next: null });
  });

  it('a learning lead sees their own organisation only; anyone else is refused with no data', async () => {
    expect((await ok(app, lead, 'GET', '/api/organisations')).organisations.map((o: { id: string }) => o.id)).toEqual(['org-a']);
    const denied = await api(app, evaluator, 'GET', '/api/organisations');
    expect(denied.status).toBe(403);
    expect(denied.text).not.toContain('org-a');
    expect((await api(app, undefined, 'GET', '/api/organisations')).status).toBe(401);
  });

  it('refuses a bad page naming the parameter', async () => {
    const bad = await api(app, admin, 'GET', '/api/organisations?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('limit: must be a whole number from 1 to 500');
    expect((await api(app, admin, 'GET', '/api/organisations?after=nonsense')).body.message).toMatch(/^after: must be a cursor/);
  });
});

describe('GET /api/organisations/:id/roles', () => {
  it("the organisation's learning lead pages through its roles with their requirements", async () => {
    const first = await ok(app, lead, 'GET', '/api/organisations/org-a/roles?limit=2');
    expect(first.organisationId).toBe('org-a');
    expect(first.roles.map((r: { id: string }) => r.id)).toEqual(['a-carer', 'a-cook']);
    expect(first.roles[0]).toEqual({ id: 'a-carer', organisationId: 'org-a', name: 'carer', requirements: [{ capabilityId: 'pc.teamwork', stage: 'engaged' }], qualifications: [], training: [] });
    const second = await ok(app, lead, 'GET', `/api/organisations/org-a/roles?limit=2&after=${first.next}`);
    expect(second.roles.map((r: { id: string }) => r.id)).toEqual(['a-manager']);
    expect(second.next).toBeNull();
  });

  it('another organisation’s roles are refused with no data; an unknown organisation is a 404 for an admin', async () => {
    const denied = await api(app, lead, 'GET', '/api/organisations/org-b/roles');
    expect(denied.status).toBe(403);
    expect(denied.text).not.toContain('driver');
    expect((await api(app, evaluator, 'GET', '/api/organisations/org-a/roles')).status).toBe(403);
    expect((await ok(app, admin, 'GET', '/api/organisations/org-b/roles')).roles.map((r: { id: string }) => r.id)).toEqual(['b-driver']);
    const missing = await api(app, admin, 'GET', '/api/organisations/nowhere/roles');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('id: no organisation "nowhere" is registered');
  });

  it('both are documented in OpenAPI', async () => {
    const document = await ok(app, undefined, 'GET', '/api/docs/openapi.json');
    expect(document.paths['/api/organisations']).toHaveProperty('get');
    expect(document.paths['/api/organisations/{id}/roles']).toHaveProperty('get');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';
import { api, createUser, ok } from '../../../../../test/support/http-api.js';
import { registerOrganisation } from '../../../../../test/support/organisations.js';
import { expectProblem, withoutInstance } from '../../../../../test/support/problem.js';

/**
 * A learning lead manages their organisation's LRS clients without ADMIN_TOKEN; nobody else can, and
 * nothing tells an outsider whether an organisation or a client exists.
 */
let app: TestApp;
let leadA: string;
let leadB: string;
let workerA: string;
let managerA: string;

const clientsOf = (organisationId: string) => `/api/organisations/${organisationId}/lrs-clients`;

beforeAll(async () => {
  app = await startTestApp();
  await registerOrganisation(app, 'org-a');
  await registerOrganisation(app, 'org-b');
  leadA = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadB = await createUser(app, 'lead@b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
  const { id: workerId } = await ok(app, leadA, 'POST', '/api/workers', {
    name: 'Ava',
    identifiers: [{ mbox: 'mailto:ava@a.example.org' }],
    organisationId: 'org-a',
  });
  workerA = await createUser(app, 'ava@a.example.org', [{ kind: 'worker', workerId }]);
  managerA = await createUser(app, 'manager@a.example.org', [
    { kind: 'line-manager', organisationId: 'org-a', workerIds: [workerId] },
  ]);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

async function sendStatement(key: string, secret: string): Promise<number> {
  const response = await fetch(`${app.baseUrl}/xapi/statements`, {
    method: 'POST',
    headers: {
      authorization: basic(key, secret),
      'x-experience-api-version': '1.0.3',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      actor: { mbox: 'mailto:ava@a.example.org' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: 'http://example.org/course/1' },
    }),
  });
  await response.text();
  return response.status;
}

describe("a learning lead and their organisation's LRS clients", () => {
  it('creates one (key and secret once), lists it without the secret, revokes it, and then it cannot send statements', async () => {
    const created = await api(app, leadA, 'POST', clientsOf('org-a'), { name: 'Moodle', scopes: ['statements/write'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Moodle',
      organisationId: 'org-a',
      scopes: ['statements/write'],
      revokedAt: null,
    });
    expect(created.body.secret).toEqual(expect.any(String));
    expect(await sendStatement(created.body.key, created.body.secret)).toBe(200);

    const listed = await ok(app, leadA, 'GET', clientsOf('org-a'));
    expect(listed.organisationId).toBe('org-a');
    expect(listed.next).toBeNull();
    const shown = listed.clients.find((c: { id: string }) => c.id === created.body.id);
    const { secret: _secret, ...withoutSecret } = created.body;
    expect(shown).toEqual(withoutSecret);
    expect(JSON.stringify(listed)).not.toContain(created.body.secret);

    expect((await api(app, leadA, 'DELETE', `${clientsOf('org-a')}/${created.body.id}`)).status).toBe(204);
    // As the admin route: revoking again is a 204 that changes nothing.
    expect((await api(app, leadA, 'DELETE', `${clientsOf('org-a')}/${created.body.id}`)).status).toBe(204);
    expect(await sendStatement(created.body.key, created.body.secret)).toBe(401);
    const after = await ok(app, leadA, 'GET', clientsOf('org-a'));
    expect(after.clients.find((c: { id: string }) => c.id === created.body.id).revokedAt).toEqual(expect.any(String));
  });

  it('pages the list oldest first with ?limit and ?after, every client once', async () => {
    for (const name of ['Page one', 'Page two', 'Page three']) {
      await ok(app, leadB, 'POST', clientsOf('org-b'), { name });
    }
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: { clients: { name: string }[]; next: string | null } = await ok(
        app,
        leadB,
        'GET',
        `${clientsOf('org-b')}?limit=2${next ? `&after=${next}` : ''}`,
      );
      expect(page.clients.length).toBeLessThanOrEqual(2);
      seen.push(...page.clients.map((c) => c.name));
      next = page.next;
    } while (next);
    expect(seen).toEqual(['Page one', 'Page two', 'Page three']);
  });

  it('refuses a body property it does not take (organisationId comes from the path), naming it', async () => {
    const answer = await api(app, leadA, 'POST', clientsOf('org-a'), { name: 'Sneaky', organisationId: 'org-b' });
    expect(answer.status).toBe(400);
    expect(answer.body.field).toBe('organisationId');
    const clientsOfB = await ok(app, app.adminToken, 'GET', clientsOf('org-b'));
    expect(clientsOfB.clients.map((c: { name: string }) => c.name)).not.toContain('Sneaky');
  });

  it('refuses a broken name or scope, and a bad page, naming the property', async () => {
    expectProblem(await api(app, leadA, 'POST', clientsOf('org-a'), { scopes: ['all'] }), {
      status: 400,
      detail: 'name: is required',
      field: 'name',
    });
    expectProblem(await api(app, leadA, 'POST', clientsOf('org-a'), { name: 'X', scopes: ['all', 'admin'] }), {
      status: 400,
      detail: /^scopes\[1\]: must be one of .* \(got "admin"\)$/,
      field: 'scopes[1]',
    });
    expectProblem(await api(app, leadA, 'POST', clientsOf('org-a'), { name: ' ', scopes: [] }), {
      status: 400,
      detail: /^name: must not be blank; scopes: must not be empty/,
      field: 'name',
    });
    expectProblem(await api(app, leadA, 'GET', `${clientsOf('org-a')}?limit=0`), { status: 400, field: 'limit' });
    expectProblem(await api(app, leadA, 'GET', `${clientsOf('org-a')}?after=forged`), { status: 400, field: 'after' });
  });

  it('lets a platform admin manage any registered organisation, and says 404 for one that is not', async () => {
    const created = await ok(app, app.adminToken, 'POST', clientsOf('org-a'), { name: 'By the admin' });
    expect(created.organisationId).toBe('org-a');
    expect((await api(app, app.adminToken, 'GET', clientsOf('org-nowhere'))).status).toBe(404);
  });
});

describe('anyone else', () => {
  let clientOfA: { id: string; key: string; secret: string };
  beforeAll(async () => {
    clientOfA = await ok(app, leadA, 'POST', clientsOf('org-a'), { name: 'Kept' });
  });

  it("another organisation's lead, a worker and a line manager get the same 403 for a real and an unknown organisation", async () => {
    for (const token of [leadB, workerA, managerA]) {
      const real = [
        await api(app, token, 'GET', clientsOf('org-a')),
        await api(app, token, 'POST', clientsOf('org-a'), { name: 'Intruder' }),
        await api(app, token, 'DELETE', `${clientsOf('org-a')}/${clientOfA.id}`),
      ];
      const unknown = [
        await api(app, token, 'GET', clientsOf('org-nowhere')),
        await api(app, token, 'POST', clientsOf('org-nowhere'), { name: 'Intruder' }),
        await api(app, token, 'DELETE', `${clientsOf('org-nowhere')}/${clientOfA.id}`),
      ];
      expect(real.map((r) => r.status)).toEqual([403, 403, 403]);
      expect(unknown.map((r) => withoutInstance(r.body))).toEqual(real.map((r) => withoutInstance(r.body)));
    }
    expect(await sendStatement(clientOfA.key, clientOfA.secret)).toBe(200);
    const names = (await ok(app, leadA, 'GET', clientsOf('org-a'))).clients.map((c: { name: string }) => c.name);
    expect(names).not.toContain('Intruder');
  });

  it("a lead revoking another organisation's client through their own gets the 404 of an unknown id, and it keeps working", async () => {
    const other = await api(app, leadB, 'DELETE', `${clientsOf('org-b')}/${clientOfA.id}`);
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const unknown = await api(app, leadB, 'DELETE', `${clientsOf('org-b')}/${unknownId}`);
    expect(other.status).toBe(404);
    expect(other.body.detail.replace(clientOfA.id, unknownId)).toBe(unknown.body.detail);
    expect(await sendStatement(clientOfA.key, clientOfA.secret)).toBe(200);
  });

  it('without signing in is a 401', async () => {
    expect((await api(app, undefined, 'GET', clientsOf('org-a'))).status).toBe(401);
  });
});

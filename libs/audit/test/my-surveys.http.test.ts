import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationalCapabilities } from '#libs/framework';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import { api, createUser, ok } from '../../../test/support/http-api.js';
import { registerOrganisation } from '../../../test/support/organisations.js';

/** GET /api/me/surveys: the open staff surveys a signed-in worker may answer, and whether they did. */
let app: TestApp;
let leadA: string;
let leadB: string;
const answers = organisationalCapabilities[0]!.stages[0]!.workerIndicators.map((i) => ({
  indicatorId: i.id,
  agreement: 4,
}));

/** A worker of the organisation, and the token of a user signed in as them. */
async function workerOf(organisationId: string, name: string): Promise<{ id: string; token: string }> {
  const email = `${name}@${organisationId}.example.org`;
  const { id } = await ok(app, app.adminToken, 'POST', '/api/workers', {
    name,
    identifiers: [{ mbox: `mailto:${email}` }],
    organisationId,
    joinedOn: '2020-01-01',
  });
  return { id, token: await createUser(app, email, [{ kind: 'worker', workerId: id }]) };
}

const surveysOf = async (token: string) => {
  const response = await api(app, token, 'GET', '/api/me/surveys');
  expect(response.status, response.text).toBe(200);
  return response.body.surveys as {
    organisationId: string;
    organisationName: string;
    auditId: string;
    startedOn: string;
    answered: boolean;
  }[];
};

beforeAll(async () => {
  app = await startTestApp();
  for (const id of ['org-a', 'org-b']) await registerOrganisation(app, id);
  leadA = await createUser(app, 'lead@org-a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadB = await createUser(app, 'lead@org-b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('GET /api/me/surveys', () => {
  it("lists the open survey of the worker's organisation, not another's; answered once they answer; gone once completed", async () => {
    const ann = await workerOf('org-a', 'ann');
    const auditA = (await ok(app, leadA, 'POST', '/api/organisations/org-a/audits', { startedOn: '2026-01-05' })).id;
    const auditB = (await ok(app, leadB, 'POST', '/api/organisations/org-b/audits', { startedOn: '2026-01-06' })).id;

    expect(await surveysOf(ann.token)).toEqual([
      {
        organisationId: 'org-a',
        organisationName: 'Organisation org-a',
        auditId: auditA,
        startedOn: '2026-01-05',
        answered: false,
      },
    ]);
    expect(JSON.stringify(await surveysOf(ann.token))).not.toContain(auditB);

    await ok(app, ann.token, 'POST', `/api/organisations/org-a/audits/${auditA}/survey-responses`, { answers });
    expect(await surveysOf(ann.token)).toEqual([
      {
        organisationId: 'org-a',
        organisationName: 'Organisation org-a',
        auditId: auditA,
        startedOn: '2026-01-05',
        answered: true,
      },
    ]);

    await ok(app, leadA, 'POST', `/api/organisations/org-a/audits/${auditA}/complete`, { completedOn: '2026-02-01' });
    await waitForProjections(app.runtime);
    expect(await surveysOf(ann.token)).toEqual([]);
    await ok(app, leadB, 'POST', `/api/organisations/org-b/audits/${auditB}/complete`, { completedOn: '2026-02-01' });
  });

  it('offers a leaver nothing (their answer would be refused), and a worker of two organisations both', async () => {
    const leaver = await workerOf('org-a', 'leo');
    const both = await workerOf('org-a', 'bea');
    await ok(app, app.adminToken, 'POST', `/api/workers/${both.id}/memberships`, { organisationId: 'org-b' });
    const auditA = (await ok(app, leadA, 'POST', '/api/organisations/org-a/audits', { startedOn: '2026-03-01' })).id;
    const auditB = (await ok(app, leadB, 'POST', '/api/organisations/org-b/audits', { startedOn: '2026-03-02' })).id;
    expect((await surveysOf(leaver.token)).map((s) => s.auditId)).toEqual([auditA]);

    await ok(app, leadA, 'POST', `/api/workers/${leaver.id}/memberships/end`, { organisationId: 'org-a' });
    expect(await surveysOf(leaver.token)).toEqual([]);
    const refused = await api(app, leaver.token, 'POST', `/api/organisations/org-a/audits/${auditA}/survey-responses`, {
      answers,
    });
    expect(refused.status).toBe(404);

    expect((await surveysOf(both.token)).map((s) => s.auditId).sort()).toEqual([auditA, auditB].sort());
  });

  it('is refused to a signed-in user who is no worker, and says nothing of anyone else', async () => {
    const denied = await api(app, leadA, 'GET', '/api/me/surveys');
    expect(denied.status).toBe(403);
    expect(denied.text).toMatch(/worker/);
    expect((await api(app, undefined, 'GET', '/api/me/surveys')).status).toBe(401);
    const ann = await workerOf('org-a', 'ann2');
    const response = await api(app, ann.token, 'GET', '/api/me/surveys');
    expect(response.headers.get('cache-control')).toContain('no-store');
    // No worker id, user id, time or answer: only the cycles and this worker's own yes/no.
    for (const survey of response.body.surveys)
      expect(Object.keys(survey).sort()).toEqual([
        'answered',
        'auditId',
        'organisationId',
        'organisationName',
        'startedOn',
      ]);
    expect(response.text).not.toContain(ann.id);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await ok(app, undefined, 'GET', '/api/docs/openapi.json');
    const operation = doc.paths['/api/me/surveys'].get;
    expect(operation.responses['200'].content['application/json'].schema.properties.surveys.items.required).toEqual([
      'organisationId',
      'organisationName',
      'auditId',
      'startedOn',
      'answered',
    ]);
  });
});

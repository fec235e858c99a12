import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import { REJECTIONS_KEPT_PER_CLIENT } from '../src/clf-conformance/clf-rejections.projection.js';
import { api, createUser, ok } from '../../../test/support/http-api.js';

/**
 * An LMS is told when its CLF statements count for nothing: before sending (POST /xapi/profiles/clf/validate)
 * and after (its own rejections at /xapi/profiles/clf/rejections; every client of an organisation for its
 * learning lead at /api/organisations/:id/clf-rejections). The statements are still stored.
 */
const clf = 'https://w3id.org/xapi/clf';
const mary = { objectType: 'Agent', name: 'Mary', mbox: 'mailto:mary@org-a.example.org' };

const demonstrated = (indicatorPath: string, result: object = { success: true }) => ({
  id: randomUUID(),
  actor: mary,
  verb: { id: `${clf}/verbs/demonstrated`, display: { en: 'demonstrated' } },
  object: {
    objectType: 'Activity',
    id: `${clf}/indicators/${indicatorPath}`,
    definition: { type: `${clf}/activity-types/indicator` },
  },
  result,
  context: { contextActivities: { category: [{ id: `${clf}/v1.1` }] } },
  timestamp: '2026-02-03T10:00:00Z',
});
const unknownIndicator = () => demonstrated('flexibility/engaged/99');
const withoutSuccess = () => demonstrated('flexibility/engaged/1', { completion: true });
const scorm = () => ({
  id: randomUUID(),
  actor: mary,
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { id: 'https://lms.example.org/scorm/1' },
});

interface Client {
  key: string;
  secret: string;
}

let app: TestApp;
let clientA1: Client;
let clientA2: Client;
let clientB: Client;
let leadA: string;
let leadB: string;
let worker: string;

const basic = (c: Client) => `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString('base64')}`;

async function xapi(
  client: Client | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: {
      ...(client ? { authorization: basic(client) } : {}),
      'x-experience-api-version': '2.0.0',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function send(client: Client, statements: unknown[]): Promise<void> {
  const response = await xapi(client, 'POST', '/xapi/statements', statements);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function createClient(organisationId: string): Promise<Client> {
  const created = await ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
    name: `LMS of ${organisationId}`,
    organisationId,
    scopes: ['statements/write', 'statements/read'],
  });
  return { key: created.key, secret: created.secret };
}

/** Every rejection of a list, following `next`. */
async function allPages(
  read: (after?: string) => Promise<{ rejections: { statementId: string }[]; next: string | null }>,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await read(after);
    ids.push(...page.rejections.map((r) => r.statementId));
    after = page.next ?? undefined;
  } while (after);
  return ids;
}

beforeAll(async () => {
  // In-process jobs: on a shared Redis another test process's worker could take this file's rebuild job.
  app = await startTestApp({ env: { REDIS_URL: '' } });
  for (const id of ['org-a', 'org-b']) {
    await ok(app, app.adminToken, 'POST', '/api/organisations', {
      id,
      name: `Org ${id}`,
      sector: 'voluntary',
      region: 'Fife',
      serviceType: 'care at home',
      sizeBand: 'small',
    });
  }
  clientA1 = await createClient('org-a');
  clientA2 = await createClient('org-a');
  clientB = await createClient('org-b');
  leadA = await createUser(app, 'lead@org-a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadB = await createUser(app, 'lead@org-b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
  const { id: workerId } = await ok(app, app.adminToken, 'POST', '/api/workers', {
    name: 'Mary',
    identifiers: [{ mbox: mary.mbox }],
    organisationId: 'org-a',
    joinedOn: '2020-01-01',
  });
  worker = await createUser(app, 'mary@org-a.example.org', [{ kind: 'worker', workerId }]);
});

afterAll(async () => {
  await app?.close();
});

describe('POST /xapi/profiles/clf/validate', () => {
  it('says per statement which template matched, whether it counts, and which rule it breaks; stores nothing', async () => {
    const head = await app.runtime.store.headPosition();
    const valid = demonstrated('flexibility/engaged/1');
    const response = await xapi(clientA1, 'POST', '/xapi/profiles/clf/validate', [
      valid,
      unknownIndicator(),
      withoutSuccess(),
      scorm(),
      { verb: valid.verb, object: valid.object },
    ]);
    expect(response.status).toBe(200);
    const [ok1, unknown, noSuccess, plain, notXapi] = response.body.results;
    expect(ok1).toMatchObject({
      index: 0,
      statementId: valid.id,
      outcome: 'recognised',
      recognisedAs: 'indicator-evidenced',
      templates: { matched: [`${clf}/templates/indicator-evidence`], broken: [] },
      xapi: { valid: true, problems: [] },
    });
    expect(unknown).toMatchObject({
      index: 1,
      outcome: 'not-recognised',
      reason: `${clf}/indicators/flexibility/engaged/99 is not an indicator of the catalogue`,
      templates: { matched: [`${clf}/templates/indicator-evidence`], broken: [] },
    });
    expect(noSuccess).toMatchObject({
      index: 2,
      outcome: 'not-recognised',
      reason: 'result.success must be true or false',
      templates: {
        broken: [
          {
            template: `${clf}/templates/indicator-evidence`,
            location: '$.result.success',
            problem: 'is required (presence: included)',
            rule: { presence: 'included', any: [true, false] },
          },
        ],
      },
    });
    expect(plain).toMatchObject({ index: 3, outcome: 'not-clf', clfVocabulary: [], xapi: { valid: true } });
    expect(notXapi).toMatchObject({
      index: 4,
      outcome: 'not-recognised',
      xapi: { valid: false, problems: [expect.stringMatching(/^statement\.actor: /)] },
    });
    expect(await app.runtime.store.headPosition()).toEqual(head);
  });

  it('takes a single statement; a statement without a timestamp is recognised as the LRS will store it, and the rule is named', async () => {
    const { timestamp: _omitted, ...untimed } = demonstrated('flexibility/engaged/1');
    const response = await xapi(clientB, 'POST', '/xapi/profiles/clf/validate', untimed);
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      expect.objectContaining({
        index: 0,
        outcome: 'recognised',
        templates: expect.objectContaining({
          broken: [expect.objectContaining({ location: '$.timestamp', problem: 'is required (presence: included)' })],
        }),
      }),
    ]);
  });

  it('refuses what it cannot read, as the LRS does', async () => {
    expect((await xapi(undefined, 'POST', '/xapi/profiles/clf/validate', [scorm()])).status).toBe(401);
    expect(
      (await xapi({ key: clientA1.key, secret: 'wrong' }, 'POST', '/xapi/profiles/clf/validate', [scorm()])).status,
    ).toBe(401);
    const noVersion = await fetch(`${app.baseUrl}/xapi/profiles/clf/validate`, {
      method: 'POST',
      headers: { authorization: basic(clientA1), 'content-type': 'application/json' },
      body: '[]',
    });
    expect(noVersion.status).toBe(400);
    const cases: [unknown, Record<string, string>, RegExp][] = [
      [[], {}, /^request body: the array of statements is empty$/],
      ['42', {}, /^request body: must be a statement \(an object\) or an array of statements$/],
      [
        JSON.stringify(scorm()),
        { 'content-type': 'text/plain' },
        /^Content-Type: send the statements as application\/json/,
      ],
      [Array.from({ length: 1001 }, scorm), {}, /^request body: at most 1000 statements per request \(got 1001\)$/],
    ];
    for (const [body, headers, message] of cases) {
      const response = await xapi(clientA1, 'POST', '/xapi/profiles/clf/validate', body, headers);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
  });
});

describe('rejections: the CLF statements that counted for nothing', () => {
  let sentA1: string[];

  beforeAll(async () => {
    const statements = [unknownIndicator(), demonstrated('flexibility/engaged/1'), scorm(), withoutSuccess()];
    await send(clientA1, statements);
    await send(clientB, [unknownIndicator()]);
    await waitForProjections(app.runtime);
    sentA1 = [statements[3]!.id, statements[0]!.id];
  });

  it('are stored anyway, and the client reads its own, newest first, with the reasons', async () => {
    const stored = await xapi(clientA1, 'GET', `/xapi/statements?statementId=${sentA1[1]}`);
    expect(stored.status).toBe(200);
    const own = await xapi(clientA1, 'GET', '/xapi/profiles/clf/rejections');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ keptPerClient: REJECTIONS_KEPT_PER_CLIENT, next: null });
    expect(own.body.rejections.map((r: { statementId: string }) => r.statementId)).toEqual(sentA1);
    expect(own.body.rejections[0]).toMatchObject({
      client: clientA1.key,
      verb: `${clf}/verbs/demonstrated`,
      objectId: `${clf}/indicators/flexibility/engaged/1`,
      reason: 'result.success must be true or false',
    });
    expect(own.body.rejections[0].templates.broken[0]).toMatchObject({ location: '$.result.success' });
    expect(own.body.rejections[1]).toMatchObject({
      reason: `${clf}/indicators/flexibility/engaged/99 is not an indicator of the catalogue`,
      stored: expect.any(String),
    });
  });

  it("never another client's, in its organisation or another", async () => {
    expect((await xapi(clientA2, 'GET', '/xapi/profiles/clf/rejections')).body.rejections).toEqual([]);
    const b = (await xapi(clientB, 'GET', '/xapi/profiles/clf/rejections')).body.rejections;
    expect(b).toHaveLength(1);
    expect(b[0].client).toBe(clientB.key);
  });

  it("the organisation's learning lead reads every client's of the organisation; others are refused with no data", async () => {
    await send(clientA2, [unknownIndicator()]);
    await waitForProjections(app.runtime);
    const all = await ok(app, leadA, 'GET', '/api/organisations/org-a/clf-rejections');
    expect(all.rejections.map((r: { client: string }) => r.client)).toEqual([clientA2.key, clientA1.key, clientA1.key]);
    const one = await ok(app, leadA, 'GET', `/api/organisations/org-a/clf-rejections?client=${clientA1.key}`);
    expect(one.rejections.map((r: { statementId: string }) => r.statementId)).toEqual(sentA1);
    expect((await ok(app, app.adminToken, 'GET', '/api/organisations/org-a/clf-rejections')).rejections).toHaveLength(
      3,
    );
    for (const token of [leadB, worker]) {
      const denied = await api(app, token, 'GET', '/api/organisations/org-a/clf-rejections');
      expect(denied.status).toBe(403);
      expect(denied.text).not.toContain(clientA1.key);
    }
    expect((await api(app, undefined, 'GET', '/api/organisations/org-a/clf-rejections')).status).toBe(401);
    expect((await api(app, app.adminToken, 'GET', '/api/organisations/no-such-org/clf-rejections')).status).toBe(404);
  });

  it('pages, and refuses bad parameters naming them', async () => {
    const first = await xapi(clientA1, 'GET', '/xapi/profiles/clf/rejections?limit=1');
    expect(first.body.rejections.map((r: { statementId: string }) => r.statementId)).toEqual([sentA1[0]]);
    const second = await xapi(clientA1, 'GET', `/xapi/profiles/clf/rejections?limit=1&after=${first.body.next}`);
    expect(second.body).toMatchObject({ rejections: [{ statementId: sentA1[1] }], next: null });
    const bad: [string, string][] = [
      ['limit=0', `limit parameter: must be a whole number from 1 to ${REJECTIONS_KEPT_PER_CLIENT}`],
      // Decimal digits only: Number() would read these as 100 and 16.
      ['limit=1e2', `limit parameter: must be a whole number from 1 to ${REJECTIONS_KEPT_PER_CLIENT}`],
      ['limit=0x10', `limit parameter: must be a whole number from 1 to ${REJECTIONS_KEPT_PER_CLIENT}`],
      ['after=nonsense', "after parameter: must be a cursor from a previous page's next"],
      ['client=x', 'client parameter: not a parameter of this resource (limit, after)'],
    ];
    for (const [query, message] of bad) {
      const response = await xapi(clientA1, 'GET', `/xapi/profiles/clf/rejections?${query}`);
      expect(response).toEqual({ status: 400, body: { error: { status: 400, message } } });
    }
    const apiBad = await api(app, leadA, 'GET', '/api/organisations/org-a/clf-rejections?limit=abc');
    expect(apiBad.status).toBe(400);
    expect(apiBad.body).toMatchObject({ field: 'limit' });
  });

  it(`keeps the ${REJECTIONS_KEPT_PER_CLIENT} most recent per client, across batches, and a rebuild gives the same`, async () => {
    const many = Array.from({ length: REJECTIONS_KEPT_PER_CLIENT + 7 }, unknownIndicator);
    await send(clientB, many.slice(0, 60));
    await send(clientB, many.slice(60));
    await waitForProjections(app.runtime);
    const read = (after?: string) =>
      xapi(clientB, 'GET', `/xapi/profiles/clf/rejections?limit=30${after ? `&after=${after}` : ''}`).then(
        (r) => r.body,
      );
    const kept = await allPages(read);
    expect(kept).toEqual(
      many
        .slice(-REJECTIONS_KEPT_PER_CLIENT)
        .map((s) => s.id)
        .reverse(),
    );
    // Another client's are not trimmed by this one's.
    expect(
      await allPages((after) =>
        xapi(clientA1, 'GET', `/xapi/profiles/clf/rejections${after ? `?after=${after}` : ''}`).then((r) => r.body),
      ),
    ).toEqual(sentA1);

    const before = await ok(app, app.adminToken, 'GET', '/api/organisations/org-b/clf-rejections?limit=100');
    const job = await ok(app, app.adminToken, 'POST', '/api/admin/projections/clf-rejections/rebuild');
    let info: { state: string } = { state: '' };
    for (let i = 0; i < 200 && info.state !== 'completed' && info.state !== 'failed'; i++) {
      info = await ok(app, app.adminToken, 'GET', `/api/admin/jobs/${job.id}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(info, JSON.stringify(info)).toMatchObject({ state: 'completed' });
    expect(await ok(app, app.adminToken, 'GET', '/api/organisations/org-b/clf-rejections?limit=100')).toEqual(before);
  });
});

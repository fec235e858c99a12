import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, ok } from '../support/http-api.js';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { registerOrganisation } from '../support/organisations.js';
import { writesSnapshot } from '../support/writes.js';

/**
 * An outsider's attack on the routes added this session (organisation LRS clients, my surveys, workers
 * from statements) and the RFC 9457 error filter: organisation B's lead against A's routes and ids,
 * hostile bodies, paging and parallel double submits. Any 5xx, leak of B's data or partial write fails.
 */
let app: TestApp;
let leadA: string;
let leadB: string;
let clientB: string;
const statementWorkers: Record<'a' | 'b', string[]> = { a: [], b: [] };

const basic = (client: { key: string; secret: string }) =>
  `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`;

/** One statement about a new actor from an organisation's own LRS client: it registers a statement worker. */
async function sendAboutNewActor(authorization: string, email: string): Promise<void> {
  const response = await fetch(`${app.baseUrl}/xapi/statements`, {
    method: 'POST',
    headers: { authorization, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    body: JSON.stringify({
      actor: { objectType: 'Agent', mbox: `mailto:${email}` },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } },
      object: { objectType: 'Activity', id: `urn:uuid:${randomUUID()}` },
      timestamp: new Date().toISOString(),
    }),
  });
  expect(response.status, await response.text()).toBeLessThan(300);
}

async function listAll(token: string, org: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 20; page++) {
    const query = `limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const body = await ok(app, token, 'GET', `/api/organisations/${org}/workers-from-statements?${query}`);
    ids.push(...body.workers.map((item: { id: string }) => item.id));
    if (!body.next) break;
    after = body.next;
  }
  return ids;
}

async function logHead(): Promise<string> {
  const { rows } = await app.runtime.pool.query('select coalesce(max(global_position), -1)::text as head from events');
  return rows[0].head;
}

/** The types appended to the log after `head`, sorted (a double submit must append one decision's events). */
async function eventTypesSince(head: string): Promise<string[]> {
  const { rows } = await app.runtime.pool.query<{ type: string }>(
    'select type from events where global_position > $1 order by type',
    [head],
  );
  return rows.map((row) => row.type);
}

beforeAll(async () => {
  app = await startTestApp();
  await registerOrganisation(app, 'org-a');
  await registerOrganisation(app, 'org-b');
  leadA = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadB = await createUser(app, 'lead@b.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
  const a = await ok(app, leadA, 'POST', '/api/organisations/org-a/lrs-clients', { name: 'LMS A', scopes: ['all'] });
  const b = await ok(app, leadB, 'POST', '/api/organisations/org-b/lrs-clients', { name: 'LMS B', scopes: ['all'] });
  clientB = b.id;
  for (let i = 0; i < 5; i++) await sendAboutNewActor(basic(a), `new${i}@a.example.org`);
  for (let i = 0; i < 2; i++) await sendAboutNewActor(basic(b), `new${i}@b.example.org`);
  await waitForProjections(app.runtime);
  statementWorkers.a = await listAll(leadA, 'org-a', 500);
  statementWorkers.b = await listAll(leadB, 'org-b', 500);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe("organisation B's lead against A's routes", () => {
  it('is refused alike for A and for an unknown organisation, and sees none of A', async () => {
    expect(statementWorkers.a).toHaveLength(5);
    expect(statementWorkers.b).toHaveLength(2);
    for (const path of [
      '/api/organisations/org-a/lrs-clients',
      '/api/organisations/org-a/workers-from-statements',
      '/api/organisations/no-such-org/workers-from-statements',
    ]) {
      const answer = await api(app, leadB, 'GET', path);
      expect(answer.status, `${path}: ${answer.text}`).toBe(403);
      expect(answer.text).not.toContain('a.example.org');
    }
    const before = await writesSnapshot(app.runtime.pool);
    for (const action of ['confirm', 'reject']) {
      const answer = await api(
        app,
        leadB,
        'POST',
        `/api/organisations/org-a/workers-from-statements/${statementWorkers.a[0]}/${action}`,
        {},
      );
      expect(answer.status, answer.text).toBe(403);
    }
    const merge = await api(
      app,
      leadB,
      'POST',
      `/api/organisations/org-a/workers-from-statements/${statementWorkers.a[0]}/merge`,
      {
        intoWorkerId: statementWorkers.b[0],
      },
    );
    expect(merge.status, merge.text).toBe(403);
    const remove = await api(app, leadB, 'DELETE', `/api/organisations/org-a/lrs-clients/${clientB}`);
    expect(remove.status, remove.text).toBe(403);
    expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
  });

  it("refuses A's lead acting on B's workers and B's client through A's own paths, writing nothing", async () => {
    const before = await writesSnapshot(app.runtime.pool);
    for (const action of ['confirm', 'reject']) {
      const answer = await api(
        app,
        leadA,
        'POST',
        `/api/organisations/org-a/workers-from-statements/${statementWorkers.b[0]}/${action}`,
      );
      expect([404, 409], `${action}: ${answer.text}`).toContain(answer.status);
      expect(answer.text).not.toContain('b.example.org');
    }
    const merge = await api(
      app,
      leadA,
      'POST',
      `/api/organisations/org-a/workers-from-statements/${statementWorkers.a[0]}/merge`,
      {
        intoWorkerId: statementWorkers.b[0],
      },
    );
    expect([404, 409], merge.text).toContain(merge.status);
    const remove = await api(app, leadA, 'DELETE', `/api/organisations/org-a/lrs-clients/${clientB}`);
    expect(remove.status, remove.text).toBe(404);
    expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
    expect(
      (await ok(app, leadB, 'GET', '/api/organisations/org-b/lrs-clients')).clients.map((c: any) => c.id),
    ).toContain(clientB);
  });
});

describe('hostile input to the new routes', () => {
  const raw = (method: string, path: string, body: string | Buffer, token = leadA) =>
    fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });

  it('answers malformed, NUL, invalid UTF-8, huge, deep and array bodies with a 4xx problem', async () => {
    const deep = '['.repeat(200) + ']'.repeat(200);
    const deepObject = '{"a":'.repeat(200) + '1' + '}'.repeat(200);
    const bodies: (string | Buffer)[] = [
      '{"name":',
      JSON.stringify({ name: 'a\u0000b', scopes: ['all'] }),
      Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
      deep,
      deepObject,
      '[]',
      '[{"name":"x"}]',
      'null',
      '"name"',
    ];
    const w = statementWorkers.a[4];
    const paths: [string, string][] = [
      ['POST', '/api/organisations/org-a/lrs-clients'],
      ['POST', `/api/organisations/org-a/workers-from-statements/${w}/confirm`],
      ['POST', `/api/organisations/org-a/workers-from-statements/${w}/reject`],
      ['POST', `/api/organisations/org-a/workers-from-statements/${w}/merge`],
    ];
    const before = await writesSnapshot(app.runtime.pool);
    const head = await logHead();
    for (const [method, path] of paths) {
      for (const body of bodies) {
        const response = await raw(method, path, body);
        const text = await response.text();
        const label = `${path} ${String(body).slice(0, 40)}: ${response.status} ${text.slice(0, 200)}`;
        // The review body is optional: a 200 is fine on confirm/reject, once (then 409), never elsewhere.
        expect(response.status, label).toBeLessThan(500);
        if (response.status >= 400)
          expect(response.headers.get('content-type'), label).toContain('application/problem+json');
        else expect(path, label).toMatch(/confirm|reject/);
      }
    }
    expect((await writesSnapshot(app.runtime.pool)).lrs_clients, 'no client registered').toBe(before.lrs_clients);
    const types = await eventTypesSince(head);
    expect(
      types.filter((type) => /WorkerFromStatement(Confirmed|Rejected)/.test(type)),
      types.join(),
    ).toHaveLength(types.length === 0 ? 0 : 1);
    expect(
      types.filter((type) => type.endsWith('WorkerMerged')),
      'no merge from a hostile body',
    ).toHaveLength(0);
  });

  it('answers NUL bytes and odd values in path params and paging with a 4xx, never a 5xx', async () => {
    const paths = [
      '/api/organisations/org-a%00/workers-from-statements',
      '/api/organisations/org-a/workers-from-statements/a%00b/confirm',
      '/api/organisations/org-a/lrs-clients/a%00b',
      '/api/organisations/%ff%fe/lrs-clients',
      ...['-1', '0', '501', '1e3', 'NaN', '1.5', '9'.repeat(40), '%00', 'a'].map(
        (limit) => `/api/organisations/org-a/workers-from-statements?limit=${limit}`,
      ),
      ...['%00', 'x'.repeat(5000), '%ff', "'--", 'a&after=b'].map(
        (after) => `/api/organisations/org-a/workers-from-statements?after=${after}`,
      ),
      ...['%00', '-1', '1e3'].map((limit) => `/api/organisations/org-a/lrs-clients?limit=${limit}`),
      '/api/organisations/org-a/lrs-clients?after=%00',
      '/api/me/surveys?limit=%00',
      '/api/me/surveys?after=%00',
    ];
    for (const path of paths) {
      for (const method of path.endsWith('/confirm')
        ? ['POST']
        : path.includes('/lrs-clients/')
          ? ['DELETE', 'GET']
          : ['GET']) {
        const answer = await api(app, leadA, method, path);
        expect(answer.status, `${method} ${path}: ${answer.text}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(500);
      }
    }
  });
});

describe('paging and parallel double submits', () => {
  it('pages over more than one page without loss or repeat', async () => {
    const paged = await listAll(leadA, 'org-a', 2);
    expect(new Set(paged).size).toBe(paged.length);
    expect([...paged].sort()).toEqual([...(await listAll(leadA, 'org-a', 500))].sort());
  });

  it('lets exactly one of confirm and reject at once win, the other 409', async () => {
    const w = statementWorkers.a[0];
    const head = await logHead();
    const answers = await Promise.all(
      ['confirm', 'reject', 'confirm', 'reject'].map((action) =>
        api(app, leadA, 'POST', `/api/organisations/org-a/workers-from-statements/${w}/${action}`, {}),
      ),
    );
    expect(answers.map((a) => a.status).sort(), answers.map((a) => a.text).join('\n')).toEqual([200, 409, 409, 409]);
    const types = await eventTypesSince(head);
    expect(new Set(types).size, types.join()).toBe(types.length);
    expect(
      types.filter((type) => /WorkerFromStatement(Confirmed|Rejected)/.test(type)),
      types.join(),
    ).toHaveLength(1);
  });

  it('lets exactly one of two merges at once win', async () => {
    const [w, into] = [statementWorkers.a[1], statementWorkers.a[2]];
    await ok(app, leadA, 'POST', `/api/organisations/org-a/workers-from-statements/${into}/confirm`, {});
    const head = await logHead();
    const answers = await Promise.all(
      [0, 1, 2].map(() =>
        api(app, leadA, 'POST', `/api/organisations/org-a/workers-from-statements/${w}/merge`, { intoWorkerId: into }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0], answers.map((a) => a.text).join('\n')).toBe(200);
    for (const loser of answers.filter((a) => a.status !== 200)) expect([404, 409], loser.text).toContain(loser.status);
    const types = await eventTypesSince(head);
    expect(new Set(types).size, types.join()).toBe(types.length);
    expect(types).toContain('workforce.WorkerMerged');
  });

  it('deletes a client once when deleted twice at once', async () => {
    const c = await ok(app, leadA, 'POST', '/api/organisations/org-a/lrs-clients', { name: 'twice', scopes: ['all'] });
    const head = await logHead();
    const answers = await Promise.all(
      [0, 1].map(() => api(app, leadA, 'DELETE', `/api/organisations/org-a/lrs-clients/${c.id}`)),
    );
    expect(answers.map((a) => a.status).sort(), answers.map((a) => a.text).join('\n')).toEqual([204, 204]);
    expect((await eventTypesSince(head)).length, 'one revocation event').toBe(1);
  });

  it('refuses merging into itself, into a rejected or merged worker, and reviewing a merged one, writing nothing', async () => {
    const [confirmedOrRejected, merged, into, fresh] = statementWorkers.a;
    const base = `/api/organisations/org-a/workers-from-statements`;
    const rejected = (await api(app, leadA, 'POST', `${base}/${fresh}/reject`, {})).status;
    expect(rejected).toBe(200);
    const head = await logHead();
    const attempts: [string, unknown][] = [
      [`${base}/${statementWorkers.a[3]}/merge`, { intoWorkerId: statementWorkers.a[3] }],
      [`${base}/${statementWorkers.a[3]}/merge`, { intoWorkerId: fresh }],
      [`${base}/${statementWorkers.a[3]}/merge`, { intoWorkerId: merged }],
      [`${base}/${statementWorkers.a[3]}/merge`, { intoWorkerId: ' ' + into }],
      [`${base}/${statementWorkers.a[3]}/merge`, { intoWorkerId: into, extra: 1 }],
      [`${base}/${merged}/confirm`, {}],
      [`${base}/${merged}/merge`, { intoWorkerId: into }],
      [`${base}/${confirmedOrRejected}/merge`, { intoWorkerId: into }],
    ];
    for (const [path, body] of attempts) {
      const answer = await api(app, leadA, 'POST', path, body);
      expect(answer.status, `${path} ${JSON.stringify(body)}: ${answer.text}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${path} ${JSON.stringify(body)}: ${answer.text}`).toBeLessThan(500);
    }
    expect(await eventTypesSince(head)).toEqual([]);
  });

  it("keeps B's statements about an A actor out of A's list and A's workers", async () => {
    const listA = () => ok(app, leadA, 'GET', '/api/organisations/org-a/workers-from-statements?limit=500');
    const before = await listA();
    const bc = await ok(app, leadB, 'POST', '/api/organisations/org-b/lrs-clients', {
      name: 'LMS B2',
      scopes: ['all'],
    });
    await sendAboutNewActor(basic(bc), 'new3@a.example.org');
    await waitForProjections(app.runtime);
    expect(await listA(), 'the record counts of A stay A-only').toEqual(before);
    const b = await ok(app, leadB, 'GET', '/api/organisations/org-b/workers-from-statements');
    expect(JSON.stringify(b)).not.toContain('a.example.org');
  });

  it('answers /api/me/surveys for a lead with no surveys', async () => {
    const answer = await api(app, leadB, 'GET', '/api/me/surveys');
    expect(answer.status, answer.text).toBeLessThan(500);
    expect(answer.text).not.toContain('a.example.org');
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_CLEANUP_JOB, type AttachmentCleanupResult } from '#libs/xapi';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { asSubStatement, postWithAttachment, sha256, statementWith } from '../support/attachments.js';
import { api, createUser, ok, sendStatements } from '../support/http-api.js';
import { registerOrganisation } from '../support/organisations.js';

/**
 * Session 9, an outsider's attack on today's changes only: who reads an organisation's job roles now that
 * its workers and line managers do, the staff list's alphabetical cursor paging, the organisation's name
 * on /api/me/surveys, and access decided before the query or body is read.
 */
let app: TestApp;
const lead: Record<string, string> = {};

/** A worker registered in `organisationId` by the admin, and a token signed in as them. */
async function workerOf(organisationId: string, name: string | undefined, email: string) {
  const { id } = await ok(app, app.adminToken, 'POST', '/api/workers', {
    ...(name === undefined ? {} : { name }),
    identifiers: [{ mbox: `mailto:${email}` }],
    organisationId,
    joinedOn: '2020-01-01',
  });
  return { id: id as string, token: await createUser(app, email, [{ kind: 'worker', workerId: id }]) };
}

const cursorOf = (...parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

beforeAll(async () => {
  app = await startTestApp();
  for (const [id, name] of [
    ['org-a', 'Alpha Care'],
    ['org-b', 'Bravo Homes'],
  ]) {
    await registerOrganisation(app, id, { name });
    await ok(app, app.adminToken, 'POST', '/api/roles', {
      id: `${id}-carer`,
      organisationId: id,
      name: `${name} carer`,
      requirements: [],
    });
    lead[id] = await createUser(app, `lead@${id}.attack9.example.org`, [{ kind: 'learning-lead', organisationId: id }]);
  }
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('GET /api/organisations/:id/roles', () => {
  it('answers its lead, line managers and current workers; refuses leavers and everyone else alike, an unknown id too', async () => {
    const ann = await workerOf('org-a', 'Ann', 'ann@a.attack9.example.org');
    const bea = await workerOf('org-b', 'Bea', 'bea@b.attack9.example.org');
    const both = await workerOf('org-a', 'Both', 'both@attack9.example.org');
    await ok(app, app.adminToken, 'POST', `/api/workers/${both.id}/memberships`, {
      organisationId: 'org-b',
      from: '2021-01-01',
    });
    const leaver = await workerOf('org-a', 'Leo', 'leo@a.attack9.example.org');
    await ok(app, app.adminToken, 'POST', `/api/workers/${leaver.id}/memberships/end`, {
      organisationId: 'org-a',
      to: '2022-01-01',
    });
    const managerA = await createUser(app, 'manager@a.attack9.example.org', [
      { kind: 'line-manager', organisationId: 'org-a', workerIds: [ann.id] },
    ]);
    await waitForProjections(app.runtime);

    const read = (token: string, id: string) => api(app, token, 'GET', `/api/organisations/${id}/roles`);
    for (const token of [lead['org-a']!, managerA, ann.token, both.token]) {
      const answer = await read(token, 'org-a');
      expect(answer.status, answer.text).toBe(200);
      // Role names and requirements only: nothing of who holds them.
      expect(JSON.stringify(answer.body)).not.toMatch(/Ann|Both|Leo|workerId|mailto/);
    }
    expect((await read(both.token, 'org-b')).status).toBe(200);

    const refusals = [
      [leaver.token, 'org-a'],
      [bea.token, 'org-a'],
      [managerA, 'org-b'],
      [lead['org-b']!, 'org-a'],
      [ann.token, 'org-unknown'],
      [managerA, 'org-unknown'],
      [lead['org-a']!, 'org-unknown'],
    ] as const;
    const answers = await Promise.all(refusals.map(([token, id]) => read(token, id)));
    for (const answer of answers) expect(answer.status, answer.text).toBe(403);
    // A worker of org-a asking about org-b (real) and an unknown organisation: word for word the same.
    const real = await read(ann.token, 'org-b');
    const unknown = await read(ann.token, 'org-nowhere');
    expect(real.text.replaceAll('org-b', 'X')).toBe(unknown.text.replaceAll('org-nowhere', 'X'));
  });

  it('refuses text PostgreSQL cannot hold in the path or the cursor as a 400 naming it, never a 500', async () => {
    for (const path of ['/api/organisations/org-a%00/roles', '/api/organisations/org-a%ED%A0%80/roles']) {
      const answer = await api(app, lead['org-a']!, 'GET', path);
      expect(answer.status, answer.text).toBe(400);
    }
    const answer = await api(app, lead['org-a']!, 'GET', `/api/organisations/org-a/roles?after=${cursorOf('a\u0000')}`);
    expect(answer.status, answer.text).toBe(400);
    expect(answer.body.field).toBe('after');
  });
});

describe('GET /api/organisations/:id/workers: the staff list by name, a page at a time', () => {
  const names = [
    'Zoë',
    'adam',
    'Ádám',
    'Ann',
    'ann',
    'Ann',
    'Ann',
    '🦊 Fox',
    'Émile',
    'emile',
    'Øyvind',
    'Ω',
    undefined,
  ];
  let all: { id: string; name: string | null }[] = [];

  beforeAll(async () => {
    const rows = names.map((name, i) => ({
      ...(name === undefined ? {} : { name }),
      identifiers: [{ mbox: `mailto:staff${i}@a.paging.attack9.example.org` }],
      joinedOn: '2023-01-01',
    }));
    await ok(app, lead['org-a']!, 'POST', '/api/organisations/org-a/workers/import', { workers: rows });
    await waitForProjections(app.runtime);
    const full = await ok(app, lead['org-a']!, 'GET', '/api/organisations/org-a/workers?limit=500');
    all = full.workers;
  }, 60_000);

  it('pages of every size give the whole list once each, in the order of one page, the unnamed last', async () => {
    expect(all.at(-1)!.name).toBeNull();
    expect(new Set(all.map((w) => w.id)).size).toBe(all.length);
    for (const limit of [1, 2, 3, 5]) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const query: string = `limit=${limit}${after ? `&after=${after}` : ''}`;
        const page = await ok(app, lead['org-a']!, 'GET', `/api/organisations/org-a/workers?${query}`);
        expect(page.workers.length).toBeLessThanOrEqual(limit);
        seen.push(...page.workers.map((w: { id: string }) => w.id));
        after = page.next;
      } while (after);
      expect(seen, `limit ${limit}`).toEqual(all.map((w) => w.id));
    }
  });

  it("reveals nothing of another organisation's worker through a cursor naming them", async () => {
    // Two workers of org-b, at opposite ends of the alphabet. A lead of org-a forging a cursor from each id
    // must not learn where their names fall among org-a's staff (a binary search over names of the lead's
    // own choosing would spell them out).
    const early = await workerOf('org-b', 'Aaron Early', 'early@b.attack9.example.org');
    const late = await workerOf('org-b', 'Zed Late', 'late@b.attack9.example.org');
    await waitForProjections(app.runtime);
    const pageAfter = (workerId: string) =>
      api(app, lead['org-a']!, 'GET', `/api/organisations/org-a/workers?limit=500&after=${cursorOf(workerId)}`);
    const [a, b] = await Promise.all([pageAfter(early.id), pageAfter(late.id)]);
    expect(a.status).toBe(b.status);
    expect(a.text).toBe(b.text);
  });

  it('a cursor that is tampered with is a 400 naming after, or a page of this organisation only', async () => {
    const bWorkers = await ok(app, lead['org-b']!, 'GET', '/api/organisations/org-b/workers?limit=500');
    // Workers of org-b only (some work for both).
    const aIds = new Set(all.map((w) => w.id));
    const bIds = new Set(bWorkers.workers.map((w: { id: string }) => w.id).filter((id: string) => !aIds.has(id)));
    for (const after of [
      'not-a-cursor',
      cursorOf(),
      cursorOf(42),
      cursorOf('no-such-worker'),
      cursorOf('x\u0000'),
      cursorOf('\ud800'),
      cursorOf(all[3]!.id, 'Ann'),
      cursorOf(all[3]!.id, null),
      cursorOf(all[3]!.id, 7),
      cursorOf(all[3]!.id, 'a\u0000'),
    ]) {
      const answer = await api(app, lead['org-a']!, 'GET', `/api/organisations/org-a/workers?after=${after}`);
      expect([200, 400], answer.text).toContain(answer.status);
      if (answer.status === 400) expect(answer.body.field, answer.text).toBe('after');
      else for (const w of answer.body.workers) expect(bIds.has(w.id)).toBe(false);
    }
  });
});

describe('GET /api/me/surveys: organisationName', () => {
  it("names each of a two-organisation worker's surveys after its own organisation, and no other's", async () => {
    const dual = await workerOf('org-a', 'Dual', 'dual@attack9.example.org');
    await ok(app, app.adminToken, 'POST', `/api/workers/${dual.id}/memberships`, {
      organisationId: 'org-b',
      from: '2021-01-01',
    });
    await registerOrganisation(app, 'org-c', { name: 'Charlie Secret Services' });
    const leadC = await createUser(app, 'lead@org-c.attack9.example.org', [
      { kind: 'learning-lead', organisationId: 'org-c' },
    ]);
    const a = (await ok(app, lead['org-a']!, 'POST', '/api/organisations/org-a/audits', { startedOn: '2026-01-05' }))
      .id;
    const b = (await ok(app, lead['org-b']!, 'POST', '/api/organisations/org-b/audits', { startedOn: '2026-01-06' }))
      .id;
    await ok(app, leadC, 'POST', '/api/organisations/org-c/audits', { startedOn: '2026-01-07' });
    await waitForProjections(app.runtime);
    const answer = await ok(app, dual.token, 'GET', '/api/me/surveys');
    const byAudit = new Map(answer.surveys.map((s: { auditId: string }) => [s.auditId, s]));
    expect(byAudit.get(a)).toMatchObject({ organisationId: 'org-a', organisationName: 'Alpha Care' });
    expect(byAudit.get(b)).toMatchObject({ organisationId: 'org-b', organisationName: 'Bravo Homes' });
    expect(JSON.stringify(answer)).not.toContain('Charlie');
  });
});

describe('access before the body or the query', () => {
  it('a worker is refused 403 whatever the body, on each route naming its organisation in the body', async () => {
    const wendy = await workerOf('org-a', 'Wendy', 'wendy@a.attack9.example.org');
    for (const [path, bodies] of [
      ['/api/roles', [{}, { organisationId: 'org-a' }, 'x']],
      ['/api/workers', [{}, { organisationId: 'org-unknown' }, { name: 7 }]],
      [`/api/workers/${wendy.id}/memberships`, [{}, { organisationId: 'org-b', from: 'x' }]],
      [`/api/workers/${wendy.id}/memberships/end`, [{}, { organisationId: 'org-a', to: 'nope' }]],
      [`/api/workers/${wendy.id}/roles`, [{}, { roleId: 'org-a-carer' }, { roleId: 'no-such-role' }]],
    ] as const)
      for (const body of bodies) {
        const answer = await api(app, wendy.token, 'POST', path, body);
        expect(answer.status, `${path} ${JSON.stringify(body)}: ${answer.text}`).toBe(403);
      }
    for (const query of ['', '?limit=0', '?q=', '?after=bad'])
      expect((await api(app, wendy.token, 'GET', `/api/organisations${query}`)).status).toBe(403);
  });

  it("the evidence export answers another organisation's worker as an unknown one, whatever the format", async () => {
    const bea = (await workerOf('org-b', 'Bex', 'bex@b.attack9.example.org')).id;
    const colleague = (await workerOf('org-a', 'Cal', 'cal@a.attack9.example.org')).token;
    await waitForProjections(app.runtime);
    const unknown = randomUUID();
    for (const query of ['format=bad', 'format=csv', 'format=a&format=b', 'from=nope', ''])
      for (const token of [lead['org-a']!, colleague]) {
        const real = await api(app, token, 'GET', `/api/workers/${bea}/evidence-export?${query}`);
        const none = await api(app, token, 'GET', `/api/workers/${unknown}/evidence-export?${query}`);
        expect(real.status, `${query}: ${real.text}`).toBeGreaterThanOrEqual(403);
        expect(real.status, query).toBe(none.status);
        expect(real.text.replaceAll(bea, 'X'), query).toBe(none.text.replaceAll(unknown, 'X'));
      }
  });

  it('a U+0000 in a body is the same 400 naming the field for anyone, whatever organisation it names', async () => {
    // Refused before access (nothing with it can be stored): the answer depends on the text alone.
    const wendy = await workerOf('org-a', 'Wendy2', 'wendy2@a.attack9.example.org');
    const texts = await Promise.all(
      [wendy.token, lead['org-a']!].flatMap((token) =>
        ['org-b', 'org-zz'].map((organisationId) =>
          api(app, token, 'POST', '/api/roles', { id: '\u0000', organisationId, name: 'x', requirements: [] }),
        ),
      ),
    );
    for (const answer of texts) {
      expect(answer.status, answer.text).toBe(400);
      expect(answer.body.field).toBe('id');
      expect(answer.text).toBe(texts[0]!.text);
    }
  });

  it("a lead of one organisation cannot tell another's organisations, roles or workers from unknown ones", async () => {
    const bea = (await ok(app, lead['org-b']!, 'GET', '/api/organisations/org-b/workers?limit=1')).workers[0].id;
    const asLeadA = (method: string, path: string, body?: unknown) => api(app, lead['org-a']!, method, path, body);
    const pairs: [Awaited<ReturnType<typeof api>>, Awaited<ReturnType<typeof api>>, string][] = [
      [
        await asLeadA('POST', '/api/roles', { id: 'r9', organisationId: 'org-b', name: 'x', requirements: [] }),
        await asLeadA('POST', '/api/roles', { id: 'r9', organisationId: 'org-zz', name: 'x', requirements: [] }),
        'roles',
      ],
      [
        await asLeadA('POST', `/api/workers/${bea}/roles`, { roleId: 'org-b-carer' }),
        await asLeadA('POST', `/api/workers/${bea}/roles`, { roleId: 'no-such-role' }),
        'assign role',
      ],
      [
        await asLeadA('POST', `/api/workers/${bea}/memberships/end`, { organisationId: 'org-b', to: '2022-01-01' }),
        await asLeadA('POST', `/api/workers/${bea}/memberships/end`, { organisationId: 'org-zz', to: '2022-01-01' }),
        'end membership',
      ],
      [
        await asLeadA('GET', '/api/organisations/org-b/workers?after=bad'),
        await asLeadA('GET', '/api/organisations/org-zz/workers?after=bad'),
        'staff list',
      ],
    ];
    for (const [real, unknown, label] of pairs) {
      expect(real.status, `${label}: ${real.text}`).toBe(403);
      expect(unknown.status, `${label}: ${unknown.text}`).toBe(403);
    }
  });
});

describe('the attachment cleanup never takes content a stored statement names', () => {
  const lrs = () => `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;
  const pdf = (label: string) => Buffer.from(`%PDF ${label} ${randomUUID()}`);
  const held = async (content: Buffer) =>
    (await app.runtime.pool.query('select 1 from xapi_attachments where sha2 = $1', [sha256(content)])).rowCount;
  /** Every attachment row older than the grace period, as if a day had passed since it was stored. */
  const ageAll = () => app.runtime.pool.query(`update xapi_attachments set touched_at = now() - interval '2 days'`);
  async function cleanup(): Promise<AttachmentCleanupResult> {
    const job = await app.runtime.jobs.enqueue(ATTACHMENT_CLEANUP_JOB, {});
    return (await app.runtime.jobs.waitFor(job.id, 120_000)).result as AttachmentCleanupResult;
  }
  const served = async (query: string) => {
    const response = await fetch(`${app.baseUrl}/xapi/statements?${query}&attachments=true`, {
      headers: { authorization: lrs(), 'x-experience-api-version': '1.0.3' },
    });
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
  };

  it("keeps a voided statement's, a SubStatement's and a shared hash's content, sent just before the cleanup", async () => {
    const voidedContent = pdf('voided');
    const voided = statementWith(voidedContent);
    expect((await postWithAttachment(app, voided, voidedContent)).status).toBe(200);
    await sendStatements(app, [
      {
        actor: { mbox: 'mailto:voider@attack9.example.org' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: voided.id },
      },
    ]);

    const subContent = pdf('sub');
    const sub = asSubStatement(statementWith(subContent));
    delete (sub as { attachments?: unknown }).attachments;
    const subAnswer = await postWithAttachment(app, sub, subContent);
    expect(subAnswer.status, await subAnswer.clone().text()).toBe(200);

    // Two statements naming one content: the second reuses the first's row.
    const shared = pdf('shared');
    const first = statementWith(shared);
    expect((await postWithAttachment(app, first, shared)).status).toBe(200);
    const second = statementWith(shared);
    expect((await postWithAttachment(app, second, shared)).status).toBe(200);

    // And content an append left behind (a different statement under a stored id is a 409 after it is in),
    // which the cleanup does remove: it ran.
    const orphan = pdf('orphan');
    expect((await postWithAttachment(app, statementWith(orphan, { id: first.id }), orphan)).status).toBe(409);
    expect(await held(orphan)).toBe(1);

    await ageAll();
    // No wait for the read models: the cleanup must wait for them itself.
    const result = await cleanup();
    expect(result.skipped).toBeUndefined();
    for (const content of [voidedContent, subContent, shared]) expect(await held(content)).toBe(1);
    expect(await held(orphan)).toBe(0);
    const v = await served(`voidedStatementId=${voided.id}`);
    expect(v.status).toBe(200);
    expect(v.body.includes(voidedContent)).toBe(true);
    const s2 = await served(`statementId=${sub.id}`);
    expect(s2.status).toBe(200);
    expect(s2.body.includes(subContent)).toBe(true);
    for (const id of [first.id, second.id])
      expect((await served(`statementId=${id}`)).body.includes(shared)).toBe(true);
  });
});

describe('sign-ins with password hashing bounded', () => {
  const signIn = (email: string, password: string) =>
    fetch(`${app.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }).then(async (r) => ({ status: r.status, text: await r.text() }));

  it('a burst of guesses at once is held to the failure limit (10 per address), and another account is answered meanwhile', async () => {
    const email = 'burst@attack9.example.org';
    const password = 'correct horse battery staple';
    await ok(app, app.adminToken, 'POST', '/api/admin/users', { email, displayName: 'Burst', password, roles: [] });
    // Sent together, the guesses all queue for a hash; each was let through on the count before any failed.
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(email, `guess ${i}`)));
    for (const a of answers) expect([401, 429], a.text).toContain(a.status);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(10);
    // Another account's sign-in is answered meanwhile (nothing starved), and promptly.
    const started = Date.now();
    const other = await signIn('nobody@attack9.example.org', 'whatever it is');
    expect(other.status).toBe(401);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 60_000);
});

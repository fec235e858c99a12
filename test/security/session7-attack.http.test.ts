import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRENDS } from '#libs/evaluation';
import { personalCapabilities } from '#libs/framework';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { basicAuth, postToLrs, registerLrsClient } from '../support/audit-tool.js';
import { api, createUser, ok } from '../support/http-api.js';
import { importStaff, registerTurnoverOrganisations, sendMoves } from '../support/moves.js';
import { expectProblem, withoutInstance } from '../support/problem.js';
import { writesSnapshot } from '../support/writes.js';

/**
 * Session 7, an outsider's attack on the newest routes: staff turnover in one request
 * (POST /api/organisations/:id/workers/moves), the organisation search, the trends as each kind of user
 * and their small-cell suppression, request bodies on every /api route of the OpenAPI document, and the
 * review of workers registered from statements across organisations. Any 5xx, any leak of another
 * organisation, anything written by a refused request fails.
 */
let app: TestApp;
let admin: string;
let leadA: string;
let leadB: string;
let leadC: string;
let workerUser: string;
let managerA: string;
let evaluator: string;
let evaluatorA: string;
const staff: Record<'a' | 'b' | 'c', string[]> = { a: [], b: [], c: [] };

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  const leads = await registerTurnoverOrganisations(
    app,
    [
      { id: 'org-a', roles: ['a-carer', 'a-senior'], details: { name: 'Alpha Care' } },
      { id: 'org-b', roles: ['b-carer'], details: { name: 'Bravo Homes', sector: 'private', region: 'Highland' } },
      {
        id: 'org-c',
        roles: ['c-carer'],
        details: { name: 'Charlie 3', sector: 'voluntary', region: 'Highland', sizeBand: 'micro' },
      },
    ],
    'attack7.example.org',
  );
  [leadA, leadB, leadC] = [leads['org-a']!, leads['org-b']!, leads['org-c']!];
  staff.a = await importStaff(app, 'org-a', { prefix: 'a', n: 9, roleId: 'a-carer', domain: 'attack7.example.org' });
  staff.b = await importStaff(app, 'org-b', { prefix: 'b', n: 8, roleId: 'b-carer', domain: 'attack7.example.org' });
  staff.c = await importStaff(app, 'org-c', { prefix: 'c', n: 3, roleId: 'c-carer', domain: 'attack7.example.org' });
  workerUser = await createUser(app, 'worker@a.attack7.example.org', [{ kind: 'worker', workerId: staff.a[0] }]);
  managerA = await createUser(app, 'manager@a.attack7.example.org', [
    { kind: 'line-manager', organisationId: 'org-a', workerIds: [staff.a[0], staff.a[1]] },
  ]);
  evaluator = await createUser(app, 'eve@attack7.example.org', [{ kind: 'evaluator' }]);
  evaluatorA = await createUser(app, 'eva@a.attack7.example.org', [{ kind: 'evaluator', organisationId: 'org-a' }]);
  await waitForProjections(app.runtime);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

const moves = (organisationId: string, rows: unknown, token = leadA) => sendMoves(app, token, organisationId, rows);
const memberships = async (workerId: string) =>
  (await ok(app, admin, 'GET', `/api/workers/${workerId}`)).organisations as {
    organisationId: string;
    from: string;
    to: string | null;
  }[];

/** A refused request: the status (and field), and nothing written anywhere. */
async function expectRefusedWritingNothing(
  send: () => Promise<Awaited<ReturnType<typeof api>>>,
  status: number,
  field?: string | RegExp,
): Promise<Record<string, any>> {
  await waitForProjections(app.runtime);
  const before = await writesSnapshot(app.runtime.pool);
  const answer = await send();
  const body = expectProblem(answer, { status });
  if (field instanceof RegExp) expect(body.field, answer.text).toMatch(field);
  else if (field !== undefined) expect(body.field, answer.text).toBe(field);
  await waitForProjections(app.runtime);
  expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
  return body;
}

describe('POST /api/organisations/:id/workers/moves', () => {
  // Found in this attack: a rejoin was decided only on "not a current member", so a leave followed by a
  // join dated before it (in one batch, or two requests) left the worker with two overlapping memberships
  // of one organisation (2023-2024-06-30 and 2024-01-01-): in two places at once, counted twice in the
  // lead's staff list. The same with a leave dated in the future and a join before it.
  it('refuses a rejoin dated before the previous membership there ended (no worker in two places)', async () => {
    const worker = staff.a[8]!;
    await expectRefusedWritingNothing(
      () =>
        moves('org-a', [
          { workerId: worker, action: 'leave', date: '2024-06-30' },
          { workerId: worker, action: 'join', date: '2024-01-01' },
        ]),
      400,
      'rows[1].date',
    );
    await expectRefusedWritingNothing(
      () =>
        moves('org-a', [
          { workerId: worker, action: 'leave', date: '2099-06-30' },
          { workerId: worker, action: 'join', date: '2030-01-01' },
        ]),
      400,
      // A leave is never recorded ahead of its day.
      'rows[0].date',
    );
    // The single route decides the same way, after a leave in its own request.
    expect((await moves('org-a', [{ workerId: worker, action: 'leave', date: '2024-06-30' }])).status).toBe(201);
    await expectRefusedWritingNothing(
      () =>
        api(app, leadA, 'POST', `/api/workers/${worker}/memberships`, { organisationId: 'org-a', from: '2022-01-01' }),
      400,
      'from',
    );
    // Leaving and coming back the same day, or later, is a rejoin.
    const back = await moves('org-a', [{ workerId: worker, action: 'join', date: '2024-06-30' }]);
    expect(back.status, back.text).toBe(201);
    expect(await memberships(worker)).toEqual([
      { organisationId: 'org-a', from: '2023-01-01', to: '2024-06-30' },
      { organisationId: 'org-a', from: '2024-06-30', to: null },
    ]);
  });

  it('refuses duplicates in one batch naming the second row, writing nothing', async () => {
    const [w1, w2] = [staff.a[1]!, staff.a[2]!];
    await expectRefusedWritingNothing(
      () =>
        moves('org-a', [
          { workerId: w1, action: 'assign-role', date: '2025-01-01', roleId: 'a-senior' },
          { workerId: w1, action: 'assign-role', date: '2025-01-02', roleId: 'a-senior' },
        ]),
      409,
      'rows[1].roleId',
    );
    await expectRefusedWritingNothing(
      () =>
        moves('org-a', [
          { workerId: w2, action: 'leave', date: '2025-01-01' },
          { workerId: w2, action: 'leave', date: '2025-01-01' },
        ]),
      409,
      'rows[1].organisationId',
    );
    await expectRefusedWritingNothing(
      () =>
        moves('org-a', [
          { workerId: w2, action: 'leave', date: '2025-01-01' },
          { workerId: w2, action: 'join', date: '2025-02-01' },
          { workerId: w2, action: 'join', date: '2025-03-01' },
        ]),
      409,
      'rows[2].organisationId',
    );
  });

  it('refuses dates before joining or before the current role, naming the row', async () => {
    const w = staff.a[3]!;
    await expectRefusedWritingNothing(
      () => moves('org-a', [{ workerId: w, action: 'leave', date: '2022-12-31' }]),
      400,
      'rows[0].date',
    );
    await expectRefusedWritingNothing(
      () => moves('org-a', [{ workerId: w, action: 'assign-role', date: '2022-12-31', roleId: 'a-senior' }]),
      400,
      'rows[0].date',
    );
    for (const date of ['0000-01-01', '10000-01-01', '2025-1-1', '+002025-01-01', '2025-01-01T00:00:00Z', '2025-02-29'])
      await expectRefusedWritingNothing(
        () => moves('org-a', [{ workerId: w, action: 'leave', date }]),
        400,
        'rows[0].date',
      );
  });

  it('a refusal at row 400 after 399 good moves writes none of them', async () => {
    const rows = Array.from({ length: 399 }, (_, i) => ({
      workerId: staff.a[4 + (i % 3)]!,
      action: 'assign-role',
      date: `2025-${String(1 + Math.floor(i / 3 / 28)).padStart(2, '0')}-${String((Math.floor(i / 3) % 28) + 1).padStart(2, '0')}`,
      roleId: Math.floor(i / 3) % 2 ? 'a-carer' : 'a-senior',
    }));
    const staffBefore = await ok(app, admin, 'GET', '/api/organisations/org-a/workers?limit=500');
    await expectRefusedWritingNothing(
      () => moves('org-a', [...rows, { workerId: staff.b[0]!, action: 'leave', date: '2025-12-01' }]),
      404,
      'rows[399].workerId',
    );
    expect(await ok(app, admin, 'GET', '/api/organisations/org-a/workers?limit=500')).toEqual(staffBefore);
    // The same 399 alone are fine: the refusal was the last row's.
    const fine = await moves('org-a', rows);
    expect(fine.status, fine.text.slice(0, 300)).toBe(201);
  });

  it('501 moves are a 400 naming rows, whatever they hold', async () => {
    await expectRefusedWritingNothing(
      () =>
        moves(
          'org-a',
          Array.from({ length: 501 }, (_, i) => ({ workerId: `w-${i}`, action: 'leave', date: '2025-01-01' })),
        ),
      400,
      'rows',
    );
  });

  it('hostile strings are a 400 naming the field or the 404 of an unknown worker or role, never a 5xx', async () => {
    const cases: [unknown, number, string][] = [
      [{ workerId: 'a\u0000b', action: 'leave', date: '2025-01-01' }, 400, 'rows[0].workerId'],
      [{ workerId: '\ud800', action: 'leave', date: '2025-01-01' }, 400, 'rows[0].workerId'],
      [{ workerId: '   ', action: 'leave', date: '2025-01-01' }, 400, 'rows[0].workerId'],
      [{ workerId: '../../etc/passwd', action: 'leave', date: '2025-01-01' }, 404, 'rows[0].workerId'],
      [{ workerId: "'; drop table events; --", action: 'leave', date: '2025-01-01' }, 404, 'rows[0].workerId'],
      [{ workerId: 'worker-\u202e', action: 'join', date: '2025-01-01' }, 404, 'rows[0].workerId'],
      [{ workerId: staff.a[0], action: 'LEAVE', date: '2025-01-01' }, 400, 'rows[0].action'],
      [{ workerId: staff.a[0], action: 'leave', date: 20250101 }, 400, 'rows[0].date'],
      [{ workerId: staff.a[0], action: 'leave', date: ['2025-01-01'] }, 400, 'rows[0].date'],
      [{ workerId: staff.a[0], action: 'assign-role', date: '2025-01-01', roleId: '%' }, 404, 'rows[0].roleId'],
      [{ workerId: staff.a[0], action: 'assign-role', date: '2025-01-01', roleId: 'a\u0000' }, 400, 'rows[0].roleId'],
      [
        { workerId: staff.a[0], action: 'assign-role', date: '2025-01-01', roleId: 'x'.repeat(64) },
        400,
        'rows[0].roleId',
      ],
    ];
    for (const [row, status, field] of cases)
      await expectRefusedWritingNothing(() => moves('org-a', [row]), status, field);
    await expectRefusedWritingNothing(
      () => api(app, leadA, 'POST', '/api/organisations/org-a/workers/moves', { rows: { length: 1, 0: {} } }),
      400,
      'rows',
    );
  });

  it("another organisation's workers and organisations: 403 on its list, the unknown worker's 404 on one's own", async () => {
    const unknown = await expectRefusedWritingNothing(
      () => moves('org-a', [{ workerId: 'nobody-has-this-id', action: 'leave', date: '2025-01-01' }]),
      404,
      'rows[0].workerId',
    );
    for (const action of ['leave', 'assign-role'] as const) {
      const row =
        action === 'leave'
          ? { workerId: staff.b[1], action, date: '2025-01-01' }
          : { workerId: staff.b[1], action, date: '2025-01-01', roleId: 'a-carer' };
      const answer = await expectRefusedWritingNothing(() => moves('org-a', [row]), 404, 'rows[0].workerId');
      expect(withoutInstance(answer).detail).toBe(
        withoutInstance(unknown).detail!.toString().replace('nobody-has-this-id', staff.b[1]!),
      );
    }
    const forbiddenB = await expectRefusedWritingNothing(
      () => moves('org-b', [{ workerId: staff.b[1], action: 'leave', date: '2025-01-01' }]),
      403,
    );
    const forbiddenNone = await expectRefusedWritingNothing(
      () => moves('org-none', [{ workerId: staff.b[1], action: 'leave', date: '2025-01-01' }]),
      403,
    );
    expect(withoutInstance(forbiddenB)).toEqual(withoutInstance(forbiddenNone));
    // A worker, a line manager and an evaluator are refused alike.
    for (const token of [workerUser, managerA, evaluator, evaluatorA])
      await expectRefusedWritingNothing(
        () => moves('org-a', [{ workerId: staff.a[0], action: 'leave', date: '2025-01-01' }], token),
        403,
      );
  });

  it('500 distinct unknown workers or roles are refused at once, naming the first, writing nothing', async () => {
    const started = Date.now();
    await expectRefusedWritingNothing(
      () =>
        moves(
          'org-a',
          Array.from({ length: 500 }, (_, i) => ({
            workerId: `ghost-${i}-${'x'.repeat(50)}`,
            action: 'join',
            date: '2025-01-01',
          })),
        ),
      404,
      'rows[0].workerId',
    );
    await expectRefusedWritingNothing(
      () =>
        moves(
          'org-a',
          Array.from({ length: 500 }, (_, i) => ({
            workerId: staff.a[0],
            action: 'assign-role',
            date: '2025-01-01',
            roleId: `ghost-role-${i}`,
          })),
        ),
      404,
      'rows[0].roleId',
    );
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  // DEFECT (left for the lead: a rule to choose, not a local fix): a leave dated in the future is accepted,
  // and from then on the deciders treat the worker as gone (a membership with an end is not current,
  // whatever the date) while the staff list, the team and the trends count them as current until that
  // day. So during a notice period the lead's own list says "current" and a role change for the worker is
  // refused as "not a current member". Either a leave is not after today, or the deciders read the date.
  it('refuses a leave dated in the future: the staff list and the deciders agree the worker is current', async () => {
    const w = staff.a[6]!;
    await expectRefusedWritingNothing(
      () => moves('org-a', [{ workerId: w, action: 'leave', date: '2099-12-31' }]),
      400,
      'rows[0].date',
    );
    await expectRefusedWritingNothing(
      () => api(app, leadA, 'POST', `/api/workers/${w}/memberships/end`, { organisationId: 'org-a', to: '2099-12-31' }),
      400,
      'to',
    );
    const listed = (await ok(app, leadA, 'GET', '/api/organisations/org-a/workers?limit=500')).workers.find(
      (row: { id: string }) => row.id === w,
    );
    expect(listed.current).toBe(true);
    const roleChange = await moves('org-a', [
      { workerId: w, action: 'assign-role', date: '2025-12-01', roleId: 'a-carer' },
    ]);
    expect(roleChange.status, roleChange.text).toBe(201);
  });

  it('two racing batches on one worker: one wins, the other is refused, the worker leaves once', async () => {
    const w = staff.a[7]!;
    const answers = await Promise.all(
      ['2025-05-01', '2025-06-01'].map((date) => moves('org-a', [{ workerId: w, action: 'leave', date }])),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const ofA = (await memberships(w)).filter((m) => m.organisationId === 'org-a');
    expect(ofA).toHaveLength(1);
    expect(['2025-05-01', '2025-06-01']).toContain(ofA[0]!.to);
  });
});

describe('GET /api/organisations?q= as each kind of user', () => {
  const ids = (body: { organisations: { id: string }[] }) => body.organisations.map((o) => o.id);

  it('a worker, a line manager and evaluators get the same 403 whatever q, limit or after say', async () => {
    const refusals: unknown[] = [];
    for (const token of [workerUser, managerA, evaluator, evaluatorA])
      for (const query of ['', '?q=bravo', '?q=%25', '?q=org-&limit=500', `?after=${cursor('org-a')}`]) {
        const answer = await api(app, token, 'GET', `/api/organisations${query}`);
        expect(answer.status, `${query}: ${answer.text}`).toBe(403);
        expect(answer.text).not.toMatch(/Bravo|Alpha|Charlie|org-b|org-c/);
        refusals.push(withoutInstance(answer.body));
      }
    expect(new Set(refusals.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it('a lead learns nothing of other organisations: not by name, id, count, paging or cursor', async () => {
    for (const query of [
      '?q=bravo',
      '?q=o',
      '?q=org',
      '?q=-',
      '?limit=1',
      '?limit=500',
      `?after=${cursor('')}`,
      `?after=${cursor('org-a')}`,
      `?after=${cursor('org-a')}&q=o`,
      `?after=${cursor('\u0001')}&limit=1`,
    ]) {
      const answer = await api(app, leadA, 'GET', `/api/organisations${query}`);
      expect(answer.status, `${query}: ${answer.text}`).toBe(200);
      expect(answer.text, query).not.toMatch(/Bravo|Charlie|org-b|org-c/);
      for (const id of ids(answer.body)) expect(id).toBe('org-a');
      // No `next` that says more exists beyond the lead's own.
      expect(answer.body.next, query).toBeNull();
    }
  });

  it('paging past the end is an empty page, not an error, and LIKE characters match themselves', async () => {
    expect(await ok(app, admin, 'GET', `/api/organisations?after=${cursor('zzzz')}`)).toEqual({
      organisations: [],
      next: null,
    });
    for (const q of ['%', '_', '\\', '%_%', "'", '"', 'a%', 'org_a'])
      expect(ids(await ok(app, admin, 'GET', `/api/organisations?q=${encodeURIComponent(q)}`)), q).toEqual([]);
    expect(ids(await ok(app, admin, 'GET', '/api/organisations?q=CHARLIE%203'))).toEqual(['org-c']);
    expect(ids(await ok(app, admin, 'GET', '/api/organisations?q=org-'))).toEqual(['org-a', 'org-b', 'org-c']);
  });

  // Found in this attack: `?limit=` was read with Number(), so 1e2, 0x10, " 5" and 5.0 were taken as
  // limits (the shares route had already been made digits-only). Harmless in range, but not the rule the
  // document states ("1-500"); a limit is digits.
  it('refuses huge q, and limits that are not whole numbers written in digits', async () => {
    for (const query of [
      `q=${'a'.repeat(101)}`,
      `q=${'a'.repeat(100_00)}`,
      'limit=0',
      'limit=501',
      'limit=-1',
      'limit=1.5',
      'limit=1e2',
      'limit=0x10',
      'limit=%205',
      'limit=5.0',
      'limit=Infinity',
      'limit=',
      'limit=1&limit=2',
    ]) {
      const answer = await api(app, leadA, 'GET', `/api/organisations?${query}`);
      expect(answer.status, `${query.slice(0, 40)}: ${answer.text}`).toBe(400);
      expect(answer.body.field, query.slice(0, 40)).toBe(query.startsWith('q') ? 'q' : 'limit');
    }
    for (const after of ['not-base64!', cursor(42), Buffer.from('{}').toString('base64url'), cursor('a\u0000')]) {
      const answer = await api(app, leadA, 'GET', `/api/organisations?after=${after}`);
      expect(answer.status, `${after}: ${answer.text}`).toBe(400);
      expect(answer.body.field).toBe('after');
    }
  });
});

function cursor(id: unknown): string {
  return Buffer.from(JSON.stringify([id])).toString('base64url');
}

describe('trends as each kind of user, and what suppression hides', () => {
  it('a worker and a line manager are refused every trend, in JSON and CSV, with no figures', async () => {
    for (const token of [workerUser, managerA])
      for (const trend of TRENDS)
        for (const query of ['', '?format=csv', '?organisationId=org-a', '?by=sector&capabilityId=x']) {
          const answer = await api(app, token, 'GET', `/api/trends/${trend}${query}`);
          // A bad parameter may be named first (400); either way no rows.
          expect([400, 403], `${trend}${query}: ${answer.text}`).toContain(answer.status);
          if (query !== '?by=sector&capabilityId=x') expect(answer.status).toBe(403);
          expect(answer.text).not.toMatch(/"rows"|year,/);
        }
  });

  it("a learning lead's rows are their organisation's only, whatever the segment or filter", async () => {
    await waitForProjections(app.runtime);
    for (const trend of ['role-fit', 'adoption', 'learning-volume', 'personal-capabilities']) {
      const own = await ok(app, leadA, 'GET', `/api/trends/${trend}`);
      expect(own, trend).toEqual(await ok(app, admin, 'GET', `/api/trends/${trend}?organisationId=org-a`));
      expect(own, trend).toEqual(await ok(app, evaluatorA, 'GET', `/api/trends/${trend}`));
      for (const token of [leadA, evaluatorA]) {
        const other = await api(app, token, 'GET', `/api/trends/${trend}?organisationId=org-b`);
        expect(other.status, other.text).toBe(403);
        const none = await api(app, token, 'GET', `/api/trends/${trend}?organisationId=org-none`);
        expect(withoutInstance(none.body)).toEqual(withoutInstance(other.body));
      }
    }
    // By region, a lead of A (Fife) sees Fife only, and by size band only "small".
    const byRegion = await ok(app, leadA, 'GET', '/api/trends/role-fit?by=region');
    expect(new Set(byRegion.rows.map((r: { segment: { region: string } }) => r.segment.region))).toEqual(
      new Set(['Fife']),
    );
    // Filtered on B's region or sector, a lead of A gets A's years with nothing in them, never B's figures.
    for (const filter of ['region=Highland', 'sector=private', 'sizeBand=micro']) {
      const { rows } = await ok(app, leadA, 'GET', `/api/trends/role-fit?${filter}`);
      for (const row of rows) expect(row, filter).toMatchObject({ workers: 0, meetingAll: 0, notMeetingAll: 0 });
    }
  });

  it("a small organisation's lead sees every worker count of 1-4 hidden, in JSON and CSV alike", async () => {
    const json = await ok(app, leadC, 'GET', '/api/trends/role-fit');
    expect(json.rows.length).toBeGreaterThan(0);
    for (const row of json.rows) {
      expect(row.workers, JSON.stringify(row)).toBeNull();
      expect(row.suppressed).toContain('workers');
    }
    const csv = await fetch(`${app.baseUrl}/api/trends/role-fit`, {
      headers: { authorization: `Bearer ${leadC}`, accept: 'text/csv' },
    });
    expect(csv.status).toBe(200);
    expect(csvRows(await csv.text())).toEqual(json.rows.map(flatRow));
  });

  it('CSV holds exactly the JSON rows for national, segmented and filtered questions', async () => {
    for (const query of [
      'role-fit',
      'role-fit?by=sizeBand',
      'role-fit?by=role',
      'personal-capabilities',
      'personal-capabilities?by=region&capabilityId=' + firstPersonalCapability(),
      'learning-volume?by=sector',
      'adoption?by=region',
      'impact',
    ]) {
      const json = await ok(app, evaluator, 'GET', `/api/trends/${query}`);
      const sep = query.includes('?') ? '&' : '?';
      const csv = await fetch(`${app.baseUrl}/api/trends/${query}${sep}format=csv`, {
        headers: { authorization: `Bearer ${evaluator}` },
      });
      expect(csv.status, query).toBe(200);
      expect(csvRows(await csv.text()), query).toEqual(json.rows.map(flatRow));
    }
  });

  it('within one response, no hidden worker count is the shown total minus the shown parts', async () => {
    for (const query of ['role-fit?by=sizeBand', 'role-fit?by=region', 'role-fit?by=role', 'role-fit']) {
      const { rows } = await ok(app, evaluator, 'GET', `/api/trends/${query}`);
      for (const row of rows as { workers: number | null; meetingAll: number | null; notMeetingAll: number | null }[]) {
        const hidden = [row.workers, row.meetingAll, row.notMeetingAll].filter((v) => v === null).length;
        expect(hidden === 0 || hidden >= 2, `${query}: ${JSON.stringify(row)}`).toBe(true);
      }
    }
  });

  // KNOWN RESIDUAL (README "Privacy rule"), shown concretely: the national role-fit total minus the shown
  // "small" size band gives the hidden "micro" count (Charlie's 3 workers). Two responses, one subtraction.
  // Closing it needs suppression consistent across every table (rounding or noise); remove .fails then.
  it.fails('two responses (national and by=sizeBand) cannot be subtracted to recover a hidden count', async () => {
    const national = await ok(app, evaluator, 'GET', '/api/trends/role-fit');
    const bySize = await ok(app, evaluator, 'GET', '/api/trends/role-fit?by=sizeBand');
    for (const total of national.rows as { year: number; workers: number | null }[]) {
      const parts = (bySize.rows as { year: number; segment: { sizeBand: string }; workers: number | null }[]).filter(
        (r) => r.year === total.year,
      );
      const hidden = parts.filter((p) => p.workers === null);
      if (total.workers === null || hidden.length !== 1) continue;
      const recovered = total.workers - parts.reduce((sum, p) => sum + (p.workers ?? 0), 0);
      expect(recovered, `${total.year}: ${hidden[0]!.segment.sizeBand} recovered`).not.toBeLessThan(5);
    }
  });

  // Held: a job role's name is free text any learning lead writes, and a national evaluator's by=role CSV
  // carries every one. The CSV quotes off a leading = + - @; a leading tab or carriage return (which
  // spreadsheets also read as a formula's start) never gets there, since names are trimmed.
  it("a job role named like a formula is never a formula in an evaluator's CSV", async () => {
    await ok(app, leadC, 'POST', '/api/roles', {
      id: 'c-formula',
      organisationId: 'org-c',
      name: '\t=HYPERLINK("http://evil.example/","x")',
      requirements: [],
    });
    const defined = await api(app, admin, 'GET', '/api/organisations/org-c/roles');
    const role = (defined.body.roles as { id: string; name: string }[]).find((r) => r.id === 'c-formula');
    // The name is trimmed: the leading tab is gone and the = is quoted off below.
    expect(role?.name).toBe('=HYPERLINK("http://evil.example/","x")');
    await ok(app, leadC, 'POST', '/api/organisations/org-c/workers/moves', {
      rows: [{ workerId: staff.c[0], action: 'assign-role', date: '2025-03-01', roleId: 'c-formula' }],
    });
    await waitForProjections(app.runtime);
    const csv = await fetch(`${app.baseUrl}/api/trends/role-fit?by=role&format=csv`, {
      headers: { authorization: `Bearer ${evaluator}` },
    });
    const text = await csv.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/"",""x"")"`);
    for (const line of text.split('\r\n'))
      for (const cell of line.split(','))
        expect(/^"?[\t\r]*[=+\-@]/.test(cell) && !/^"?-?\d/.test(cell), `${JSON.stringify(cell)} in ${line}`).toBe(
          false,
        );
  });
});

/** A trend row as its CSV line reads it: nested keys as a.b, arrays joined by spaces, values as text. */
function flatRow(row: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: Record<string, unknown>, prefix: string) => {
    for (const [key, v] of Object.entries(value)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, name);
      else if (v === null || v === undefined) out[name] = '';
      else if (Array.isArray(v)) out[name] = v.join(' ');
      else out[name] = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
    }
  };
  walk(row, '');
  return out;
}

/** RFC 4180 with a header line, each record as an object of its non-missing columns. */
function csvRows(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (record.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      ((record = []), (field = ''), i++);
    } else field += c;
  }
  const [header, ...lines] = records;
  return lines.map((line) => {
    const row: Record<string, string> = {};
    header!.forEach((column, i) => {
      row[column] = line[i] ?? '';
    });
    return row;
  });
}

function firstPersonalCapability(): string {
  return personalCapabilities[0]!.id;
}

describe('request bodies on every /api route that takes one', () => {
  interface Operation {
    requestBody?: { content?: Record<string, unknown> };
  }

  async function bodyRoutes(): Promise<{ method: string; path: string }[]> {
    const document = (await ok(app, undefined, 'GET', '/api/docs/openapi.json')) as {
      paths: Record<string, Record<string, Operation>>;
    };
    return Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => path.startsWith('/api/') && operation.requestBody?.content?.['application/json'])
        .map(([method]) => ({ method: method.toUpperCase(), path })),
    );
  }

  /** `{id}` is the organisation, job role or worker the path is about. */
  const idFor = (path: string) =>
    path.startsWith('/api/roles/') ? 'a-carer' : path.startsWith('/api/workers/') ? staff.a[0]! : 'org-a';
  const PARAMS: Record<string, () => string> = {
    organisationId: () => 'org-a',
    workerId: () => staff.a[0]!,
    roleId: () => 'a-carer',
    auditId: () => randomUUID(),
    actionId: () => randomUUID(),
    statementId: () => randomUUID(),
    userId: () => randomUUID(),
    name: () => 'event-log',
    clientId: () => randomUUID(),
  };
  const fill = (path: string) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'id') return encodeURIComponent(idFor(path));
      return encodeURIComponent((PARAMS[name] ?? randomUUID)());
    });

  async function send(method: string, path: string, raw: string, contentType = 'application/json', token = admin) {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: raw,
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const HOSTILE: [string, string, string][] = [
    ['unknown property', '{"zzzUnknown":1}', 'application/json'],
    ['__proto__', '{"__proto__":{"isAdmin":true}}', 'application/json'],
    ['constructor.prototype', '{"constructor":{"prototype":{"isAdmin":true}}}', 'application/json'],
    ['101 levels deep', `{"deep":${nested(101)}}`, 'application/json'],
    ['an array', '[{"zzzUnknown":1}]', 'application/json'],
    ['a huge number', '{"zzzUnknown":1e999999}', 'application/json'],
    ['not JSON', '{"a":', 'application/json'],
  ];

  it('every hostile body is a 4xx problem naming what is wrong, writing nothing (as a platform admin)', async () => {
    const routes = await bodyRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const seen: string[] = [];
    for (const { method, path } of routes)
      for (const [label, raw, contentType] of HOSTILE) {
        const url = fill(path);
        await waitForProjections(app.runtime);
        const before = await writesSnapshot(app.runtime.pool);
        const answer = await send(method, url, raw, contentType);
        seen.push(`${answer.status} ${method} ${path} ${label}`);
        expect(answer.status, `${method} ${path} ${label}: ${answer.text}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${method} ${path} ${label}: ${answer.text}`).toBeLessThan(500);
        expectProblem(answer, { status: answer.status });
        await waitForProjections(app.runtime);
        expect(await writesSnapshot(app.runtime.pool), `${method} ${path} ${label}`).toEqual(before);
        expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      }
    // Every refusal a platform admin meets is the body's (400), but where only the worker may act (their
    // shares, the staff survey) and the body is not an object the closed-body gate reads.
    expect(seen.filter((s) => !s.startsWith('400 '))).toEqual([
      '403 POST /api/workers/{id}/shares an array',
      '403 POST /api/workers/{id}/shares/withdraw an array',
      '403 POST /api/organisations/{id}/audits/{auditId}/survey-responses an array',
    ]);
  });

  it('wrong content types are refused before any handler runs (415 or 400), writing nothing', async () => {
    const routes = await bodyRoutes();
    for (const { method, path } of routes)
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
      ]) {
        const url = fill(path);
        await waitForProjections(app.runtime);
        const before = await writesSnapshot(app.runtime.pool);
        const answer = await send(method, url, '{"name":"x"}', contentType);
        expect([400, 415], `${method} ${path} ${contentType}: ${answer.text}`).toContain(answer.status);
        await waitForProjections(app.runtime);
        expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
      }
  });
});

describe('workers registered from statements, reviewed across organisations', () => {
  let fromA: string[] = [];
  let fromB: string;

  const actor = (label: string) => ({
    objectType: 'Agent',
    mbox: `mailto:${label}-${randomUUID()}@lms.attack7.example.org`,
  });
  const statement = (who: object) => ({
    actor: who,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-GB': 'experienced' } },
    object: { id: 'http://example.org/course/manual-handling' },
    timestamp: '2025-03-01T10:00:00Z',
  });
  const fromStatements = async (organisationId: string, token: string) =>
    (await ok(app, token, 'GET', `/api/organisations/${organisationId}/workers-from-statements`)).workers as {
      id: string;
    }[];
  const review = (organisationId: string, workerId: string, what: string, token: string, body: unknown = {}) =>
    api(app, token, 'POST', `/api/organisations/${organisationId}/workers-from-statements/${workerId}/${what}`, body);

  beforeAll(async () => {
    const a = await registerLrsClient(app, 'org-a');
    const b = await registerLrsClient(app, 'org-b');
    for (const label of ['sa1', 'sa2', 'sa3'])
      expect((await postToLrs(app, basicAuth(a), statement(actor(label)))).status).toBe(200);
    expect((await postToLrs(app, basicAuth(b), statement(actor('sb1')))).status).toBe(200);
    await waitForProjections(app.runtime);
    fromA = (await fromStatements('org-a', leadA)).map((w) => w.id);
    [fromB] = (await fromStatements('org-b', leadB)).map((w) => w.id) as [string];
    expect(fromA).toHaveLength(3);
  }, 60_000);

  it("B's lead is refused on A's list alike for a real and an unknown organisation", async () => {
    for (const what of ['confirm', 'reject', 'merge']) {
      const body = what === 'merge' ? { intoWorkerId: staff.b[0] } : {};
      const onA = await expectRefusedWritingNothing(() => review('org-a', fromA[0]!, what, leadB, body), 403);
      const onNone = await expectRefusedWritingNothing(() => review('org-zz', fromA[0]!, what, leadB, body), 403);
      expect(withoutInstance(onA)).toEqual(withoutInstance(onNone));
    }
    expect(await fromStatements('org-a', leadA)).toHaveLength(3);
  });

  it("B's lead naming A's statement worker on B's own list gets the unknown worker's 404", async () => {
    for (const what of ['confirm', 'reject', 'merge']) {
      const body = what === 'merge' ? { intoWorkerId: staff.b[0] } : {};
      const real = await expectRefusedWritingNothing(
        () => review('org-b', fromA[0]!, what, leadB, body),
        404,
        'workerId',
      );
      const none = await expectRefusedWritingNothing(
        () => review('org-b', 'no-such-worker', what, leadB, body),
        404,
        'workerId',
      );
      expect(real.detail.replace(fromA[0]!, '?')).toBe(none.detail.replace('no-such-worker', '?'));
    }
  });

  it("a merge into another organisation's worker is the 409 of one that does not exist", async () => {
    const intoB = await expectRefusedWritingNothing(
      () => review('org-a', fromA[0]!, 'merge', leadA, { intoWorkerId: staff.b[0] }),
      409,
      'intoWorkerId',
    );
    const intoNobody = await expectRefusedWritingNothing(
      () => review('org-a', fromA[0]!, 'merge', leadA, { intoWorkerId: 'no-such-worker' }),
      409,
      'intoWorkerId',
    );
    expect(withoutInstance(intoB)).toEqual(withoutInstance(intoNobody));
    // Nor into B's statement worker, nor into A's own worker from B's list.
    await expectRefusedWritingNothing(
      () => review('org-a', fromA[0]!, 'merge', leadA, { intoWorkerId: fromB }),
      409,
      'intoWorkerId',
    );
    await expectRefusedWritingNothing(
      () => review('org-b', fromB, 'merge', leadB, { intoWorkerId: staff.a[0] }),
      409,
      'intoWorkerId',
    );
    // A platform admin acting on A's list cannot merge into B's worker either.
    await expectRefusedWritingNothing(
      () => review('org-a', fromA[0]!, 'merge', admin, { intoWorkerId: staff.b[0] }),
      409,
      'intoWorkerId',
    );
  });

  it('hostile review bodies are a 400 naming the field, writing nothing', async () => {
    for (const [what, body, field] of [
      ['merge', {}, 'intoWorkerId'],
      ['merge', { intoWorkerId: fromA[1] }, 'intoWorkerId'],
      ['merge', { intoWorkerId: 'a\u0000b' }, 'intoWorkerId'],
      ['merge', { intoWorkerId: staff.a[1], note: 'x' }, 'note'],
      ['confirm', { note: 'x'.repeat(100_000) }, 'note'],
      ['confirm', { note: 42 }, 'note'],
      ['reject', { intoWorkerId: staff.a[1] }, 'intoWorkerId'],
    ] as const)
      await expectRefusedWritingNothing(() => review('org-a', fromA[1]!, what, leadA, body), 400, field);
  });

  // Found in this attack: joining a worker who was merged answered "worker X was merged into worker Y" to
  // anyone, so B's lead who held a merged id of A (an LMS actor's worker) learned the id of A's worker Y,
  // a worker B never knew. It answers now as for an id nobody holds.
  it("after A merges its statement worker, B's lead learns nothing of whom it was merged into", async () => {
    const merged = await review('org-a', fromA[2]!, 'merge', leadA, { intoWorkerId: staff.a[2] });
    expect(merged.status, merged.text).toBe(200);
    const viaMoves = await expectRefusedWritingNothing(
      () => moves('org-b', [{ workerId: fromA[2], action: 'join', date: '2025-06-01' }], leadB),
      404,
      'rows[0].workerId',
    );
    const unknownViaMoves = await expectRefusedWritingNothing(
      () => moves('org-b', [{ workerId: 'no-such-worker', action: 'join', date: '2025-06-01' }], leadB),
      404,
      'rows[0].workerId',
    );
    expect(viaMoves.detail.replace(fromA[2]!, '?')).toBe(unknownViaMoves.detail.replace('no-such-worker', '?'));
    expect(viaMoves.detail).not.toContain(staff.a[2]!);
    const single = await expectRefusedWritingNothing(
      () => api(app, leadB, 'POST', `/api/workers/${fromA[2]}/memberships`, { organisationId: 'org-b' }),
      404,
    );
    expect(single.detail).not.toContain(staff.a[2]!);
  });

  it("A's rejection of its statement worker leaves B's list and B's workers untouched", async () => {
    const before = await ok(app, admin, 'GET', '/api/organisations/org-b/workers?limit=500');
    const rejected = await review('org-a', fromA[1]!, 'reject', leadA);
    expect(rejected.status, rejected.text).toBe(200);
    expect((await fromStatements('org-b', leadB)).map((w) => w.id)).toEqual([fromB]);
    expect(await ok(app, admin, 'GET', '/api/organisations/org-b/workers?limit=500')).toEqual(before);
    // A second review of either kind, by A or by B, changes nothing.
    await expectRefusedWritingNothing(() => review('org-a', fromA[1]!, 'confirm', leadA), 409, 'workerId');
    await expectRefusedWritingNothing(() => review('org-b', fromA[1]!, 'confirm', leadB), 404, 'workerId');
  });
});

describe('dates far in the past against the trends read model', () => {
  // Found in this attack: one move (or a staff-list row) dated 0001-01-01 by any learning lead made the
  // trends read model compute and store every year from year 1 to today for that worker and their
  // organisation: measured here, 140 s for the trends projection to catch up on one worker and its
  // cells growing from 2,834 to 1,028,235 rows; 500 such rows in one request would stall every
  // evaluator's figures for hours. The national adoption trend then answered 2,026 rows from year 1.
  // Years before 1990 (the first a trend query may ask for) are no longer computed.
  it('a join dated 0001-01-01 costs the trends read model no more than a join in 1990', async () => {
    const before = Number((await app.runtime.pool.query('select count(*) as n from rm_trends.cells')).rows[0].n);
    const answer = await moves('org-c', [{ workerId: staff.c[1], action: 'leave', date: '2023-06-30' }], leadC);
    expect(answer.status, answer.text).toBe(201);
    const registered = await ok(app, leadC, 'POST', '/api/organisations/org-c/workers/import', {
      workers: [
        { name: 'ancient', identifiers: [{ mbox: 'mailto:ancient@attack7.example.org' }], joinedOn: '0001-01-01' },
      ],
    });
    expect(registered.workers).toHaveLength(1);
    const started = Date.now();
    await waitForProjections(app.runtime, 60_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    const after = await app.runtime.pool.query('select count(*) as n, min(year) as first from rm_trends.cells');
    expect(Number(after.rows[0].first)).toBeGreaterThanOrEqual(1989);
    expect(Number(after.rows[0].n) - before).toBeLessThan(20_000);
    const adoption = await ok(app, evaluator, 'GET', '/api/trends/adoption');
    expect(adoption.rows[0].year).toBeGreaterThanOrEqual(1990);
    expect(adoption.rows.length).toBeLessThanOrEqual(2100 - 1990);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { api, ok } from '../../../test/support/http-api.js';
import { registerTurnoverOrganisations, sendMoves } from '../../../test/support/moves.js';
import { expectProblem } from '../../../test/support/problem.js';

/**
 * Issue 16 §5: an organisation's learning lead records staff turnover in one request
 * (POST /api/organisations/:id/workers/moves): workers joining, taking a job role and leaving, in order,
 * every move decided as the single routes decide it, all or nothing.
 */
let app: TestApp;
let admin: string;
let leadA: string;
let leadB: string;
let ann: string;
let abe: string;
let bea: string;
const moves = (organisationId: string, rows: unknown, token = leadA) => sendMoves(app, token, organisationId, rows);
const eventCount = async () => Number((await app.runtime.pool.query('select count(*) as n from events')).rows[0].n);
const workerAsAdmin = (id: string) => ok(app, admin, 'GET', `/api/workers/${id}`);

/** Whatever the refusal, nothing is written. */
async function expectRefused(
  answer: Promise<Awaited<ReturnType<typeof api>>>,
  status: number,
  field: string | undefined,
): Promise<void> {
  const before = await eventCount();
  const snapshot = await Promise.all([ann, abe, bea].map(workerAsAdmin));
  expectProblem(await answer, { status, field });
  expect(await eventCount()).toBe(before);
  expect(await Promise.all([ann, abe, bea].map(workerAsAdmin))).toEqual(snapshot);
}

const register = async (name: string, organisationId: string) =>
  (
    await ok(app, admin, 'POST', '/api/workers', {
      name,
      identifiers: [{ mbox: `mailto:${name}@moves.example.org` }],
      organisationId,
      joinedOn: '2023-01-01',
    })
  ).id as string;

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  const leads = await registerTurnoverOrganisations(
    app,
    [
      { id: 'org-a', roles: ['a-carer', 'a-senior'] },
      { id: 'org-b', roles: ['b-carer'] },
      { id: 'org-c', roles: [] },
    ],
    'example.org',
  );
  [leadA, leadB] = [leads['org-a']!, leads['org-b']!];
  ann = await register('ann', 'org-a');
  abe = await register('abe', 'org-a');
  bea = await register('bea', 'org-b');
});

afterAll(async () => {
  await app?.close();
});

describe('POST /api/organisations/:id/workers/moves', () => {
  it('decides each move on the worker as the moves before it left them, readable as soon as it answers', async () => {
    const answer = await moves('org-a', [
      { workerId: ann, action: 'assign-role', date: '2023-02-01', roleId: 'a-carer' },
      { workerId: abe, action: 'assign-role', date: '2023-03-01', roleId: 'a-carer' },
      { workerId: ann, action: 'assign-role', date: '2024-01-01', roleId: 'a-senior' },
      { workerId: abe, action: 'leave', date: '2024-06-30' },
    ]);
    expect(answer.status).toBe(201);
    expect(answer.body.rows).toEqual([ann, abe, ann, abe].map((workerId) => ({ workerId, invited: false })));
    expect(await ok(app, leadA, 'GET', `/api/workers/${ann}`)).toMatchObject({
      organisations: [{ organisationId: 'org-a', from: '2023-01-01', to: null }],
      roles: [
        { roleId: 'a-carer', from: '2023-02-01', to: '2024-01-01' },
        { roleId: 'a-senior', from: '2024-01-01', to: null },
      ],
    });
    // A worker who left is no longer the lead's to read: the admin reads them.
    expect(await workerAsAdmin(abe)).toMatchObject({
      organisations: [{ organisationId: 'org-a', to: '2024-06-30' }],
      roles: [{ roleId: 'a-carer', from: '2023-03-01', to: '2024-06-30' }],
    });
  });

  it('takes a worker who left one employer into another (a platform admin: joined at once, with a role)', async () => {
    const answer = await moves(
      'org-b',
      [
        { workerId: abe, action: 'join', date: '2024-07-15' },
        { workerId: abe, action: 'assign-role', date: '2024-07-15', roleId: 'b-carer' },
      ],
      admin,
    );
    expect(answer.status).toBe(201);
    expect(await workerAsAdmin(abe)).toMatchObject({
      organisations: [
        { organisationId: 'org-a', to: '2024-06-30' },
        { organisationId: 'org-b', from: '2024-07-15', to: null },
      ],
      roles: [{ roleId: 'a-carer' }, { roleId: 'b-carer', from: '2024-07-15', to: null }],
    });
  });

  it("refuses an org-B lead moving org-A's worker: 403 on A's list, and as unknown on B's own", async () => {
    await expectRefused(
      moves('org-a', [{ workerId: ann, action: 'leave', date: '2025-01-01' }], leadB),
      403,
      undefined,
    );
    await expectRefused(
      moves('org-b', [{ workerId: ann, action: 'leave', date: '2025-01-01' }], leadB),
      404,
      'rows[0].workerId',
    );
    await expectRefused(
      moves('org-b', [{ workerId: ann, action: 'assign-role', date: '2025-01-01', roleId: 'b-carer' }], leadB),
      404,
      'rows[0].workerId',
    );
    // The same words for an id nobody holds.
    await expectRefused(
      moves('org-b', [{ workerId: 'no-such-worker', action: 'leave', date: '2025-01-01' }], leadB),
      404,
      'rows[0].workerId',
    );
    // Joining a worker A knows makes an invitation for the worker to accept, not a move.
    const invited = await moves('org-b', [{ workerId: ann, action: 'join', date: '2025-01-01' }], leadB);
    expect(invited.status).toBe(201);
    expect(invited.body.rows).toEqual([{ workerId: ann, invited: true }]);
    expect((await workerAsAdmin(ann)).organisations).toMatchObject([{ organisationId: 'org-a', to: null }]);
  });

  it("answers another organisation's role as unknown, like one that does not exist", async () => {
    for (const roleId of ['b-carer', 'no-such-role'])
      await expectRefused(
        moves('org-a', [
          { workerId: ann, action: 'leave', date: '2025-02-01' },
          { workerId: ann, action: 'assign-role', date: '2025-02-01', roleId },
        ]),
        404,
        'rows[1].roleId',
      );
  });

  it('refuses all the moves for one the worker cannot make, naming its row (nothing written)', async () => {
    await expectRefused(
      moves('org-a', [
        { workerId: ann, action: 'leave', date: '2025-03-01' },
        { workerId: ann, action: 'leave', date: '2025-03-02' },
      ]),
      409,
      'rows[1].organisationId',
    );
    await expectRefused(
      moves('org-a', [
        { workerId: abe, action: 'join', date: '2025-01-01' },
        { workerId: ann, action: 'join', date: '2025-01-01' },
      ]),
      409,
      'rows[1].organisationId',
    );
    await expectRefused(
      moves(
        'org-c',
        [
          { workerId: abe, action: 'join', date: '2025-01-01' },
          { workerId: abe, action: 'leave', date: '2024-12-31' },
        ],
        admin,
      ),
      400,
      'rows[1].date',
    );
  });

  it('refuses hostile rows with a 400 naming rows[i].field, writing nothing', async () => {
    const cases: [unknown, string][] = [
      [[{ workerId: ann, action: 'leave', date: '2025-02-30' }], 'rows[0].date'],
      [[{ workerId: ann, action: 'leave' }], 'rows[0].date'],
      [[{ workerId: ann, action: 'promote', date: '2025-01-01' }], 'rows[0].action'],
      [[{ workerId: ann, action: 'leave', date: '2025-01-01', roleId: 'a-carer' }], 'rows[0].roleId'],
      [[{ workerId: ann, action: 'assign-role', date: '2025-01-01' }], 'rows[0].roleId'],
      [[{ workerId: ann, action: 'leave', date: '2025-01-01', organisationId: 'org-b' }], 'rows[0].organisationId'],
      [[{ workerId: 'x'.repeat(64), action: 'leave', date: '2025-01-01' }], 'rows[0].workerId'],
      [[{ workerId: 42, action: 'leave', date: '2025-01-01' }], 'rows[0].workerId'],
      [[{ workerId: ann, action: 'leave', date: '2025-01-01' }, 'leave'], 'rows[1]'],
      [[{ workerId: ann, action: 'leave', date: '2025-01-01' }, null], 'rows[1]'],
      [[], 'rows'],
      [undefined, 'rows'],
      [{ 0: 'not an array' }, 'rows'],
      [Array.from({ length: 501 }, () => ({ workerId: ann, action: 'leave', date: '2025-01-01' })), 'rows'],
    ];
    for (const [rows, field] of cases) await expectRefused(moves('org-a', rows), 400, field);
    await expectRefused(moves('org-none', [{ workerId: ann, action: 'leave', date: '2025-01-01' }], admin), 404, 'id');
  });

  it('takes up to 500 moves', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({
      workerId: ann,
      action: 'assign-role',
      date: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
      roleId: i % 2 ? 'a-carer' : 'a-senior',
    })).sort((x, y) => x.date.localeCompare(y.date));
    // A role after the same role is refused: alternate, in date order.
    rows.forEach((row, i) => (row.roleId = i % 2 ? 'a-senior' : 'a-carer'));
    const answer = await moves('org-a', [
      ...rows,
      ...rows.map((r) => ({ ...r, date: r.date.replace('2025-01', '2025-02') })),
    ]);
    expect(answer.status).toBe(201);
    expect(answer.body.rows).toHaveLength(500);
    // Several moves share a day: whatever the order of equal dates, the last move's role is the one held.
    const held = (await workerAsAdmin(ann)).roles.filter((r: { to: string | null }) => r.to === null);
    expect(held).toMatchObject([{ roleId: 'a-senior', from: '2025-02-28' }]);
  });
});

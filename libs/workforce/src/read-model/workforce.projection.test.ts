import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '#libs/database';
import { eventStoreMigrations, PostgresEventStore } from '#libs/event-store';
import { findIndicator, CLF_ACTIVITY_TYPES, CLF_VERBS } from '#libs/framework';
import { liveSchema, projectionMigrations, rebuildProjection, ProjectionRunner, waitForProjection } from '#libs/projections';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { statementStreamId, STATEMENT_STORED } from '../../../xapi/src/lrs/statements/statement-events.js';
import { WORKFORCE_EVENTS as EV, workerStream } from '../domain/events.js';
import { workerIdFor } from '../domain/identifiers.js';
import { capabilityProfile } from '../queries/capability-profile.query.js';
import { workforceProjection } from './workforce.projection.js';

/** The read model on a real database: statements applied set-based, identifiers merged, a rebuild equal to the live tables. */
let db: TestDatabase;
let store: PostgresEventStore;
const schema = liveSchema(workforceProjection.name);
const ANN = { account: { homePage: 'https://lms.example.org', name: 'ann' } };
const ANN_MAIL = { mbox: 'mailto:ann@example.org' };

const demonstrated = (id: string, actor: object, indicatorId: string, timestamp: string) => ({
  id,
  actor: { objectType: 'Agent', ...actor },
  verb: { id: CLF_VERBS.demonstrated },
  object: { objectType: 'Activity', id: findIndicator(indicatorId)!.iri, definition: { type: CLF_ACTIVITY_TYPES.indicator } },
  result: { success: true },
  timestamp,
});

async function store_(statement: Record<string, unknown>, organisationId = 'org-1') {
  return store.append({
    streamId: statementStreamId(organisationId, statement.id as string),
    expectedRevision: 'no_stream',
    events: [{ type: STATEMENT_STORED, data: { statement }, metadata: { tenantId: organisationId } }],
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.pool, [...eventStoreMigrations, ...projectionMigrations]);
  store = new PostgresEventStore(db.pool);
});

afterAll(async () => {
  await store?.close();
  await db?.drop();
});

describe('workforce projection', () => {
  it('makes a worker of an unknown actor, withdraws voided evidence in the same batch, and merges identifiers on registration', async () => {
    // Appended before the runner starts, so they arrive as one batch.
    await store_(demonstrated('00000000-0000-4000-8000-000000000001', ANN, 'pc.teamwork.engaged.1', '2025-01-01T00:00:00Z'));
    await store_(demonstrated('00000000-0000-4000-8000-000000000002', ANN, 'pc.teamwork.engaged.2', '2025-01-02T00:00:00Z'));
    await store_(demonstrated('00000000-0000-4000-8000-000000000003', ANN_MAIL, 'pc.empathy.engaged.1', '2025-01-03T00:00:00Z'));
    await store_({
      id: '00000000-0000-4000-8000-000000000004',
      actor: { objectType: 'Agent', ...ANN },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: '00000000-0000-4000-8000-000000000002' },
      timestamp: '2025-02-01T00:00:00Z',
    });
    // Registration through /api under the account: the mailbox seen on its own before joins the same worker.
    const annId = workerIdFor('account:https://lms.example.org ann');
    const last = await store.append({
      streamId: workerStream(annId),
      events: [
        { type: EV.workerRegistered, data: { workerId: annId, name: 'Ann', identifiers: [{ ifi: 'account:https://lms.example.org ann', agent: ANN }] } },
        { type: EV.workerIdentifierAdded, data: { workerId: annId, identifier: { ifi: 'mbox:mailto:ann@example.org', agent: ANN_MAIL } } },
      ],
    });
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [workforceProjection] });
    runner.start();
    try {
      await waitForProjection(db.pool, workforceProjection.name, last.position);
    } finally {
      await runner.stop();
    }

    const workers = await db.pool.query(`select id, name, registered_via from ${schema}.workers order by id`);
    expect(workers.rows).toEqual([{ id: annId, name: 'Ann', registered_via: 'api' }]);
    const records = await db.pool.query(`select statement_id, worker_id, withdrawn_at is not null as withdrawn from ${schema}.records order by statement_id`);
    expect(records.rows.map((r) => [r.statement_id.slice(-1), r.worker_id === annId, r.withdrawn])).toEqual([
      ['1', true, false],
      ['2', true, true],
      ['3', true, false],
    ]);
    const now = await capabilityProfile(db.pool, annId, new Date('2026-01-01'));
    const stage = (id: string) => now.capabilities.find((c) => c.capabilityId === id)!.stage;
    expect(stage('pc.teamwork')).toBe('not-yet-engaged');
    const before = await capabilityProfile(db.pool, annId, new Date('2025-01-15'));
    expect(before.capabilities.find((c) => c.capabilityId === 'pc.teamwork')!.stage).toBe('engaged');
  });

  it('a rebuild from the log equals the live read model', async () => {
    const tables = ['organisations', 'workers', 'worker_identifiers', 'memberships', 'roles', 'role_assignments', 'records'];
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const t of tables) out[t] = (await db.pool.query(`select * from ${schema}.${t} order by 1, 2`)).rows;
      return out;
    };
    const live = await snapshot();
    await rebuildProjection({ pool: db.pool, store, projection: workforceProjection });
    expect(await snapshot()).toEqual(live);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '#libs/database';
import { eventStoreMigrations, PostgresEventStore, type Position } from '#libs/event-store';
import { findIndicator, CLF_ACTIVITY_TYPES, CLF_VERBS } from '#libs/framework';
import {
  liveSchema,
  projectionMigrations,
  rebuildProjection,
  ProjectionRunner,
  ReactorRebuildError,
  waitForProjection,
} from '#libs/projections';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { STATEMENT_STORED, statementStreamId } from '#libs/xapi';
import { WORKFORCE_EVENTS as EV, evidenceStream, workerStream } from '../domain/events.js';
import { workerIdFor } from '../domain/identifiers.js';
import { WORKFORCE_EVIDENCE_REACTOR, workforceEvidenceReactor } from '../evidence/clf-statement.reactor.js';
import { capabilityProfile } from './capability-profile.js';
import { RegisterOrganisation } from '../organisations/register-organisation/register-organisation.command.js';
import { RegisterOrganisationHandler } from '../organisations/register-organisation/register-organisation.handler.js';
import { WorkforceStreams } from '../shared/workforce-streams.service.js';
import { AddIdentifier, parseAddIdentifier } from '../workers/add-identifier/add-identifier.command.js';
import { AddIdentifierHandler } from '../workers/add-identifier/add-identifier.handler.js';
import { RegisterWorker, parseRegisterWorker } from '../workers/register-worker/register-worker.command.js';
import { RegisterWorkerHandler } from '../workers/register-worker/register-worker.handler.js';
import { workforceProjection } from './workforce.projection.js';

/**
 * The evidence reactor and the workforce projection on a real database: statements become domain
 * events, and the read model is built from those events only (a rebuild equals the live tables).
 */
let db: TestDatabase;
let store: PostgresEventStore;
let runner: ProjectionRunner;
let streams: WorkforceStreams;
const schema = liveSchema(workforceProjection.name);
const ANN = { account: { homePage: 'https://lms.example.org', name: 'ann' } };
const ANN_MAIL = { mbox: 'mailto:ann@example.org' };
const annId = workerIdFor('account:https://lms.example.org ann');
const mailId = workerIdFor('mbox:mailto:ann@example.org');

const demonstrated = (id: string, actor: object, indicatorId: string, timestamp: string) => ({
  id,
  actor: { objectType: 'Agent', ...actor },
  verb: { id: CLF_VERBS.demonstrated },
  object: {
    objectType: 'Activity',
    id: findIndicator(indicatorId)!.iri,
    definition: { type: CLF_ACTIVITY_TYPES.indicator },
  },
  result: { success: true },
  timestamp,
});

async function storeStatement(statement: Record<string, unknown>, organisationId = 'org-1') {
  return store.append({
    streamId: statementStreamId(organisationId, statement.id as string),
    expectedRevision: 'no_stream',
    events: [{ type: STATEMENT_STORED, data: { statement }, metadata: { tenantId: organisationId, actor: 'lms-key' } }],
  });
}

/** The reactor has passed `position`, and the projection everything the reactor appended. */
async function caughtUp(position: Position) {
  await waitForProjection(db.pool, WORKFORCE_EVIDENCE_REACTOR, position);
  await waitForProjection(db.pool, workforceProjection.name, await store.headPosition());
}

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.pool, [...eventStoreMigrations, ...projectionMigrations]);
  store = new PostgresEventStore(db.pool);
  streams = new WorkforceStreams(store, db.pool);
  // Appended before the runner starts, so they arrive as one batch.
  await storeStatement(
    demonstrated('00000000-0000-4000-8000-000000000001', ANN, 'pc.teamwork.engaged.1', '2025-01-01T00:00:00Z'),
  );
  await storeStatement(
    demonstrated('00000000-0000-4000-8000-000000000002', ANN, 'pc.teamwork.engaged.2', '2025-01-02T00:00:00Z'),
  );
  await storeStatement(
    demonstrated('00000000-0000-4000-8000-000000000003', ANN_MAIL, 'pc.empathy.engaged.1', '2025-01-03T00:00:00Z'),
  );
  const last = await storeStatement({
    id: '00000000-0000-4000-8000-000000000004',
    actor: { objectType: 'Agent', ...ANN },
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
    object: { objectType: 'StatementRef', id: '00000000-0000-4000-8000-000000000002' },
    timestamp: '2025-02-01T00:00:00Z',
  });
  runner = new ProjectionRunner({
    pool: db.pool,
    store,
    projections: [workforceEvidenceReactor, workforceProjection],
    leaseRetryMs: 50,
  });
  runner.start();
  await caughtUp(last.position);
});

afterAll(async () => {
  await runner?.stop();
  await store?.close();
  await db?.drop();
});

describe('statements → domain events → read model', () => {
  it('an unknown actor becomes a worker through WorkerRegistered, caused by the statement', async () => {
    const [statement] = await store.readStream(statementStreamId('org-1', '00000000-0000-4000-8000-000000000001'));
    const events = await store.readStream(workerStream(annId));
    expect(events.map((e) => [e.type, e.data])).toEqual([
      [
        EV.workerRegistered,
        {
          workerId: annId,
          identifiers: [{ ifi: 'account:https://lms.example.org ann', agent: ANN }],
          via: 'statement',
        },
      ],
      [
        EV.workerJoinedOrganisation,
        { workerId: annId, organisationId: 'org-1', from: statement!.recordedAt.slice(0, 10) },
      ],
    ]);
    expect(events[0]!.metadata).toMatchObject({
      causationId: statement!.metadata.eventId,
      tenantId: 'org-1',
      actor: 'lms-key',
    });
    const workers = await db.pool.query(`select id, registered_via from ${schema}.workers order by id`);
    expect(workers.rows).toEqual([...[annId, mailId].sort().map((id) => ({ id, registered_via: 'statement' }))]);
  });

  it('evidence and its withdrawal (voided in the same batch) are events in one stream per statement', async () => {
    const stream = await store.readStream(evidenceStream('org-1', '00000000-0000-4000-8000-000000000002'));
    expect(stream.map((e) => e.type)).toEqual([EV.evidenceRecorded, EV.evidenceWithdrawn]);
    expect(stream[0]!.data).toMatchObject({
      workerId: annId,
      kind: 'indicator-assessment',
      occurredAt: '2025-01-02T00:00:00.000Z',
      indicator: { indicatorId: 'pc.teamwork.engaged.2', evidenced: true },
    });
    expect(stream[0]!.metadata.occurredAt).toBe('2025-01-02T00:00:00.000Z');
    expect(stream[1]!.data).toMatchObject({
      workerId: annId,
      voidingStatementId: '00000000-0000-4000-8000-000000000004',
      withdrawnAt: '2025-02-01T00:00:00.000Z',
    });
    const records = await db.pool.query(
      `select statement_id, worker_id, withdrawn_at is not null as withdrawn from ${schema}.records order by statement_id`,
    );
    expect(records.rows.map((r) => [r.statement_id.slice(-1), r.worker_id, r.withdrawn])).toEqual([
      ['1', annId, false],
      ['2', annId, true],
      ['3', mailId, false],
    ]);
    const before = await capabilityProfile(db.pool, annId, new Date('2025-01-15'), 'all');
    expect(before.capabilities.find((c) => c.capabilityId === 'pc.teamwork')!.stage).toBe('engaged');
    const now = await capabilityProfile(db.pool, annId, new Date('2026-01-01'), 'all');
    expect(now.capabilities.find((c) => c.capabilityId === 'pc.teamwork')!.stage).toBe('not-yet-engaged');
  });

  it('registering through /api completes the same worker; an identifier handed over merges the worker seen only under it', async () => {
    // A registration names a registered organisation: the LRS client's org-1 is registered first.
    const org1 = { name: 'Org 1', sector: 'private', region: 'Fife', serviceType: 'care', sizeBand: 'small' } as const;
    await new RegisterOrganisationHandler(streams).execute(
      new RegisterOrganisation({ organisationId: 'org-1', ...org1 }, 'admin'),
    );
    await new RegisterWorkerHandler(streams).execute(
      new RegisterWorker(
        parseRegisterWorker({ name: 'Ann', identifiers: [ANN], organisationId: 'org-1' }),
        { actor: 'lead' },
        '2026-01-01',
        'any',
      ),
    );
    await new AddIdentifierHandler(streams).execute(
      new AddIdentifier(parseAddIdentifier(annId, { identifier: ANN_MAIL }), 'lead', 'any'),
    );
    expect((await store.readStream(workerStream(mailId))).map((e) => e.type)).toEqual([
      EV.workerRegistered,
      EV.workerJoinedOrganisation,
      EV.workerMerged,
    ]);
    // Evidence the reactor attributed to the merged worker just before the merge still reaches Ann.
    const late = await store.append({
      streamId: evidenceStream('org-1', '00000000-0000-4000-8000-0000000000aa'),
      expectedRevision: 'no_stream',
      events: [
        {
          type: EV.evidenceRecorded,
          data: {
            workerId: mailId,
            organisationId: 'org-1',
            statementId: '00000000-0000-4000-8000-0000000000aa',
            kind: 'learning-record',
            occurredAt: '2025-03-01T00:00:00Z',
            storedAt: '2025-03-01T00:00:00Z',
            capabilityIds: [],
            indicatorIds: [],
            details: {},
          },
        },
      ],
    });
    // A statement under the handed-over identifier now belongs to Ann.
    const after = await storeStatement(
      demonstrated('00000000-0000-4000-8000-000000000005', ANN_MAIL, 'pc.empathy.engaged.2', '2025-04-01T00:00:00Z'),
    );
    await caughtUp(after.position);
    expect(late.position.commit).toBeLessThan(after.position.commit);

    const workers = await db.pool.query(`select id, name, registered_via from ${schema}.workers order by id`);
    expect(workers.rows).toEqual([{ id: annId, name: 'Ann', registered_via: 'api' }]);
    const owners = await db.pool.query(`select distinct worker_id from ${schema}.records`);
    expect(owners.rows).toEqual([{ worker_id: annId }]);
    expect((await db.pool.query(`select count(*)::int as n from ${schema}.records`)).rows[0].n).toBe(5);
    const identifiers = await db.pool.query(`select ifi, worker_id from ${schema}.worker_identifiers order by ifi`);
    expect(identifiers.rows).toEqual([
      { ifi: 'account:https://lms.example.org ann', worker_id: annId },
      { ifi: 'mbox:mailto:ann@example.org', worker_id: annId },
    ]);
  });

  it('a rebuild from the log equals the live read model; the reactor is never rebuilt', async () => {
    const tables = [
      'organisations',
      'workers',
      'worker_identifiers',
      'worker_merges',
      'memberships',
      'roles',
      'role_assignments',
      'records',
    ];
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const t of tables) out[t] = (await db.pool.query(`select * from ${schema}.${t} order by 1, 2`)).rows;
      return out;
    };
    const live = await snapshot();
    expect(live.records).toHaveLength(5);
    const head = await store.headPosition();
    await rebuildProjection({ pool: db.pool, store, projection: workforceProjection });
    expect(await snapshot()).toEqual(live);
    await expect(rebuildProjection({ pool: db.pool, store, projection: workforceEvidenceReactor })).rejects.toThrow(
      ReactorRebuildError,
    );
    expect(await store.headPosition()).toEqual(head);
  });

  it('a statement recorded twice keeps its first record, whether the second comes later or in the same batch', async () => {
    const recordOf = async (statementId: string) =>
      (
        await db.pool.query(
          `select worker_id, kind, title from ${schema}.records where organisation_id = 'org-1' and statement_id = $1`,
          [statementId],
        )
      ).rows;
    const evidence = (statementId: string, title: string) => ({
      type: EV.evidenceRecorded,
      data: {
        workerId: annId,
        organisationId: 'org-1',
        statementId,
        kind: 'learning-record',
        occurredAt: '2025-03-01T00:00:00Z',
        storedAt: '2025-03-01T00:00:00Z',
        title,
        capabilityIds: [],
        indicatorIds: [],
        details: {},
      },
    });
    const stored = '00000000-0000-4000-8000-000000000001';
    const before = await recordOf(stored);
    const fresh = '00000000-0000-4000-8000-0000000000a1';
    await store.append({
      streamId: evidenceStream('org-1', stored),
      expectedRevision: 'any',
      events: [evidence(stored, 'again')],
    });
    await store.append({
      streamId: evidenceStream('org-1', fresh),
      expectedRevision: 'no_stream',
      events: [evidence(fresh, 'first'), evidence(fresh, 'second')],
    });
    await waitForProjection(db.pool, workforceProjection.name, await store.headPosition());
    expect(before).toHaveLength(1);
    expect(await recordOf(stored)).toEqual(before);
    expect(await recordOf(fresh)).toEqual([{ worker_id: annId, kind: 'learning-record', title: 'first' }]);
  });
});

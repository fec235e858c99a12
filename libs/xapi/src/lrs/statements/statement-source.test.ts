import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '#libs/database';
import { eventStoreMigrations, PostgresEventStore, type EventStore } from '#libs/event-store';
import {
  liveSchema,
  projectionMigrations,
  ProjectionRunner,
  waitForCaughtUp,
  type Projection,
} from '#libs/projections';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/database.js';
import { STATEMENT_STORED, statementStreamId } from './statement-events.js';
import { statementSource, type StatementTextRow } from './statement-source.js';
import { statementsProjection } from './statements.projection.js';

/**
 * The statements query model's two ways (statement-source.ts) over one log: through the log where it is
 * queryable in this database (the PostgreSQL adapter's sqlLog), and with copies and indexes of its own
 * where it is not (EventStoreDB, whose contract tests need a server: here the PostgreSQL log without the
 * capability stands in). Both must answer alike.
 */
let db: TestDatabase;
let store: PostgresEventStore;
const organisationId = 'default';
const [plain, voiding, referrer, target] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

/** The same log, without the capability: every method delegates, `sqlLog` is absent. */
function withoutSqlLog(log: EventStore): EventStore {
  return {
    kind: log.kind,
    append: (request) => log.append(request),
    appendMany: (requests) => log.appendMany(requests),
    appendWithin: (transaction, request) => log.appendWithin(transaction, request),
    readStream: (streamId, options) => log.readStream(streamId, options),
    readStreams: (streamIds, options) => log.readStreams(streamIds, options),
    readAll: (options) => log.readAll(options),
    headPosition: () => log.headPosition(),
    subscribeToAll: (options) => log.subscribeToAll(options),
    close: async () => {},
  };
}

const ways: { name: string; store: () => EventStore; projection: Projection }[] = [
  { name: 'through the log', store: () => store, projection: statementsProjection },
  {
    name: 'with copies',
    store: () => withoutSqlLog(store),
    projection: { ...statementsProjection, name: 'xapi-statements-copied' },
  },
];

async function append(statement: Record<string, unknown>): Promise<void> {
  await store.append({
    streamId: statementStreamId(organisationId, statement.id as string),
    expectedRevision: 'no_stream',
    events: [{ type: STATEMENT_STORED, data: { statement }, metadata: { tenantId: organisationId } }],
  });
}

const ann = { mbox: 'mailto:ann@example.org' };
const did = { id: 'http://example.org/verbs/did' };

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.pool, [...eventStoreMigrations, ...projectionMigrations]);
  store = new PostgresEventStore(db.pool);
  await append({ id: plain, actor: ann, verb: did, object: { id: 'http://example.org/a' } });
  await append({
    id: voiding,
    actor: ann,
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
    object: { objectType: 'StatementRef', id: plain },
  });
  // Stored before its target: it gains the target's keys when the target arrives.
  await append({ id: referrer, actor: ann, verb: did, object: { objectType: 'StatementRef', id: target } });
  await append({
    id: target,
    actor: { mbox: 'mailto:ben@example.org' },
    verb: did,
    object: { id: 'http://example.org/b' },
  });
  for (const way of ways) {
    const runner = new ProjectionRunner({ pool: db.pool, store: way.store(), projections: [way.projection] });
    runner.start();
    try {
      await waitForCaughtUp(db.pool, way.store(), [way.projection], 15_000);
    } finally {
      await runner.stop();
    }
  }
});

afterAll(async () => {
  await store?.close();
  await db?.drop();
});

async function statementsOf(way: (typeof ways)[number]) {
  const source = statementSource(way.store());
  const schema = liveSchema(way.projection.name);
  const { condition, params } = source.withStatementIds(
    [plain, voiding, referrer, target].map((statementId) => ({ organisationId, statementId })),
  );
  const { rows } = await db.pool.query<StatementTextRow & { seq: number; voided: boolean; index_keys: unknown }>(
    `select s.seq, s.stored, s.voided, s.index_keys, ${source.readColumns} from ${schema}.statements s where ${condition} order by s.seq`,
    params,
  );
  return rows.map((row) => ({
    seq: row.seq,
    voided: row.voided,
    keys: row.index_keys,
    statement: JSON.parse(source.statementText(row)) as { id: string; stored: string },
  }));
}

describe('the statements query model, through the log and with copies', () => {
  it('finds the same statements by id, with the same JSON, voiding and inherited keys', async () => {
    const [throughLog, withCopies] = await Promise.all(ways.map(statementsOf));
    expect(throughLog.map((s) => s.statement.id)).toEqual([plain, voiding, referrer, target]);
    expect(throughLog.map((s) => s.voided)).toEqual([true, false, false, false]);
    expect(JSON.stringify(throughLog[2].keys)).toContain('ben@example.org');
    expect(withCopies).toEqual(throughLog);
  });

  it('finds the same last statement stored by a time', async () => {
    const statements = await statementsOf(ways[0]);
    const times = [
      '2000-01-01T00:00:00.000Z',
      ...statements.map((s) => s.statement.stored),
      new Date(Date.now() + 60_000).toISOString(),
    ];
    for (const way of ways) {
      const source = statementSource(way.store());
      const found: number[] = [];
      for (const time of times)
        found.push(await source.lastSeqStoredBy(db.pool, liveSchema(way.projection.name), time));
      // Each statement's own time finds it, or a later one stored in the same millisecond.
      expect(found[0]).toBe(-1);
      statements.forEach((s, i) => expect(found[i + 1]).toBeGreaterThanOrEqual(s.seq));
      expect(found.at(-1)).toBe(statements.at(-1)!.seq);
    }
  });

  it('keeps a copy and indexes of ids and times only where the log is not queryable', async () => {
    const layout = async (projection: Projection) => {
      const schema = liveSchema(projection.name);
      const bodies = await db.pool.query<{ n: number }>(`select count(body)::int as n from ${schema}.statements`);
      const indexes = await db.pool.query<{ name: string }>(
        `select indexname as name from pg_indexes where schemaname = $1 and tablename = 'statements' order by 1`,
        [schema],
      );
      return { bodies: bodies.rows[0].n, indexes: indexes.rows.map((r) => r.name) };
    };
    expect(await layout(ways[0].projection)).toEqual({
      bodies: 0,
      indexes: ['statements_pkey', 'statements_ref_target', 'statements_with_attachments'],
    });
    expect(await layout(ways[1].projection)).toEqual({
      bodies: 4,
      indexes: [
        'statements_organisation_id_statement_id_key',
        'statements_pkey',
        'statements_ref_target',
        'statements_stored',
        'statements_with_attachments',
      ],
    });
  });
});

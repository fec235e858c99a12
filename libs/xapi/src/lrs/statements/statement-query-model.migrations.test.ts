import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { runMigrations } from '#libs/database';
import { eventStoreMigrations, PostgresEventStore, START } from '#libs/event-store';
import {
  ensureLiveSchema,
  projectionMigrations,
  ProjectionRunner,
  readCheckpoint,
  waitForCaughtUp,
} from '#libs/projections';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/database.js';
import { STATEMENT_STORED, statementStreamId } from './statement-events.js';
import { statementQueryModelLogMigrations, statementQueryModelMigrations } from './statement-query-model.migrations.js';
import { STATEMENTS_PROJECTION, statementsProjection } from './statements.projection.js';

it('an upgrade drops a statements query model of the old layout, and the projection builds it again from the log', async () => {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.pool);
  try {
    await runMigrations(db.pool, [...eventStoreMigrations, ...projectionMigrations]);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await store.appendMany(
      ids.map((id) => ({
        streamId: statementStreamId('default', id),
        expectedRevision: 'no_stream' as const,
        events: [
          {
            type: STATEMENT_STORED,
            data: {
              statement: {
                id,
                actor: { mbox: 'mailto:ann@example.org' },
                verb: { id: 'http://example.org/v' },
                object: { id: 'http://example.org/a' },
              },
            },
            metadata: { tenantId: 'default' },
          },
        ],
      })),
    );
    // As a database of the earlier layout left it: its own tables, and a checkpoint past every statement.
    await db.pool.query(
      `create schema rm_xapi_statements; create table rm_xapi_statements.statements (seq bigint, body text not null)`,
    );
    await db.pool.query(`insert into projection_checkpoints (name, position, events_applied) values ($1, '2/2', 3)`, [
      STATEMENTS_PROJECTION,
    ]);

    await runMigrations(db.pool, statementQueryModelMigrations);
    expect(await readCheckpoint(db.pool, STATEMENTS_PROJECTION)).toEqual(START);

    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [statementsProjection] });
    runner.start();
    try {
      await waitForCaughtUp(db.pool, store, [statementsProjection], 15_000);
    } finally {
      await runner.stop();
    }
    const { rows } = await db.pool.query<{ id: string }>(
      'select statement_id::text as id from rm_xapi_statements.statements order by seq',
    );
    expect(rows.map((r) => r.id)).toEqual(ids);
  } finally {
    await store.close();
    await db.drop();
  }
});

/** A database with the log and an empty statements query model as this version creates it. */
async function withQueryModel(test: (db: TestDatabase) => Promise<void>): Promise<void> {
  const db = await createTestDatabase();
  try {
    await runMigrations(db.pool, [...eventStoreMigrations, ...projectionMigrations]);
    await ensureLiveSchema(db.pool, new PostgresEventStore(db.pool), statementsProjection);
    await test(db);
  } finally {
    await db.drop();
  }
}

it.each([
  [
    'by StatementRef target',
    'statements_ref_target',
    'xapi/004-statement-referrers-index',
    'WHERE (ref_target IS NOT NULL)',
  ],
  [
    'of statements with attachments',
    'statements_with_attachments',
    'xapi/009-statements-with-attachments-index',
    'WHERE (cardinality(attachments) > 0)',
  ],
])('an upgrade adds the index %s to a query model made without it', async (_, index, migrationId, predicate) => {
  await withQueryModel(async (db) => {
    await db.pool.query(`drop index rm_xapi_statements.${index}`);
    await runMigrations(
      db.pool,
      statementQueryModelMigrations.filter((m) => m.id === migrationId),
    );
    const { rows } = await db.pool.query(
      `select indexdef from pg_indexes where schemaname = 'rm_xapi_statements' and indexname = $1`,
      [index],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].indexdef).toContain(predicate);
  });
});

it('an upgrade drops the indexes of statement ids and times when the log is in the same database (found through it)', async () => {
  await withQueryModel(async (db) => {
    // The layout before: ids and times had indexes of their own.
    await db.pool.query('alter table rm_xapi_statements.statements add unique (organisation_id, statement_id)');
    await db.pool.query('create index statements_stored on rm_xapi_statements.statements (stored)');
    const indexes = async () =>
      (
        await db.pool.query<{ name: string }>(
          `select indexname as name from pg_indexes where schemaname = 'rm_xapi_statements' and tablename = 'statements' order by 1`,
        )
      ).rows.map((r) => r.name);
    expect(await indexes()).toContain('statements_organisation_id_statement_id_key');
    await runMigrations(db.pool, statementQueryModelLogMigrations);
    expect(await indexes()).toEqual(['statements_pkey', 'statements_ref_target', 'statements_with_attachments']);
  });
});

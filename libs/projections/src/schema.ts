import type pg from 'pg';
import type { EventStore } from '#libs/event-store';
import { inTransaction } from '#libs/database';
import { takeBatchLock } from './checkpoints.js';
import { liveSchema, type Projection } from './projection.js';

/** Creates the projection's live schema and tables the first time it runs. */
export async function ensureLiveSchema(pool: pg.Pool, store: EventStore, projection: Projection): Promise<void> {
  const schema = liveSchema(projection.name);
  await inTransaction(pool, async (client) => {
    await takeBatchLock(client, projection.name);
    const { rows } = await client.query('select 1 from information_schema.schemata where schema_name = $1', [schema]);
    if (rows.length > 0) return;
    await client.query(`create schema ${schema}`);
    await projection.createTables(client, schema, store);
  });
}

import type pg from 'pg';
import { inTransaction } from '#libs/database';
import { START, type EventStore, type Position } from '#libs/event-store';
import { resetCheckpoint, takeBatchLock } from './checkpoints.js';
import { liveSchema, rebuildSchema, type Projection } from './projection.js';

export interface RebuildProgress {
  percent: number;
  processed: number;
  ratePerSecond: number;
  position: string;
  message: string;
}

export interface RebuildOptions {
  pool: pg.Pool;
  store: EventStore;
  projection: Projection;
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface RebuildResult {
  projection: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

export class ReactorRebuildError extends Error {
  constructor(readonly projection: string) {
    super(
      `"${projection}" is a reactor: it appends events in reaction to the log, so replaying the log would react twice; it is never rebuilt`,
    );
  }
}

/**
 * Rebuilds a projection from the start of the log into a schema beside the live one, so queries keep
 * reading the live tables; when it has caught up (and a projection with `settle` has settled) it takes
 * the projection's batch lock (the live runner waits), applies the last events, and swaps the schemas
 * and the checkpoint in one transaction.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const { pool, store, projection } = options;
  if (projection.reactor) throw new ReactorRebuildError(projection.name);
  const batchSize = options.batchSize ?? 2000;
  const target = rebuildSchema(projection.name);
  const started = performance.now();
  let processed = 0;
  let position: Position = START;

  await inTransaction(pool, async (client) => {
    await client.query(`drop schema if exists ${target} cascade`);
    await client.query(`create schema ${target}`);
    await projection.createTables(client, target, store);
  });

  let head = await store.headPosition();
  const report = async (message: string) => {
    const seconds = (performance.now() - started) / 1000;
    await options.onProgress?.({
      percent: percentOf(position, head),
      processed,
      ratePerSecond: Math.round(processed / Math.max(seconds, 0.001)),
      position: position.commit.toString(),
      message,
    });
  };

  const replaying = projection.settle !== undefined;
  const read = (after: Position) => store.readAll({ after, maxCount: batchSize, filter: projection.filter });
  let reading = read(position);
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await reading;
    const full = page.events.length === batchSize;
    // The next page is read while this one is applied (two connections: PostgreSQL reads the log while
    // the projection writes); a failed apply leaves that read to be dropped.
    if (full) (reading = read(page.lastPosition)).catch(() => {});
    if (page.events.length > 0) {
      await inTransaction(pool, (client) =>
        projection.apply(page.events, { client, schema: target, store, ...(replaying ? { replaying } : {}) }),
      );
      processed += page.events.length;
    }
    position = page.lastPosition;
    if (position.commit > head.commit) head = await store.headPosition();
    await report('catching up');
    if (!full) break;
  }

  await analyseTables(pool, target);
  if (projection.settle) {
    await report('settling');
    // Outside the batch lock: the live runner goes on meanwhile; the last events follow under it.
    await inTransaction(pool, (client) => projection.settle!({ client, schema: target, store }));
    await analyseTables(pool, target);
  }
  await report('analysed');

  await inTransaction(pool, async (client) => {
    await takeBatchLock(client, projection.name);
    for (;;) {
      const page = await store.readAll({ after: position, maxCount: batchSize, filter: projection.filter });
      if (page.events.length > 0) {
        await projection.apply(page.events, { client, schema: target, store });
        processed += page.events.length;
      }
      position = page.lastPosition;
      if (page.events.length < batchSize) break;
    }
    const live = liveSchema(projection.name);
    await client.query(`drop schema if exists ${live} cascade`);
    await client.query(`alter schema ${target} rename to ${live}`);
    await resetCheckpoint(client, projection.name, position, processed);
  });

  const seconds = (performance.now() - started) / 1000;
  await options.onProgress?.({
    percent: 100,
    processed,
    ratePerSecond: Math.round(processed / Math.max(seconds, 0.001)),
    position: position.commit.toString(),
    message: 'swapped in',
  });
  return {
    projection: projection.name,
    events: processed,
    seconds,
    eventsPerSecond: Math.round(processed / Math.max(seconds, 0.001)),
  };
}

/** Statistics for the rebuilt tables before they go live: a table filled in bulk has none until autovacuum gets to it, and plans go wrong. */
async function analyseTables(pool: pg.Pool, schema: string): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = $1`,
    [schema],
  );
  if (rows.length > 0) await pool.query(`analyze ${rows.map((r) => r.name).join(', ')}`);
}

function percentOf(position: Position, head: Position): number {
  if (head.commit <= 0n) return 100;
  const done = position.commit < 0n ? 0 : Number(position.commit);
  return Math.min(100, Math.round((done / Number(head.commit)) * 1000) / 10);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '#libs/database';
import { eventStoreMigrations, PostgresEventStore } from '#libs/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { CheckpointWatcher } from './checkpoint-watcher.js';
import { beginBatch, commitBatch, projectionMigrations } from './checkpoints.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './runner.js';
import { waitForProjection } from './wait.js';
import { until } from '../../../test/support/until.js';

const at = (n: number) => ({ commit: BigInt(n), prepare: BigInt(n) });

/** Moves a checkpoint as a runner's batch does, announcing it or not. */
async function moveCheckpoint(db: TestDatabase, name: string, n: number, announce: boolean): Promise<void> {
  const client = await db.pool.connect();
  try {
    await beginBatch(client, name);
    await commitBatch(client, name, at(n), 1, announce);
  } finally {
    client.release();
  }
}

describe('CheckpointWatcher', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(10);
    await runMigrations(db.pool, [...eventStoreMigrations, ...projectionMigrations]);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('releases a waiter when the runner announces the checkpoint, without waiting for a poll', async () => {
    // A poll only every minute: only the announcement can release the waiter within the test.
    const watcher = new CheckpointWatcher(db.pool, 'announced', 60_000);
    try {
      const waiting = watcher.waitFor(at(5), 30_000);
      // The LISTEN connection opens on the first wait: announcements before it is open are not heard.
      expect(await watcher.listening()).toBe(true);
      await moveCheckpoint(db, 'announced', 4, true);
      await moveCheckpoint(db, 'other-projection', 9, true);
      const started = Date.now();
      await moveCheckpoint(db, 'announced', 5, true);
      expect(await waiting).toBe(true);
      expect(Date.now() - started).toBeLessThan(5_000);
      // A position already announced needs no wait at all.
      expect(await watcher.waitFor(at(3), 0)).toBe(true);
    } finally {
      await watcher.close();
    }
  });

  it('finds an unannounced checkpoint (a rebuild swap) by polling, and answers false when time runs out', async () => {
    const watcher = new CheckpointWatcher(db.pool, 'silent', 20);
    try {
      const reached = watcher.waitFor(at(7), 30_000);
      const late = watcher.waitFor(at(8), 300);
      await moveCheckpoint(db, 'silent', 7, false);
      expect(await reached).toBe(true);
      expect(await late).toBe(false);
    } finally {
      await watcher.close();
    }
  });

  it('answers false to waiters still waiting when it closes, and to any wait after', async () => {
    const watcher = new CheckpointWatcher(db.pool, 'closing', 60_000);
    const waiting = watcher.waitFor(at(1), 30_000);
    await watcher.close();
    expect(await waiting).toBe(false);
    expect(await watcher.waitFor(at(1), 30_000)).toBe(false);
  });

  it('gives a broken LISTEN connection back to the pool and opens another', async () => {
    const pool = db.newPool(2, 'watcher-listen');
    const watcher = new CheckpointWatcher(pool, 'reconnecting', 20);
    try {
      expect(await watcher.listening()).toBe(true);
      const { rows } = await db.pool.query(
        `select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = 'watcher-listen' and query like 'listen%'`,
      );
      expect(rows).toEqual([{ ended: true }]);
      // The client learns of it when its socket closes.
      await new Promise((r) => setTimeout(r, 300));
      // Both pool slots must be free again: the broken client released, a new LISTEN opened on the next wait.
      const waiting = watcher.waitFor(at(3), 30_000);
      await moveCheckpoint(db, 'reconnecting', 3, true);
      expect(await waiting).toBe(true);
      expect(await watcher.listening()).toBe(true);
    } finally {
      await watcher.close();
      await pool.end();
    }
  });

  it("waitForProjection: a command's wait is released by the announcement, times out, and gives its LISTEN connection back", async () => {
    const pool = db.newPool(3, 'wait-for-projection');
    const listening = async () =>
      Number(
        (
          await db.pool.query(
            `select count(*) as n from pg_stat_activity where application_name = 'wait-for-projection' and query like 'listen%'`,
          )
        ).rows[0].n,
      );
    try {
      const waiting = waitForProjection(pool, 'commanded', at(2), 30_000);
      await moveCheckpoint(db, 'commanded', 2, true);
      await waiting;
      await expect(waitForProjection(pool, 'commanded', at(3), 100)).rejects.toThrow(/did not reach position 3/);
      // Idle: the connection goes back (nobody closes the shared watchers), and the pool can end.
      await until(async () => (await listening()) === 0);
    } finally {
      await pool.end();
    }
  });

  it('is released by a runner applying an awaited projection', async () => {
    const store = new PostgresEventStore(db.pool, { pollIntervalMs: 100 });
    const projection: Projection = {
      name: 'awaited-counter',
      awaited: true,
      filter: { streamPrefixes: ['awaited-counter:'] },
      async createTables(client, schema) {
        await client.query(`create table ${schema}.seen (n int not null)`);
      },
      async apply(events, { client, schema }) {
        await client.query(`insert into ${schema}.seen values ($1)`, [events.length]);
      },
    };
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [projection], leaseRetryMs: 100 });
    const watcher = new CheckpointWatcher(db.pool, 'awaited-counter', 60_000);
    runner.start();
    try {
      const [result] = await store.appendMany([
        { streamId: 'awaited-counter:1', events: [{ type: 'Counted', data: {} }] },
      ]);
      expect(await watcher.waitFor(result!.position, 20_000)).toBe(true);
      const { rows } = await db.pool.query('select sum(n)::int as n from rm_awaited_counter.seen');
      expect(rows[0].n).toBe(1);
    } finally {
      await watcher.close();
      await runner.stop();
      await store.close();
    }
  });
});

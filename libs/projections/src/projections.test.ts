import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { runMigrations } from '#libs/database';
import { eventStoreMigrations, PostgresEventStore, type RecordedEvent } from '#libs/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { LEASE_LOCK_CLASS, projectionMigrations } from './checkpoints.js';
import { liveSchema, type Projection } from './projection.js';
import { rebuildProjection, type RebuildProgress } from './rebuild.js';
import { ProjectionRunner } from './runner.js';
import { waitForApplied } from './wait.js';
import { until } from '../../../test/support/until.js';

/** Counts events per stream and remembers which runner applied each batch. */
function streamCounter(name: string): Projection {
  return {
    name,
    filter: { streamPrefixes: [`${name}:`] },
    async createTables(client, schema) {
      await client.query(
        `create table ${schema}.stream_counts (stream_id text primary key, events int not null, last_type text not null)`,
      );
      await client.query(`create table ${schema}.applied (event_id uuid primary key, applied_by text not null)`);
    },
    async apply(events, { client, schema }) {
      const perStream = new Map<string, { events: number; lastType: string }>();
      for (const e of events) {
        const entry = perStream.get(e.streamId) ?? { events: 0, lastType: e.type };
        perStream.set(e.streamId, { events: entry.events + 1, lastType: e.type });
      }
      await client.query(
        `insert into ${schema}.stream_counts select * from unnest($1::text[], $2::int[], $3::text[])
         on conflict (stream_id) do update set events = stream_counts.events + excluded.events, last_type = excluded.last_type`,
        [
          [...perStream.keys()],
          [...perStream.values()].map((v) => v.events),
          [...perStream.values()].map((v) => v.lastType),
        ],
      );
      // A unique key per event: applying any event twice would fail the batch.
      await client.query(
        `insert into ${schema}.applied select unnest($1::uuid[]), current_setting('application_name')`,
        [events.map((e: RecordedEvent) => e.metadata.eventId)],
      );
    },
  };
}

/** Events applied by a read model so far; -1 while its schema does not exist yet. */
async function appliedCount(pool: pg.Pool, name: string): Promise<number> {
  const { rows } = await pool
    .query(`select count(*)::int as n from ${liveSchema(name)}.applied`)
    .catch(() => ({ rows: [{ n: -1 }] }));
  return rows[0].n;
}

/** A stream counter whose batches wait until released: `started` settles when the first one arrives. */
function heldBack(name: string, streamPrefix: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const started = new Promise<void>((resolve) => (arrived = resolve));
  const counter = streamCounter(name);
  const projection: Projection = {
    ...counter,
    filter: { streamPrefixes: [streamPrefix] },
    async apply(events, context) {
      arrived();
      await released;
      await counter.apply(events, context);
    },
  };
  return { projection, release, started };
}

async function appendEvents(store: PostgresEventStore, prefix: string, streams: number, perStream: number) {
  for (let i = 0; i < perStream; i += 50) {
    await Promise.all(
      Array.from({ length: streams }, (_, s) =>
        store.append({
          streamId: `${prefix}:${s}`,
          events: Array.from({ length: 50 }, (_, k) => ({ type: `E${(i + k) % 3}`, data: { i: i + k } })),
        }),
      ),
    );
  }
}

async function tableRows(pool: pg.Pool, schema: string): Promise<unknown[]> {
  const { rows } = await pool.query(
    `select stream_id, events, last_type from ${schema}.stream_counts order by stream_id`,
  );
  return rows;
}

describe('projections', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase(30);
    await runMigrations(db.pool, [...eventStoreMigrations, ...projectionMigrations]);
    store = new PostgresEventStore(db.pool, { pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('a runner applies every event once and commits the checkpoint with the read model', async () => {
    const projection = streamCounter('counter-a');
    await appendEvents(store, 'counter-a', 4, 500);
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [projection], leaseRetryMs: 100 });
    runner.start();
    await until(async () => (await appliedCount(db.pool, 'counter-a')) === 2000, 30_000);
    await appendEvents(store, 'counter-a', 2, 50);
    await until(async () => (await appliedCount(db.pool, 'counter-a')) === 2100, 30_000);
    await runner.stop();
    const { rows } = await db.pool.query(
      `select events_applied, position from projection_checkpoints where name = 'counter-a'`,
    );
    expect(rows[0].events_applied).toBe(2100);
    expect(await tableRows(db.pool, liveSchema('counter-a'))).toEqual([
      { stream_id: 'counter-a:0', events: 550, last_type: 'E1' },
      { stream_id: 'counter-a:1', events: 550, last_type: 'E1' },
      { stream_id: 'counter-a:2', events: 500, last_type: 'E1' },
      { stream_id: 'counter-a:3', events: 500, last_type: 'E1' },
    ]);
  });

  it('one runner feeds several projections with different filters from one read, each event to each exactly once', async () => {
    const first = streamCounter('counter-d');
    const second = streamCounter('counter-e');
    const everything: Projection = { ...streamCounter('counter-f'), filter: undefined };
    await appendEvents(store, 'counter-d', 2, 100);
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: [first, second, everything],
      leaseRetryMs: 100,
    });
    runner.start();
    await appendEvents(store, 'counter-e', 3, 100);
    const total = (await db.pool.query('select count(*)::int as n from events')).rows[0].n;
    await until(
      async () =>
        (await appliedCount(db.pool, 'counter-d')) === 200 &&
        (await appliedCount(db.pool, 'counter-e')) === 300 &&
        (await appliedCount(db.pool, 'counter-f')) === total,
      30_000,
    );
    await runner.stop();
    const { rows } = await db.pool.query(
      `select name, position from projection_checkpoints where name in ('counter-d', 'counter-e', 'counter-f') order by name`,
    );
    expect(new Set(rows.map((r) => r.position)).size).toBe(1);
  });

  it('a rebuild beside the live tables, under concurrent writes and queries, equals the live read model', async () => {
    const projection = streamCounter('counter-b');
    await appendEvents(store, 'counter-b', 6, 1000);
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [projection], leaseRetryMs: 100 });
    runner.start();
    const schema = liveSchema('counter-b');
    const applied = () => appliedCount(db.pool, 'counter-b');
    await until(async () => (await applied()) === 6000, 30_000);
    const liveBefore = await tableRows(db.pool, schema);

    // Writers keep appending and readers keep querying the live table throughout the rebuild.
    let stopTraffic = false;
    const queryErrors: unknown[] = [];
    const readers = (async () => {
      while (!stopTraffic)
        await db.pool.query(`select sum(events) from ${schema}.stream_counts`).catch((e) => queryErrors.push(e));
    })();
    const writers = (async () => {
      while (!stopTraffic) {
        await appendEvents(store, 'counter-b', 2, 50);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const progress: RebuildProgress[] = [];
    const result = await rebuildProjection({
      pool: db.pool,
      store,
      projection,
      batchSize: 500,
      onProgress: (p) => void progress.push(p),
    });
    stopTraffic = true;
    await Promise.all([readers, writers]);

    expect(queryErrors).toEqual([]);
    expect(result.events).toBeGreaterThanOrEqual(6000);
    expect(progress.at(-1)).toMatchObject({ percent: 100, message: 'swapped in' });
    expect(progress.some((p) => p.percent > 0 && p.percent < 100 && p.ratePerSecond > 0)).toBe(true);

    const total = (await db.pool.query(`select count(*)::int as n from events where stream_id like 'counter-b:%'`))
      .rows[0].n;
    await until(async () => (await applied()) === total, 30_000);
    await runner.stop();
    const afterRebuild = await tableRows(db.pool, schema);

    // An independent live-only run over the same log must give the same rows.
    const control = streamCounter('counter-b');
    const controlRunner = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: [{ ...control, name: 'counter-b-control', filter: control.filter }],
    });
    controlRunner.start();
    const controlSchema = liveSchema('counter-b-control');
    await until(
      async () =>
        (
          await db.pool
            .query(`select count(*)::int as n from ${controlSchema}.applied`)
            .catch(() => ({ rows: [{ n: 0 }] }))
        ).rows[0].n === total,
      30_000,
    );
    await controlRunner.stop();
    expect(afterRebuild).toEqual(await tableRows(db.pool, controlSchema));
    expect(afterRebuild).not.toEqual(liveBefore);
  });

  it('a rebuild of a projection with settle replays facts only, settles once, then applies the last events in full', async () => {
    const calls: string[] = [];
    const derive = (client: pg.PoolClient, schema: string) =>
      client.query(`delete from ${schema}.total; insert into ${schema}.total select count(*) from ${schema}.facts`);
    const projection: Projection = {
      name: 'settler',
      filter: { streamPrefixes: ['settler:'] },
      async createTables(client, schema) {
        await client.query(`create table ${schema}.facts (event_id uuid primary key);
          create table ${schema}.total (n int not null)`);
      },
      async apply(events, { client, schema, replaying }) {
        calls.push(replaying ? 'replay' : 'apply');
        await client.query(`insert into ${schema}.facts select unnest($1::uuid[])`, [
          events.map((e: RecordedEvent) => e.metadata.eventId),
        ]);
        if (!replaying) await derive(client, schema);
      },
      async settle({ client, schema }) {
        calls.push('settle');
        await derive(client, schema);
      },
    };
    await appendEvents(store, 'settler', 1, 250);
    await rebuildProjection({
      pool: db.pool,
      store,
      projection,
      batchSize: 100,
      // Events that arrive while it settles are applied under the batch lock, derived at once.
      onProgress: async (p) => {
        if (p.message === 'settling') await appendEvents(store, 'settler', 1, 50);
      },
    });
    expect(calls).toEqual(['replay', 'replay', 'replay', 'settle', 'apply']);
    expect((await db.pool.query(`select n from ${liveSchema('settler')}.total`)).rows).toEqual([{ n: 300 }]);
  });

  it('runs a projection in one runner at a time, and another takes over when that one dies', async () => {
    const projection = streamCounter('counter-c');
    const poolA = db.newPool(5, 'runner-a');
    const poolB = db.newPool(5, 'runner-b');
    const runnerA = new ProjectionRunner({
      pool: poolA,
      store,
      projections: [projection],
      runnerId: 'A',
      leaseRetryMs: 100,
    });
    runnerA.start();
    await until(
      async () =>
        (await db.pool.query(`select runner from projection_checkpoints where name = 'counter-c'`)).rows[0]?.runner ===
        'A',
      30_000,
    );
    const runnerB = new ProjectionRunner({
      pool: poolB,
      store,
      projections: [projection],
      runnerId: 'B',
      leaseRetryMs: 100,
    });
    runnerB.start();

    await appendEvents(store, 'counter-c', 3, 200);
    const schema = liveSchema('counter-c');
    const count = async () => (await db.pool.query(`select count(*)::int as n from ${schema}.applied`)).rows[0].n;
    await until(async () => (await count()) === 600, 30_000);
    const appliers = async () =>
      (await db.pool.query(`select applied_by, count(*)::int as n from ${schema}.applied group by 1 order by 1`)).rows;
    expect(await appliers()).toEqual([{ applied_by: 'runner-a', n: 600 }]);

    // Runner A's process dies: its connections drop and none of its code runs again.
    void runnerA.stop();
    await db.pool.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'runner-a'`);
    await until(
      async () =>
        (await db.pool.query(`select runner from projection_checkpoints where name = 'counter-c'`)).rows[0]?.runner ===
        'B',
      30_000,
    );

    await appendEvents(store, 'counter-c', 3, 200);
    await until(async () => (await count()) === 1200, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await count()).toBe(1200);
    expect(await appliers()).toEqual([
      { applied_by: 'runner-a', n: 600 },
      { applied_by: 'runner-b', n: 600 },
    ]);
    await runnerB.stop();
    await poolA.end().catch(() => {});
    await poolB.end();
  });
  it('stops promptly whenever it is stopped, even while it is still taking leases and no event arrives', async () => {
    const projections = Array.from({ length: 8 }, (_, i) => streamCounter(`stopper-${i}`));
    for (let attempt = 0; attempt < 25; attempt++) {
      const runner = new ProjectionRunner({ pool: db.pool, store, projections, leaseRetryMs: 50 });
      runner.start();
      await new Promise((r) => setTimeout(r, attempt % 5 === 0 ? 0 : attempt * 2));
      const stopped = await Promise.race([
        runner.stop().then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 5_000)),
      ]);
      expect(stopped, `stop() on attempt ${attempt} still pending after 5 s`).toBe(true);
    }
  });

  it('waitForApplied: a reader waits for a background read model to apply the log up to a position, and no longer', async () => {
    const projection = streamCounter('reader-waits');
    const count = () => appliedCount(db.pool, 'reader-waits');
    await appendEvents(store, 'reader-waits', 1, 50);
    // No runner yet: the events are in the log but not in the read model, so the wait times out.
    expect(await waitForApplied(db.pool, store, projection, await store.headPosition(), 200)).toBe(false);
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [projection], leaseRetryMs: 100 });
    runner.start();
    try {
      for (let i = 0; i < 20; i++) {
        await appendEvents(store, 'reader-waits', 1, 50);
        expect(await waitForApplied(db.pool, store, projection, await store.headPosition(), 15_000)).toBe(true);
        expect(await count()).toBe(100 + i * 50);
      }
      // Events the projection does not take (another stream prefix) after its checkpoint keep no one waiting.
      await appendEvents(store, 'not-for-reader-waits', 1, 50);
      expect(await waitForApplied(db.pool, store, projection, await store.headPosition(), 0)).toBe(true);
    } finally {
      await runner.stop();
    }
  });

  it('an awaited projection keeps pace while another fails; the failed batch is retried with no further event', async () => {
    const awaited: Projection = {
      ...streamCounter('lane-awaited'),
      awaited: true,
      filter: { streamPrefixes: ['lane:'] },
    };
    let unavailable = true;
    const flaky = streamCounter('lane-flaky');
    const failing: Projection = {
      ...flaky,
      filter: { streamPrefixes: ['lane:'] },
      async apply(events, context) {
        if (unavailable) throw new Error('the read model is briefly unavailable');
        await flaky.apply(events, context);
      },
    };
    const log: string[] = [];
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: [failing, awaited],
      leaseRetryMs: 100,
      log: (line) => log.push(line),
    });
    runner.start();
    try {
      await appendEvents(store, 'lane', 2, 50);
      // Everything reaches the awaited read model while the other keeps failing (under load the awaited
      // one may finish before the failing one has tried once: wait for its failure too)...
      await until(async () => (await appliedCount(db.pool, 'lane-awaited')) === 100, 15_000);
      await until(async () => log.some((line) => line.includes('briefly unavailable')), 15_000);
      expect(await appliedCount(db.pool, 'lane-flaky')).toBeLessThanOrEqual(0);
      // ...which gets it all once it recovers, with no further event to wake the reader.
      unavailable = false;
      await until(async () => (await appliedCount(db.pool, 'lane-flaky')) === 100, 15_000);
    } finally {
      await runner.stop();
    }
  });
  it('a slow background read model never holds an awaited one back: what its full queue drops it reads back from the log', async () => {
    const awaited: Projection = {
      ...streamCounter('slow-awaited'),
      awaited: true,
      filter: { streamPrefixes: ['slow:'] },
    };
    const { projection: slow, release } = heldBack('slow-background', 'slow:');
    // Batches of 10: the lane queues 20 events, so most of the 100 are dropped and read back.
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [slow, awaited], batchSize: 10 });
    runner.start();
    try {
      await appendEvents(store, 'slow', 2, 50);
      // Before the lane's change, the reader waited for room in the lane's queue: this never came.
      await until(async () => (await appliedCount(db.pool, 'slow-awaited')) === 100, 25_000);
      expect(await appliedCount(db.pool, 'slow-background')).toBeLessThanOrEqual(0);
      release();
      // Every event once (the applied table's key refuses a second), none lost.
      await until(async () => (await appliedCount(db.pool, 'slow-background')) === 100, 25_000);
      expect(await tableRows(db.pool, liveSchema('slow-background'))).toEqual(
        await tableRows(db.pool, liveSchema('slow-awaited')),
      );
    } finally {
      release();
      await runner.stop();
    }
  });

  it('a background batch still in flight when the held set changes does not hold the awaited read models back', async () => {
    const awaited: Projection = {
      ...streamCounter('held-awaited'),
      awaited: true,
      filter: { streamPrefixes: ['held:'] },
    };
    const { projection: slow, release, started } = heldBack('held-background', 'held:');
    // Another session holds the awaited projection's lease: this runner starts with the slow one alone.
    const blocker = await db.pool.connect();
    await blocker.query('select pg_advisory_lock($1, hashtext($2))', [LEASE_LOCK_CLASS, 'held-awaited']);
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: [slow, awaited],
      batchSize: 10,
      leaseRetryMs: 100,
    });
    runner.start();
    try {
      await appendEvents(store, 'held', 2, 50);
      await started;
      // The lease comes free while the slow batch is being applied: the reader restarts with both.
      await blocker.query('select pg_advisory_unlock_all()');
      await until(async () => (await appliedCount(db.pool, 'held-awaited')) === 100, 25_000);
      expect(await appliedCount(db.pool, 'held-background')).toBeLessThanOrEqual(0);
      release();
      await until(async () => (await appliedCount(db.pool, 'held-background')) === 100, 25_000);
      expect(await tableRows(db.pool, liveSchema('held-background'))).toEqual(
        await tableRows(db.pool, liveSchema('held-awaited')),
      );
    } finally {
      release();
      blocker.release();
      await runner.stop();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { runMigrations } from '#libs/database';
import { createTestDatabase } from '../../../../test/support/database.js';
import { describeEventStoreContract } from '../contract/event-store.contract.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { eventStoreMigrations } from './schema.js';
import { until } from '../../../../test/support/until.js';

describeEventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase(30);
  await runMigrations(db.pool, eventStoreMigrations);
  const maxEventBytes = 64 * 1024;
  const store = new PostgresEventStore(db.pool, { maxEventBytes });
  return {
    store,
    maxEventBytes,
    atomicMultiStreamAppend: true,
    cleanup: async () => {
      await store.close();
      await db.drop();
    },
  };
});

describe('PostgreSQL event store: the LISTEN connection', () => {
  it('is given back to the pool when it breaks, and reopened: live subscriptions keep being woken at once', async () => {
    const db = await createTestDatabase(5);
    await runMigrations(db.pool, eventStoreMigrations);
    // Two connections: the LISTEN one and one for reads and appends. A minute's poll: only a notification wakes the subscription in time.
    const pool = db.newPool(2, 'store-listen');
    const store = new PostgresEventStore(pool, { pollIntervalMs: 60_000 });
    // Appends from another store, as from another process: only the notification reaches the subscriber.
    const writer = new PostgresEventStore(db.pool);
    await writer.append({ streamId: 'before', events: [{ type: 'Happened', data: {} }] });
    const subscription = store.subscribeToAll();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of subscription) seen.push(event.streamId);
    })();
    const listening = async () =>
      (
        await db.pool.query(
          `select pid from pg_stat_activity where application_name = 'store-listen' and query like 'listen%'`,
        )
      ).rows as { pid: number }[];
    try {
      await until(async () => seen.includes('before') && (await listening()).length === 1);
      const [broken] = await listening();
      await db.pool.query('select pg_terminate_backend($1)', [broken!.pid]);
      // The store learns of it when the socket closes, and listens again on a new connection.
      await until(async () => (await listening()).some((l) => l.pid !== broken!.pid));
      await writer.append({ streamId: 'after', events: [{ type: 'Happened', data: {} }] });
      await until(async () => seen.includes('after'));
    } finally {
      await subscription.close();
      await reading;
      await store.close();
      await writer.close();
      // Would hang with the broken client still checked out.
      await pool.end();
      await db.drop();
    }
  });
});

describe("PostgreSQL event store: appendWithin the caller's transaction", () => {
  it('commits and rolls back with the transaction, and a subscriber sees the event only after the commit', async () => {
    const db = await createTestDatabase(5);
    await runMigrations(db.pool, eventStoreMigrations);
    await db.pool.query('create table rows_of_the_command (id text primary key)');
    const store = new PostgresEventStore(db.pool);
    const seen: string[] = [];
    const subscription = store.subscribeToAll();
    const reading = (async () => {
      for await (const event of subscription) seen.push(event.streamId);
    })();
    const inTransaction = async (id: string, end: 'commit' | 'rollback') => {
      const client = await db.pool.connect();
      try {
        await client.query('begin');
        await client.query('insert into rows_of_the_command (id) values ($1)', [id]);
        const result = await store.appendWithin(client, {
          streamId: id,
          expectedRevision: 'no_stream',
          events: [{ type: 'Happened', data: {} }],
        });
        // Not visible to others before the commit.
        expect(await store.readStream(id)).toEqual([]);
        await client.query(end);
        return result;
      } finally {
        client.release();
      }
    };
    try {
      await inTransaction('rolled-back', 'rollback');
      const committed = await inTransaction('committed', 'commit');
      await store.append({ streamId: 'after', events: [{ type: 'Happened', data: {} }] });
      await until(() => seen.includes('after'));
      expect(seen).toEqual(['committed', 'after']);
      expect((await store.readStream('committed'))[0]!.position).toEqual(committed.position);
      expect(await store.readStream('rolled-back')).toEqual([]);
      const { rows } = await db.pool.query('select id from rows_of_the_command order by id');
      expect(rows).toEqual([{ id: 'committed' }]);
    } finally {
      await subscription.close();
      await reading;
      await store.close();
      await db.drop();
    }
  });
});

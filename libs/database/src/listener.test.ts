import { expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { ChannelListener } from './listener.js';
import { until } from '../../../test/support/until.js';

it('hears notifications, survives a broken connection by listening on a new one, and gives it back on close', async () => {
  const db = await createTestDatabase(5);
  // Two connections at most: a broken one kept checked out would leave room for nothing else.
  const pool = db.newPool(2, 'channel-listener');
  const heard: (string | undefined)[] = [];
  let lost = 0;
  const listener = new ChannelListener(
    pool,
    'continuum_test_channel',
    (payload) => heard.push(payload),
    () => lost++,
  );
  try {
    expect(await listener.open()).toBe(true);
    await db.pool.query(`select pg_notify('continuum_test_channel', 'one')`);
    await until(() => heard.includes('one'));

    const backend = async () =>
      (
        await db.pool.query(
          `select pid from pg_stat_activity where application_name = 'channel-listener' and query like 'listen%'`,
        )
      ).rows as { pid: number }[];
    const [first] = await backend();
    await db.pool.query('select pg_terminate_backend($1)', [first!.pid]);
    await until(async () => lost === 1 && (await backend()).some((b) => b.pid !== first!.pid));
    await db.pool.query(`select pg_notify('continuum_test_channel', 'two')`);
    await until(() => heard.includes('two'));
  } finally {
    await listener.close();
    expect(await listener.open()).toBe(false);
    // Would hang with a connection still checked out.
    await pool.end();
    await db.drop();
  }
});

it('refuses a channel name that is not a plain identifier', () => {
  const db = { connect: () => Promise.reject(new Error('unused')) } as never;
  expect(() => new ChannelListener(db, 'events; drop table events', () => {})).toThrow(/lower-case SQL identifier/);
});

import { runMigrations } from '#libs/database';
import { createTestDatabase } from '../../../../test/support/database.js';
import { describeEventStoreContract } from '../contract/event-store.contract.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { eventStoreMigrations } from './schema.js';

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

import type pg from 'pg';
import { inject } from 'vitest';
import { createScratchDatabase } from '../../libs/database/src/scratch.js';
import { createPool } from '../../libs/database/src/pool.js';

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  /** Another pool on the same database, e.g. to stand for a second process. */
  newPool(size?: number, applicationName?: string): pg.Pool;
  drop(): Promise<void>;
}

/** A fresh database on the test server, one per test file (or per test), dropped afterwards. */
export async function createTestDatabase(poolSize = 20): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(inject('databaseUrl'), 'test');
  const pool = createPool(scratch.url, poolSize);
  return {
    url: scratch.url,
    pool,
    newPool: (size = 10, applicationName = 'continuum') => createPool(scratch.url, size, applicationName),
    async drop() {
      await pool.end();
      await scratch.drop();
    },
  };
}

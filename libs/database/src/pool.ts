import { createHash } from 'node:crypto';
import pg from 'pg';

// int8 (bigint) columns hold global positions and counts: parse them as BigInt-safe strings are awkward, so
// positions are read with explicit ::text casts where exactness matters and counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Idle connections are kept a minute (pg's default is 10 s), and a quarter of the pool is never
 * closed: opening one costs a backend start and a SCRAM key derived on libuv's thread pool, which
 * password hashes also use, so a pool that had let its connections go stalled every read model
 * waiting for a new one during a burst of sign-ins.
 */
const IDLE_MS = 60_000;

export function createPool(url: string, max = 20, applicationName = 'continuum'): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    min: Math.ceil(max / 4),
    idleTimeoutMillis: IDLE_MS,
    application_name: applicationName,
  });
  // A client that loses its server (shutdown, failover) must not crash the process with an unhandled
  // 'error' event: idle ones are replaced on the next checkout, and a checked-out one's query rejects.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** Runs `work` in one transaction on one client; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** A database name safe to interpolate (tests create one per file). */
export function assertIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a safe SQL identifier: ${name}`);
  return name;
}

const preparedNames = new Map<string, string>();

/**
 * A query PostgreSQL parses and plans once per connection instead of on every call: for the
 * statements run for every batch (appends, projection writes, checkpoints). The name is derived from
 * the text, so any text may be passed; a schema renamed by a rebuild is resolved again by PostgreSQL.
 */
export function preparedQuery(text: string, values: unknown[]): pg.QueryConfig {
  let name = preparedNames.get(text);
  if (name === undefined) {
    name = `continuum_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return { name, text, values };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#libs/config';
import { freePort } from '#libs/database';
import { startRuntime } from './runtime.js';

/** The embedded PostgreSQL (no DATABASE_URL) on the port EMBEDDED_PG_PORT names. */
describe('embedded PostgreSQL port', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-runtime-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const config = (port: number) => loadConfig({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) });

  it('listens on EMBEDDED_PG_PORT', async () => {
    const port = await freePort();
    const runtime = await startRuntime(config(port));
    try {
      expect(new URL(runtime.embedded!.url).port).toBe(String(port));
      const client = new pg.Client({
        host: '127.0.0.1',
        port,
        user: 'continuum',
        password: 'continuum',
        database: 'postgres',
      });
      await client.connect();
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await runtime.close();
    }
  });

  it('refuses a port another process holds, naming the variable, and leaves no PostgreSQL running', async () => {
    const port = await freePort();
    const other: Server = createServer();
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startRuntime(config(port))).rejects.toThrow(
        `EMBEDDED_PG_PORT: port ${port} on 127.0.0.1 is in use by another process`,
      );
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
    const runtime = await startRuntime(config(port));
    await runtime.close();
  });
});

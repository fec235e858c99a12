import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../libs/database/src/embedded-postgres.js';
import { freePort } from '../../libs/database/src/scratch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** Empty when no Redis could be found or started; tests that need it are then skipped. */
    redisUrl: string;
    redisUnavailableReason: string;
    /** One id per test run: `buildOnce` builds the project once per run. */
    testRunId: string;
  }
}

let embedded: EmbeddedDatabase | undefined;
let embeddedDir: string | undefined;
let redis: ChildProcess | undefined;

export async function setup(project: TestProject): Promise<void> {
  project.provide('testRunId', randomUUID());
  project.provide('databaseUrl', await provideDatabase());
  const { url, reason } = await provideRedis();
  if (!url) {
    const line = `\n!!! REDIS UNAVAILABLE: ${reason}. Tests that need Redis are SKIPPED. !!!\n`;
    if (process.env.CI === 'true') throw new Error(`CI=true and ${line.trim()}`);
    process.stderr.write(line);
  }
  project.provide('redisUrl', url ?? '');
  project.provide('redisUnavailableReason', reason ?? '');
}

export async function teardown(): Promise<void> {
  redis?.kill('SIGTERM');
  await embedded?.stop();
  if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
}

async function provideDatabase(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  embeddedDir = mkdtempSync(join(tmpdir(), 'continuum-test-pg-'));
  process.stderr.write(`TEST_DATABASE_URL not set: starting an embedded PostgreSQL in ${embeddedDir}\n`);
  embedded = await startEmbeddedPostgres({ directory: join(embeddedDir, 'cluster'), port: await freePort() });
  return embedded.url;
}

async function provideRedis(): Promise<{ url?: string; reason?: string }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL };
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    return { reason: 'REDIS_URL is not set and redis-server is not on the PATH' };
  }
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (spawnSync('redis-cli', ['-u', url, 'ping']).stdout?.toString().trim() === 'PONG') return { url };
    await new Promise((r) => setTimeout(r, 100));
  }
  return { reason: `redis-server started on port ${port} but did not answer PING` };
}

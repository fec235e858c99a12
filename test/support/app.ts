import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../../apps/api/src/app.js';
import { loadConfig } from '../../libs/config/src/config.js';
import { waitForCaughtUp } from '../../libs/projections/src/wait.js';
import { startBackgroundWork, startRuntime } from '../../libs/composition/src/index.js';
import type { Runtime } from '../../libs/platform/src/index.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  baseUrl: string;
  runtime: Runtime;
  adminToken: string;
  /** Credentials of the bootstrap LRS client (scope `all`). */
  lrsKey: string;
  lrsSecret: string;
  /** The Nest application, for tests that read its routes' metadata. */
  nest: Awaited<ReturnType<typeof createApiApp>>;
  close(): Promise<void>;
}

export interface StartTestAppOptions {
  /** Extra configuration variables, e.g. `{ MAX_EVENT_BYTES: '2048' }`; they win over the defaults. */
  env?: Record<string, string>;
  /** false: no projection worker runs, so read models stay where they are (default true). */
  worker?: boolean;
}

/**
 * The whole API over real HTTP on a fresh database: a PostgreSQL event store, in-process jobs, the
 * projection worker, and a bootstrap LRS client with scope `all`.
 */
export async function startTestApp(options: StartTestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(5);
  // The test database's own pool is only needed to drop it; the runtime opens its own.
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-test-app-'));
  const adminToken = randomBytes(18).toString('base64url');
  const lrsKey = `test-${randomBytes(6).toString('hex')}`;
  const lrsSecret = randomBytes(18).toString('base64url');
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    ADMIN_TOKEN: adminToken,
    RUN_WORKER: 'true',
    LRS_BOOTSTRAP_KEY: lrsKey,
    LRS_BOOTSTRAP_SECRET: lrsSecret,
    // Test files share one Redis: a queue of their own keeps one file's worker from taking another's jobs.
    JOB_QUEUE_PREFIX: `test-${randomBytes(6).toString('hex')}`,
    ...options.env,
  };
  let runtime: Runtime | undefined;
  let worker: { stop(): Promise<void> } | undefined = options.worker === false ? { stop: async () => {} } : undefined;
  let app: Awaited<ReturnType<typeof createApiApp>> | undefined;
  try {
    // The bootstrap LRS client comes from LRS_BOOTSTRAP_KEY/SECRET in the config, as in production.
    runtime = await startRuntime(loadConfig({ ...process.env, ...env }));
    worker ??= startBackgroundWork(runtime);
    app = await createApiApp(runtime, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => {});
    await worker?.stop().catch(() => {});
    await runtime?.close().catch(() => {});
    await database.drop().catch(() => {});
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const started = { runtime, worker, app };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    runtime,
    adminToken,
    lrsKey: env.LRS_BOOTSTRAP_KEY,
    lrsSecret: env.LRS_BOOTSTRAP_SECRET,
    nest: app,
    async close() {
      // Each step is bounded, so a hang fails the suite naming the step instead of timing out the hook.
      await closeStep('the HTTP server', () => started.app.close());
      await closeStep('the projection worker', () => started.worker.stop());
      await closeStep('the runtime (jobs, event store, pool)', () => started.runtime.close());
      await closeStep('the test database', () => database.drop());
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function closeStep(name: string, step: () => Promise<unknown>, timeoutMs = 20_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`closing the test app: ${name} did not finish within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([step(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves when every projection of the runtime has caught up with the log (see waitForCaughtUp). */
export async function waitForProjections(runtime: Runtime, timeoutMs = 15_000): Promise<void> {
  await waitForCaughtUp(runtime.pool, runtime.store, runtime.projections, timeoutMs);
}

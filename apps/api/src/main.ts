import 'reflect-metadata';
import { ConfigError, loadConfig } from '#libs/config';
import { startRuntime, startWorker } from '#libs/platform';
import { createApiApp } from './app.js';
import { ensureDemoData } from './demo/seed-demo.js';

const log = (line: string) => console.log(`[continuum] ${line}`);

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const runtime = await startRuntime(config, { log });
  const app = await createApiApp(runtime);
  // A port in use must not leave the embedded PostgreSQL running behind the failed start.
  await app.listen(config.port, config.host).catch(async (error: unknown) => {
    await app.close().catch(() => {});
    await runtime.close().catch(() => {});
    throw error;
  });
  const worker = config.runWorker ? startWorker(runtime, log) : undefined;

  const url = `http://localhost:${config.port}`;
  log(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${url}`);
  log(`  event store: ${runtime.store.kind}; jobs: ${runtime.jobs.kind}; worker in this process: ${Boolean(worker)}`);
  log(`  OpenAPI: ${url}/api/docs   health: ${url}/health   xAPI: ${url}/xapi`);
  if (runtime.embedded && runtime.adminToken) {
    log(`  admin token (kept in ${config.dataDir}/admin-token): ${runtime.adminToken}`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    await worker?.stop();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (worker) await ensureDemoData(runtime, { internal: `http://127.0.0.1:${config.port}`, public: url }, log).catch((error: unknown) => log(`demo data not seeded: ${String(error)}`));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('[continuum] failed to start:', error);
  }
  process.exit(1);
});

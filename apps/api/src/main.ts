import 'reflect-metadata';
import { ConfigError, loadConfig, localUrl, removeRunningInstance, writeRunningInstance } from '#libs/config';
import { startBackgroundWork, startRuntime } from '#libs/composition';
import { createApiApp } from './app.js';
import { demoSeedStatus, ensureDemoData, resetInterruptedSeed, wantsDemoData } from './demo/seed-demo.js';
import { StartupState } from './health/startup-state.js';

const log = (line: string) => console.log(`[continuum] ${line}`);

async function main(): Promise<void> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const config = loadConfig();
  let runtime = await startRuntime(config, { log });
  // Not ready (/health 503) from the first request until the demo data set exists; the seed goes through
  // this process's own HTTP API, so it must listen first.
  const startup = new StartupState();
  // Decided before listening: a restart whose demo data exists is ready from its first answer.
  let demoEarlier = config.runWorker && wantsDemoData(runtime) ? await demoSeedStatus(runtime) : undefined;
  if (demoEarlier === 'interrupted') {
    // An earlier start was stopped while it seeded (nothing else is in the database, and the credentials
    // were never shown): emptied, and the runtime started again on it, it is seeded as on a first start.
    log('the demo seed of an earlier start was cut off: emptying the database to seed it again');
    await resetInterruptedSeed(runtime).finally(() => runtime.close());
    runtime = await startRuntime(config, { log });
    demoEarlier = await demoSeedStatus(runtime);
  }
  if (demoEarlier) startup.demoData = demoEarlier === 'seeded' || demoEarlier === 'skipped' ? demoEarlier : 'seeding';
  const app = await createApiApp(runtime, { startup });
  // A port in use must not leave the embedded PostgreSQL running behind the failed start.
  await app.listen(config.port, config.host).catch(async (error: unknown) => {
    await app.close().catch(() => {});
    await runtime.close().catch(() => {});
    throw error;
  });
  const worker = config.runWorker ? startBackgroundWork(runtime, log) : undefined;
  const internal = localUrl(config.host, config.port);
  // The CLI finds this instance from DATA_DIR, whatever the port.
  writeRunningInstance(config.dataDir, { url: internal, pid: process.pid, startedAt: new Date().toISOString() });

  const url = `http://localhost:${config.port}`;
  log(`listening after ${seconds()} s: ${url}`);
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
    removeRunningInstance(config.dataDir, process.pid);
    await worker?.stop();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (demoEarlier) {
    startup.demoData = await ensureDemoData(runtime, { internal, public: url }, log).catch((error: unknown) => {
      log(`demo data not seeded: ${String(error)}`);
      return 'failed' as const;
    });
  }
  log(`ready after ${seconds()} s`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('[continuum] failed to start:', error);
  }
  process.exit(1);
});

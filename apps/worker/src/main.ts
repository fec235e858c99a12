import 'reflect-metadata';
import { ConfigError, loadConfig } from '#libs/config';
import { startBackgroundWork, startRuntime } from '#libs/composition';

const log = (line: string) => console.log(`[continuum-worker] ${line}`);

/** A worker process: runs projections (one runner per projection across all workers) and background jobs. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL is required for a separate worker process (the embedded mode runs the worker inside `npm start`)']);
  const runtime = await startRuntime(config, { log });
  const worker = startBackgroundWork(runtime, log);
  log(`running: event store ${runtime.store.kind}, jobs ${runtime.jobs.kind}, ${runtime.projections.length} projections`);
  const shutdown = async (signal: string) => {
    log(`${signal}: shutting down`);
    await worker.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

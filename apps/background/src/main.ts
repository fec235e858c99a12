import 'reflect-metadata';
import { ConfigError, loadConfig } from '#libs/config';
import { startBackgroundWork, startRuntime } from '#libs/composition';

const log = (line: string) => console.log(`[continuum-background] ${line}`);

/** A background process: runs projections (one runner per projection across all background processes) and background jobs. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError([
      'DATABASE_URL is required for a separate background process (the embedded mode runs projections and jobs inside `npm start`)',
    ]);
  const runtime = await startRuntime(config, { log });
  const background = startBackgroundWork(runtime, log);
  log(
    `running: event store ${runtime.store.kind}, jobs ${runtime.jobs.kind}, ${runtime.projections.length} projections`,
  );
  const shutdown = async (signal: string) => {
    log(`${signal}: shutting down`);
    await background.stop();
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

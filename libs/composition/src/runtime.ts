import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '#libs/config';
import {
  createPool,
  freePort,
  PortInUseError,
  runMigrations,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
  type Migration,
} from '#libs/database';
import { EsdbEventStore, eventStoreMigrations, PostgresEventStore, type EventStore } from '#libs/event-store';
import { createJobQueue } from '#libs/jobs';
import { ensureLiveSchema, projectionMigrations } from '#libs/projections';
import type { Runtime } from '#libs/platform';
import { allMigrations, allProjections, logInDatabaseMigrations } from './contexts.js';

export interface RuntimeOptions {
  log?: (line: string) => void;
}

/** Builds every adapter a process needs from the configuration, and the schema of this deployment's contexts. */
export async function startRuntime(config: AppConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? (() => {});
  mkdirSync(config.dataDir, { recursive: true });
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const directory = join(config.dataDir, 'postgres');
    log(`DATABASE_URL not set: starting embedded PostgreSQL (data in ${directory})`);
    embedded = await startEmbeddedPostgres({ directory, port: config.embeddedPgPort ?? (await freePort()), log }).catch(
      (error: unknown) => {
        throw error instanceof PortInUseError && config.embeddedPgPort
          ? new Error(`EMBEDDED_PG_PORT: ${error.message}`)
          : error;
      },
    );
    databaseUrl = embedded.url;
  }
  const pool = createPool(databaseUrl, 30);
  let store: EventStore | undefined;
  try {
    store =
      config.eventStore === 'esdb'
        ? new EsdbEventStore(config.eventStoreUrl!, { maxEventBytes: config.maxEventBytes })
        : new PostgresEventStore(pool, { maxEventBytes: config.maxEventBytes });
    await runMigrations(pool, migrationsFor(config));
    // Every process that serves queries finds the read models' tables, even before a worker has run
    // them (a fresh database, or a read model an upgrade migration dropped to be rebuilt).
    for (const projection of allProjections) await ensureLiveSchema(pool, store, projection);
  } catch (error) {
    // The error that stopped the start-up is the one to report, whatever closing says.
    await store?.close().catch(() => {});
    await pool.end().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw error;
  }
  const jobs = createJobQueue({ redisUrl: config.redisUrl, prefix: config.jobQueuePrefix });
  const adminToken = config.adminToken ?? (embedded ? embeddedAdminToken(config.dataDir) : undefined);
  return {
    config,
    pool,
    store,
    jobs,
    projections: allProjections,
    embedded,
    adminToken,
    async close() {
      await jobs.close().catch(() => {});
      await store.close().catch(() => {});
      await pool.end().catch(() => {});
      await embedded?.stop();
    },
  };
}

function migrationsFor(config: AppConfig): Migration[] {
  const own = [...projectionMigrations, ...allMigrations];
  return config.eventStore === 'postgres' ? [...eventStoreMigrations, ...own, ...logInDatabaseMigrations] : own;
}

/** On a bare machine the admin token is made once and kept with the data, so the CLI can find it. */
function embeddedAdminToken(dataDir: string): string {
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

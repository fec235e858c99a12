import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { AppConfig } from '#libs/config';
import { createPool, freePort, PortInUseError, runMigrations, startEmbeddedPostgres, type EmbeddedDatabase, type Migration } from '#libs/database';
import { EsdbEventStore, eventStoreMigrations, PostgresEventStore, type EventStore } from '#libs/event-store';
import { createJobQueue, type JobQueue } from '#libs/jobs';
import { ensureLiveSchema, projectionMigrations, type Projection } from '#libs/projections';
import { allMigrations, allProjections, logInDatabaseMigrations } from './modules.js';

/** Every adapter a process needs, built from the configuration; the composition root of all apps. */
export interface Runtime {
  config: AppConfig;
  pool: pg.Pool;
  store: EventStore;
  jobs: JobQueue;
  projections: readonly Projection[];
  /** Set when PostgreSQL runs embedded under DATA_DIR. */
  embedded?: EmbeddedDatabase;
  /** The bearer token for /api/admin; absent when admin access is switched off. */
  adminToken?: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log?: (line: string) => void;
}

export async function startRuntime(config: AppConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? (() => {});
  mkdirSync(config.dataDir, { recursive: true });
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const directory = join(config.dataDir, 'postgres');
    log(`DATABASE_URL not set: starting embedded PostgreSQL (data in ${directory})`);
    embedded = await startEmbeddedPostgres({ directory, port: config.embeddedPgPort ?? (await freePort()), log }).catch((error: unknown) => {
      throw error instanceof PortInUseError && config.embeddedPgPort ? new Error(`EMBEDDED_PG_PORT: ${error.message}`) : error;
    });
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

import type pg from 'pg';
import type { AppConfig } from '#libs/config';
import type { EmbeddedDatabase } from '#libs/database';
import type { EventStore } from '#libs/event-store';
import type { JobQueue } from '#libs/jobs';
import type { Projection } from '#libs/projections';

/** Every adapter a process needs, built from the configuration by `startRuntime` (libs/composition). */
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

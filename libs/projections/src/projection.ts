import type pg from 'pg';
import type { EventStore, LogFilter, RecordedEvent } from '#libs/event-store';

/** Where a projection writes: a transaction, and the schema that holds its tables (live or rebuild). */
export interface ProjectionContext {
  client: pg.PoolClient;
  /** Quoted-safe schema name; qualify every table with it, e.g. `${schema}.statements`. */
  schema: string;
  /** The log itself, for reactors: they append the events their reaction decides. */
  store: EventStore;
  /**
   * True while a rebuild replays the log into its own schema, which nobody reads until `settle` has
   * run (given only to projections that have `settle`).
   */
  replaying?: boolean;
}

/**
 * A read model kept from the log. Its tables live in their own PostgreSQL schema, so a rebuild can
 * fill a second copy beside the live one and swap it in with one rename.
 */
export interface Projection {
  /** Stable, lower-case, `[a-z0-9-]`: used for the checkpoint, the lease and the schema name. */
  name: string;
  description?: string;
  /** Which events the projection needs; others are never delivered to it. */
  filter?: LogFilter;
  /**
   * Creates the projection's tables inside `schema` (which exists and is empty). `store` is the log
   * they are kept from: a read model can lean on the log's own indexes when it is in the same database.
   */
  createTables(client: pg.PoolClient, schema: string, store: EventStore): Promise<void>;
  /**
   * Set on a reactor: a consumer that appends events in reaction to others (idempotently, so a batch
   * retried after a failure decides the same). Its tables only track its work; it is never rebuilt,
   * because replaying the log would react a second time.
   */
  reactor?: true;
  /**
   * Set on a read model that writers wait for (read-your-writes): its batches start first, and each
   * new checkpoint is announced on CHECKPOINTS_CHANNEL so waiters need not poll.
   */
  awaited?: true;
  /** Applies one batch of events, in log order, inside the batch's transaction. */
  apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
  /**
   * For a read model whose tables derive from others by a costly step: while a rebuild replays the
   * log (`replaying`), `apply` may keep only the facts and leave that step, and the rebuild calls
   * `settle` once when it has replayed, before the last events and the swap. Deriving once from the
   * end state costs a fraction of deriving again after every batch. The live runner never replays.
   */
  settle?(context: ProjectionContext): Promise<void>;
}

export function liveSchema(projectionName: string): string {
  return `rm_${safeName(projectionName)}`;
}

export function rebuildSchema(projectionName: string): string {
  return `rm_${safeName(projectionName)}__rebuild`;
}

function safeName(name: string): string {
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(name))
    throw new Error(`Projection name "${name}" must match [a-z][a-z0-9-]{0,40}`);
  return name.replaceAll('-', '_');
}

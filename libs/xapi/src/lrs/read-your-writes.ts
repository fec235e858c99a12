import type { Logger } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#libs/event-store';
import { waitForApplied, type Projection } from '#libs/projections';

/** How long a read waits for a read model to catch up with the writes before it. */
export const READ_WAIT_MS = 5_000;

/**
 * Read-your-writes for a read model that writes do not wait for (documents lists, Activities, Agents):
 * every write answered before this read is in the log up to its head, so the read waits until the
 * read model has applied that far. Writes stay as fast as the log, and ingest is not held up. A read
 * model that is slow (or whose worker is not running) costs a log line and an answer that lags, not
 * an error.
 */
export async function awaitReadModel(
  pool: pg.Pool,
  store: EventStore,
  projection: Projection,
  logger: Logger,
): Promise<void> {
  const head = await store.headPosition();
  if (!(await waitForApplied(pool, store, projection, head, READ_WAIT_MS))) {
    logger.warn(
      `${projection.name} did not reach position ${head.commit} within ${READ_WAIT_MS} ms; answering from what it has`,
    );
  }
}

import type pg from 'pg';
import { comparePositions, type Position } from '#libs/event-store';
import { readCheckpoint } from './checkpoints.js';

/**
 * Resolves once the projection has applied the log up to `position` (read-your-writes for a caller
 * that just appended), or rejects after `timeoutMs`.
 */
export async function waitForProjection(
  pool: pg.Pool,
  projectionName: string,
  position: Position,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    const checkpoint = await readCheckpoint(pool, projectionName);
    if (comparePositions(checkpoint, position) >= 0) return;
    if (Date.now() > deadline) {
      throw new Error(`Projection "${projectionName}" did not reach position ${position.commit} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 50);
  }
}

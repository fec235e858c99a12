import type pg from 'pg';
import { comparePositions, type EventStore, type LogFilter, type Position } from '#libs/event-store';
import { CheckpointWatcher } from './checkpoint-watcher.js';
import { readCheckpoint } from './checkpoints.js';
import type { Projection } from './projection.js';

/**
 * One watcher per pool and projection for every command waiting on it: the runner's announcement
 * releases them all at once, and one poll (the fallback) serves them all, instead of each waiter reading
 * the checkpoint over and over. Nobody closes these, so each gives its LISTEN connection back once idle.
 */
const watchers = new WeakMap<pg.Pool, Map<string, CheckpointWatcher>>();
const WATCHER_POLL_MS = 25;
const WATCHER_IDLE_MS = 200;

function watcherOf(pool: pg.Pool, projectionName: string): CheckpointWatcher {
  let byName = watchers.get(pool);
  if (!byName) watchers.set(pool, (byName = new Map()));
  let watcher = byName.get(projectionName);
  if (!watcher) {
    watcher = new CheckpointWatcher(pool, projectionName, { pollMs: WATCHER_POLL_MS, idleMs: WATCHER_IDLE_MS });
    byName.set(projectionName, watcher);
  }
  return watcher;
}

/**
 * Resolves once the projection has applied the log up to `position` (read-your-writes for a caller
 * that just appended), or rejects after `timeoutMs`. Woken by the runner's announcement of an
 * `awaited` projection's checkpoint; others are found by the shared poll.
 */
export async function waitForProjection(
  pool: pg.Pool,
  projectionName: string,
  position: Position,
  timeoutMs = 10_000,
): Promise<void> {
  if (await watcherOf(pool, projectionName).waitFor(position, timeoutMs)) return;
  throw new Error(`Projection "${projectionName}" did not reach position ${position.commit} within ${timeoutMs} ms`);
}

/**
 * Read-your-writes at read time: resolves true once `projection` has applied every event it subscribes
 * to up to `position` (typically the head of the log when a request arrived: every write a client has
 * been answered for is at or before it), false once `timeoutMs` has passed. A filtered projection's
 * checkpoint can stop short of `position` when nothing after it concerns the projection, so "applied"
 * also holds when its next matching event lies after `position`. For read models kept in the background
 * lane, whose writers do not wait for them.
 *
 * `among` narrows what must be applied to the events of the projection's that it also matches (a
 * caller that needs one organisation's events, not every writer's): it must be at least as narrow as
 * the projection's own filter, since the projection applies the log in order whatever the caller needs.
 */
export async function waitForApplied(
  pool: pg.Pool,
  store: EventStore,
  projection: Projection,
  position: Position,
  timeoutMs: number,
  among: LogFilter | undefined = projection.filter,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    const checkpoint = await readCheckpoint(pool, projection.name);
    if (comparePositions(checkpoint, position) >= 0) return true;
    const pending = await store.readAll({ after: checkpoint, filter: among, maxCount: 1 });
    const next = pending.events[0];
    if (!next || comparePositions(next.position, position) > 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 50);
  }
}

/**
 * Resolves when every given projection has applied every event of the log it subscribes to. A filtered
 * projection's checkpoint stops at the last event it matched, so "caught up" means no matching event
 * remains after its checkpoint. Reactors append while others catch up: done only when one whole pass
 * leaves the head of the log where it was.
 */
export async function waitForCaughtUp(
  pool: pg.Pool,
  store: EventStore,
  projections: readonly Projection[],
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let settled = false; !settled;) {
    const head = await store.headPosition();
    for (const projection of projections) {
      let delay = 2;
      for (;;) {
        const checkpoint = await readCheckpoint(pool, projection.name);
        const pending = await store.readAll({ after: checkpoint, filter: projection.filter, maxCount: 1 });
        if (pending.events.length === 0) break;
        if (Date.now() > deadline) {
          throw new Error(`Projection "${projection.name}" did not catch up with the log within ${timeoutMs} ms`);
        }
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 50);
      }
    }
    settled = (await store.headPosition()).commit === head.commit;
  }
}

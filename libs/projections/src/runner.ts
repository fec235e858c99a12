import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import {
  comparePositions,
  formatPosition,
  type EventStore,
  type LogFilter,
  type Position,
  type RecordedEvent,
} from '#libs/event-store';
import { beginBatch, commitBatch, LEASE_LOCK_CLASS, readCheckpoint } from './checkpoints.js';
import { liveSchema, type Projection } from './projection.js';
import { ensureLiveSchema } from './schema.js';

export interface ProjectionRunnerOptions {
  pool: pg.Pool;
  store: EventStore;
  projections: readonly Projection[];
  /** Identifies this process in `projection_checkpoints.runner`. */
  runnerId?: string;
  batchSize?: number;
  /** How often a runner without a lease tries to take it over, and waits after a failed batch. */
  leaseRetryMs?: number;
  log?: (line: string) => void;
}

/**
 * Runs each projection in exactly one process at a time, and feeds all the projections this process
 * holds from ONE reader of the log, so each event is read and parsed once per process, not once per
 * projection.
 *
 * A runner holds a projection's lease (a session advisory lock on its own connection) while it applies
 * events; if the process dies its connection closes, PostgreSQL frees the lock, and another runner
 * takes over from the checkpoint. Each projection commits its read-model changes with its checkpoint in
 * one transaction, compare-and-set on the checkpoint, so even two runners that both believed they held
 * a lease could not apply a batch twice.
 */
export class ProjectionRunner {
  readonly runnerId: string;
  private readonly stopping = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly held = new Map<string, Projection>();
  /** Aborted (and replaced) whenever the set of held projections changes: the reader restarts. */
  private heldChanged = new AbortController();
  /** The background lane of the last read, which may still finish a batch after its read has ended. */
  private laneDone: Promise<void> = Promise.resolve();

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.runnerId = options.runnerId ?? `runner-${randomUUID().slice(0, 8)}`;
    // Every lease loop and the reader listen for stop: one listener per projection, plus a few.
    setMaxListeners(options.projections.length + 10, this.stopping.signal);
  }

  start(): void {
    for (const projection of this.options.projections) this.loops.push(this.holdLease(projection));
    this.loops.push(this.readWhileHolding());
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.heldChanged.abort();
    await Promise.allSettled(this.loops);
    await this.laneDone;
  }

  private async holdLease(projection: Projection): Promise<void> {
    const { pool } = this.options;
    while (!this.stopping.signal.aborted) {
      let lease: pg.PoolClient | undefined;
      try {
        lease = await pool.connect();
        // A terminated connection may report its error after untilLost has stopped listening.
        lease.on('error', () => {});
        if (await tryLease(lease, projection.name)) {
          await ensureLiveSchema(pool, this.options.store, projection);
          await this.recordLease(projection.name);
          this.log(`projection ${projection.name}: lease taken by ${this.runnerId}`);
          this.setHeld(projection, true);
          await untilLost(lease, this.stopping.signal);
        }
      } catch (error) {
        if (!this.stopping.signal.aborted) this.log(`projection ${projection.name}: ${(error as Error).message}`);
      } finally {
        this.setHeld(projection, false);
        if (lease) {
          await lease.query('select pg_advisory_unlock_all()').catch(() => {});
          lease.release(true);
        }
      }
      await sleep(this.options.leaseRetryMs ?? 1000, this.stopping.signal);
    }
  }

  private setHeld(projection: Projection, held: boolean): void {
    if (held === this.held.has(projection.name)) return;
    if (held) this.held.set(projection.name, projection);
    else this.held.delete(projection.name);
    const changed = this.heldChanged;
    this.heldChanged = new AbortController();
    changed.abort();
  }

  private async readWhileHolding(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const changed = this.heldChanged.signal;
      const members = [...this.held.values()].sort(awaitedFirst);
      try {
        if (members.length === 0) await waitFor(AbortSignal.any([changed, this.stopping.signal]));
        else await this.follow(members, AbortSignal.any([changed, this.stopping.signal]));
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        this.log(`projections ${members.map((m) => m.name).join(', ')}: ${(error as Error).message}`);
        await sleep(this.options.leaseRetryMs ?? 1000, this.stopping.signal);
      }
    }
  }

  /**
   * Follows the log for these projections until the held set changes, a checkpoint moves (a rebuild
   * swap) or stop. The awaited projections (see Projection.awaited) keep pace with the reader; the
   * others run behind it, in a lane whose batches grow while it is busy.
   */
  private async follow(members: Projection[], stop: AbortSignal): Promise<void> {
    const checkpoints = new Map<string, Position>();
    for (const m of members) checkpoints.set(m.name, await readCheckpoint(this.options.pool, m.name));
    const from = [...checkpoints.values()].reduce((a, b) => (comparePositions(a, b) <= 0 ? a : b));
    // The signal may have fired during the awaits above, and a listener added now would never run.
    if (stop.aborted) return;
    const subscription = this.options.store.subscribeToAll({ after: from, filter: unionFilter(members) });
    const onStop = () => void subscription.close();
    stop.addEventListener('abort', onStop, { once: true });
    const batchSize = this.options.batchSize ?? 2000;
    const awaited = members.filter((m) => m.awaited);
    const others = members.filter((m) => !m.awaited);
    // A failed or out-of-step lane ends the read at once, even with no further event to come.
    // While the lane keeps up (batches not full) its read models take a batch in turn; behind, all at once.
    const laneFilter = unionFilter(others);
    const afterPreviousLane = this.afterPreviousLane(others, checkpoints);
    const behind = new BackgroundLane(
      async (batch) => {
        await afterPreviousLane();
        return this.applyBatch(others, checkpoints, batch, batch.length < batchSize);
      },
      batchSize,
      onStop,
      async (after, maxCount) => (await this.options.store.readAll({ after, filter: laneFilter, maxCount })).events,
    );
    try {
      for await (const batch of batches(subscription, batchSize)) {
        if (stop.aborted) return;
        if (!(await this.applyBatch(awaited, checkpoints, batch))) return;
        if (others.length > 0 && !(await behind.push(batch))) return;
      }
      if (!stop.aborted) {
        await behind.settle();
        behind.throwIfFailed();
      }
    } finally {
      stop.removeEventListener('abort', onStop);
      // A slow background batch must not hold the next read (and so the awaited read models) back:
      // the lane finishes the batch it is applying on its own, and the next lane starts after it.
      behind.abandon();
      this.laneDone = behind.settle();
      await subscription.close();
    }
  }

  /**
   * Before a lane's first batch: waits for the previous read's lane to finish its last batch, then
   * takes its read models' checkpoints afresh (that batch may have moved them).
   */
  private afterPreviousLane(others: Projection[], checkpoints: Map<string, Position>): () => Promise<void> {
    const previous = this.laneDone;
    let ready: Promise<void> | undefined;
    return () =>
      (ready ??= (async () => {
        await previous;
        for (const m of others) {
          const fresh = await readCheckpoint(this.options.pool, m.name);
          // Only forward: a checkpoint moved back (a rebuild swap) must still be found moved by the batch.
          if (comparePositions(fresh, checkpoints.get(m.name)!) > 0) checkpoints.set(m.name, fresh);
        }
      })());
  }

  /**
   * Applies a batch to every member, each in its own transaction on its own connection: at once (the
   * projections proceed in parallel, and PostgreSQL works on several cores), or `inTurn`. False when a
   * checkpoint moved under us.
   */
  private async applyBatch(
    members: Projection[],
    checkpoints: Map<string, Position>,
    batch: RecordedEvent[],
    inTurn = false,
  ): Promise<boolean> {
    const outcomes = inTurn
      ? await this.applyInTurn(members, checkpoints, batch)
      : await Promise.allSettled(members.map((m) => this.applyTo(m, checkpoints.get(m.name)!, batch)));
    let inStep = true;
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.status === 'fulfilled' && outcome.value) checkpoints.set(members[i]!.name, outcome.value);
      else inStep = false;
    }
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    return inStep;
  }

  /**
   * One member after another: each one's synchronous preparation of the batch then comes on its own,
   * and the I/O of the awaited read models is served between them instead of after all of it.
   */
  private async applyInTurn(
    members: Projection[],
    checkpoints: Map<string, Position>,
    batch: RecordedEvent[],
  ): Promise<PromiseSettledResult<Position | undefined>[]> {
    const outcomes: PromiseSettledResult<Position | undefined>[] = [];
    for (const m of members) {
      try {
        outcomes.push({ status: 'fulfilled', value: await this.applyTo(m, checkpoints.get(m.name)!, batch) });
      } catch (reason) {
        outcomes.push({ status: 'rejected', reason });
      }
    }
    return outcomes;
  }

  /** One member's share of a batch, with its checkpoint compare-and-set; the new checkpoint, or undefined if it had moved. */
  private async applyTo(
    projection: Projection,
    checkpoint: Position,
    batch: RecordedEvent[],
  ): Promise<Position | undefined> {
    const last = batch[batch.length - 1]!.position;
    if (comparePositions(last, checkpoint) <= 0) return checkpoint;
    const events = batch.filter((e) => comparePositions(e.position, checkpoint) > 0 && matches(projection.filter, e));
    const context = { schema: liveSchema(projection.name), store: this.options.store };
    const client = await this.options.pool.connect();
    try {
      const opened = beginBatch(client, projection.name);
      // A read model's queries can queue behind the opening on the same connection, where the driver
      // sends each as soon as the one before is answered, without waiting for a busy event loop; if
      // the checkpoint moved, the rollback discards them. A reactor appends to the log, which no
      // rollback undoes: it starts only once the checkpoint is known to be in step.
      const applied =
        projection.reactor || events.length === 0
          ? undefined
          : (async () => projection.apply(events, { client, ...context }))();
      const [open, apply] = await Promise.allSettled([opened, applied]);
      if (open.status === 'rejected') throw open.reason;
      if (comparePositions(open.value, checkpoint) !== 0) {
        await client.query('rollback');
        this.log(
          `projection ${projection.name}: checkpoint moved to ${formatPosition(open.value)}; resuming from there`,
        );
        return undefined;
      }
      if (apply.status === 'rejected') throw apply.reason;
      if (projection.reactor && events.length > 0) await projection.apply(events, { client, ...context });
      await commitBatch(client, projection.name, last, events.length, projection.awaited === true);
      return last;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async recordLease(name: string): Promise<void> {
    await this.options.pool.query(
      `insert into projection_checkpoints (name, position, runner, lease_acquired_at) values ($1, '-1/-1', $2, now())
       on conflict (name) do update set runner = excluded.runner, lease_acquired_at = now()`,
      [name, this.runnerId],
    );
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

async function tryLease(lease: pg.PoolClient, name: string): Promise<boolean> {
  const { rows } = await lease.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [
    LEASE_LOCK_CLASS,
    name,
  ]);
  return rows[0].ok;
}

/** Resolves when the lease connection fails (checked every few seconds) or the signal aborts. */
async function untilLost(lease: pg.PoolClient, signal: AbortSignal, checkEveryMs = 2000): Promise<void> {
  const lost = new AbortController();
  const onError = () => lost.abort();
  lease.on('error', onError);
  try {
    const either = AbortSignal.any([signal, lost.signal]);
    while (!either.aborted) {
      await sleep(checkEveryMs, either);
      if (!either.aborted) await lease.query('select 1').catch(onError);
    }
  } finally {
    lease.off('error', onError);
  }
}

/**
 * Applies batches behind the reader: events queue while a batch is applied and go together in the
 * next one, so under load the batches grow (cheaper per event) without holding the reader back. A
 * batch starts at most every BACKGROUND_GATHER_MS unless a full one is waiting: these read models may
 * lag that much, and fewer, larger transactions leave more of the machine to the awaited ones. The
 * queue is bounded (QUEUED_BATCHES full batches): past that the lane drops what the reader passes on
 * and later reads it back from the log itself, so a slow read model never holds the reader (and so
 * the awaited read models every command waits for) back.
 */
class BackgroundLane {
  private pending: RecordedEvent[] = [];
  /** The last event queued: the lane holds every event up to it. */
  private queuedUpTo?: Position;
  /** Set while the queue was full: the last event dropped, which the lane reads back from the log. */
  private droppedUpTo?: Position;
  private running?: Promise<void>;
  private moved = false;
  private abandoned = false;
  private failure?: { error: unknown };
  private lastStart = 0;
  private wake?: () => void;

  constructor(
    private readonly apply: (batch: RecordedEvent[]) => Promise<boolean>,
    private readonly maxSize: number,
    private readonly onStopped: () => void,
    /** The log's events after `after` that this lane's read models follow, at most `maxCount`. */
    private readonly readAfter: (after: Position, maxCount: number) => Promise<RecordedEvent[]>,
  ) {}

  /** Queues a batch (or drops it, to read back). False once a batch found a checkpoint moved; a failed batch's error is thrown here. */
  async push(batch: RecordedEvent[]): Promise<boolean> {
    this.throwIfFailed();
    if (this.moved || batch.length === 0) return !this.moved;
    const full = this.pending.length >= this.maxSize * QUEUED_BATCHES;
    if (this.droppedUpTo || (full && this.queuedUpTo)) {
      this.droppedUpTo = batch[batch.length - 1]!.position;
    } else {
      for (const event of batch) this.pending.push(event);
      this.queuedUpTo = batch[batch.length - 1]!.position;
    }
    if (this.pending.length >= this.maxSize) this.wake?.();
    this.running ??= this.drain();
    return !this.moved;
  }

  /** Resolves when nothing is being applied (what is still queued after a failure or a move is dropped). */
  async settle(): Promise<void> {
    this.wake?.();
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while ((this.pending.length > 0 || this.droppedUpTo) && !this.moved && !this.abandoned) {
        if (this.pending.length === 0) await this.readBack();
        await this.gather();
        if (this.abandoned) break;
        this.lastStart = performance.now();
        const batch = this.pending.splice(0, this.maxSize);
        if (!(await this.apply(batch))) {
          this.moved = true;
          this.onStopped();
        }
      }
    } catch (error) {
      this.failure = { error };
      this.onStopped();
    } finally {
      this.pending = [];
      this.droppedUpTo = undefined;
      this.running = undefined;
    }
  }

  /**
   * Queues the next events dropped while the queue was full, read from the log; once it has them all
   * up to the last dropped, the lane takes the reader's batches again (they follow on from there).
   */
  private async readBack(): Promise<void> {
    const target = this.droppedUpTo!;
    const events = await this.readAfter(this.queuedUpTo!, this.maxSize);
    const dropped = events.filter((e) => comparePositions(e.position, target) <= 0);
    for (const event of dropped) this.pending.push(event);
    if (dropped.length > 0) this.queuedUpTo = dropped[dropped.length - 1]!.position;
    if (dropped.length < this.maxSize) {
      this.queuedUpTo = target;
      this.droppedUpTo = undefined;
    }
  }

  /** The read feeding this lane has ended: apply no further batch (the next read's lane takes over). */
  abandon(): void {
    this.abandoned = true;
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Until BACKGROUND_GATHER_MS after the last batch started, or a full batch waits, or settle(). */
  private async gather(): Promise<void> {
    const wait = this.lastStart + BACKGROUND_GATHER_MS - performance.now();
    if (wait <= 0 || this.pending.length >= this.maxSize) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, wait);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }
}

const BACKGROUND_GATHER_MS = 100;
/** Full batches the background lane queues in memory before it leaves the rest in the log to read back. */
const QUEUED_BATCHES = 2;

/** Read models that writers wait for start each batch first; the rest by name. */
function awaitedFirst(a: Projection, b: Projection): number {
  return Number(b.awaited === true) - Number(a.awaited === true) || a.name.localeCompare(b.name);
}

/** One read for several projections: their filters' union when it is expressible, else the whole log. */
export function unionFilter(projections: readonly Projection[]): LogFilter | undefined {
  const filters = projections.map((p) => p.filter);
  if (filters.some((f) => !f || (!f.eventTypes?.length && !f.streamPrefixes?.length))) return undefined;
  if (filters.every((f) => f!.eventTypes?.length && !f!.streamPrefixes?.length)) {
    return { eventTypes: [...new Set(filters.flatMap((f) => f!.eventTypes!))] };
  }
  if (filters.every((f) => f!.streamPrefixes?.length && !f!.eventTypes?.length)) {
    return { streamPrefixes: [...new Set(filters.flatMap((f) => f!.streamPrefixes!))] };
  }
  return undefined;
}

/** The same rule as the event stores: every given condition must hold. */
export function matches(filter: LogFilter | undefined, event: RecordedEvent): boolean {
  if (!filter) return true;
  if (filter.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamPrefixes?.length && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  return true;
}

/**
 * Groups a subscription's events into batches: a batch closes when it is full or when no further
 * event is ready at once, so catch-up runs in large batches and live events are applied promptly.
 */
export async function* batches(source: AsyncIterable<RecordedEvent>, maxSize: number): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  for (;;) {
    const first = await next;
    if (first.done) return;
    const batch = [first.value];
    next = iterator.next();
    while (batch.length < maxSize) {
      const ready = await Promise.race([next, nextTick()]);
      if (ready === TICK) break;
      if (ready.done) {
        yield batch;
        return;
      }
      batch.push(ready.value);
      next = iterator.next();
    }
    yield batch;
  }
}

const TICK = Symbol('tick');
function nextTick(): Promise<typeof TICK> {
  return new Promise((resolve) => setImmediate(() => resolve(TICK)));
}

function waitFor(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Resolves after `ms` or on abort; the abort listener goes when the timer fires, so loops do not pile them up. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

import { setTimeout } from 'node:timers/promises';
import type pg from 'pg';
import { ChannelListener } from '#libs/database';
import { comparePositions, parsePosition, type Position } from '#libs/event-store';
import { CHECKPOINTS_CHANNEL, readCheckpoint } from './checkpoints.js';

interface Waiter {
  position: Position;
  deadline: number;
  resolve(reached: boolean): void;
}

export interface CheckpointWatcherOptions {
  /** How often the checkpoint is read while anyone waits (covers what announcements miss). Default 50 ms. */
  pollMs?: number;
  /**
   * Give the LISTEN connection back this long after the last waiter left (undefined: keep it until
   * close()). For a watcher nobody closes: the pool can end once the waits have.
   */
  idleMs?: number;
}

/**
 * Waits for an `awaited` projection's checkpoint on behalf of many concurrent requests. The runner
 * announces each new checkpoint on CHECKPOINTS_CHANNEL, so a waiter is released as soon as its batch
 * commits; the checkpoint is read once when the LISTEN connection is open (an announcement made before
 * is not heard), then polled while anyone waits, which covers a lost LISTEN connection, a rebuild's
 * swap (which moves the checkpoint without an announcement) and a projection that is not announced.
 */
export class CheckpointWatcher {
  private readonly waiters = new Set<Waiter>();
  private polling = false;
  private readonly closing = new AbortController();
  private listener: ChannelListener;
  private readonly pollMs: number;
  private readonly idleMs: number | undefined;
  private idleTimer?: NodeJS.Timeout;
  /** The last checkpoint announced since the LISTEN connection opened. */
  private announced?: Position;

  constructor(
    private readonly pool: pg.Pool,
    private readonly projectionName: string,
    options: CheckpointWatcherOptions | number = {},
  ) {
    const { pollMs = 50, idleMs } = typeof options === 'number' ? { pollMs: options } : options;
    this.pollMs = pollMs;
    this.idleMs = idleMs;
    this.listener = this.newListener();
  }

  /** True once the projection has applied `position`, false when `timeoutMs` passed first (or the watcher closed). */
  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    if (this.announced && comparePositions(this.announced, position) >= 0) return Promise.resolve(true);
    if (this.closing.signal.aborted) return Promise.resolve(false);
    clearTimeout(this.idleTimer);
    return new Promise((resolve) => {
      this.waiters.add({ position, deadline: Date.now() + timeoutMs, resolve });
      if (!this.polling) void this.poll();
    });
  }

  /** Resolves true once announcements can arrive (the LISTEN connection is open), false if it could not open. */
  listening(): Promise<boolean> {
    return this.listener.open();
  }

  /** Releases the LISTEN connection (before the pool ends: a checked-out client would hang pool.end()). */
  async close(): Promise<void> {
    this.closing.abort();
    clearTimeout(this.idleTimer);
    await this.listener.close();
    this.release(undefined);
  }

  private newListener(): ChannelListener {
    return new ChannelListener(
      this.pool,
      CHECKPOINTS_CHANNEL,
      (payload) => this.onAnnouncement(payload),
      () => (this.announced = undefined),
    );
  }

  private onAnnouncement(payload: string | undefined): void {
    const [name, position] = payload?.split(' ') ?? [];
    if (name !== this.projectionName || !position) return;
    this.announced = parsePosition(position);
    this.release(this.announced);
  }

  /** Listens, reads the checkpoint at once, then every pollMs while anyone waits. */
  private async poll(): Promise<void> {
    this.polling = true;
    try {
      await this.listener.open();
      while (this.waiters.size > 0 && !this.closing.signal.aborted) {
        this.release(await readCheckpoint(this.pool, this.projectionName).catch(() => undefined));
        if (this.waiters.size === 0) break;
        await setTimeout(this.pollMs, undefined, { signal: this.closing.signal }).catch(() => {});
      }
    } finally {
      this.polling = false;
      if (this.waiters.size === 0) this.closeWhenIdle();
    }
  }

  /** With idleMs: the LISTEN connection goes back to the pool unless a new waiter comes within idleMs. */
  private closeWhenIdle(): void {
    if (this.idleMs === undefined || this.closing.signal.aborted) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = globalThis.setTimeout(() => {
      if (this.waiters.size > 0 || this.polling) return;
      const idle = this.listener;
      this.listener = this.newListener();
      void idle.close();
    }, this.idleMs);
    // The LISTEN connection keeps the process alive until the timer gives it back.
    this.idleTimer.unref();
  }

  /** Resolves the waiters `checkpoint` has reached (true) and those out of time or closed (false). */
  private release(checkpoint: Position | undefined): void {
    const now = Date.now();
    for (const waiter of this.waiters) {
      const reached = checkpoint !== undefined && comparePositions(checkpoint, waiter.position) >= 0;
      if (reached || now > waiter.deadline || this.closing.signal.aborted) {
        this.waiters.delete(waiter);
        waiter.resolve(reached);
      }
    }
  }
}

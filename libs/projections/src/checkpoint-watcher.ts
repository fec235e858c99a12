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

/**
 * Waits for an `awaited` projection's checkpoint on behalf of many concurrent requests. The runner
 * announces each new checkpoint on CHECKPOINTS_CHANNEL, so a waiter is released as soon as its batch
 * commits; a poll (every 50 ms by default) while anyone waits covers a lost LISTEN connection and a
 * rebuild's swap (which moves the checkpoint without an announcement).
 */
export class CheckpointWatcher {
  private readonly waiters = new Set<Waiter>();
  private polling = false;
  private readonly closing = new AbortController();
  private readonly listener: ChannelListener;
  /** The last checkpoint announced since the LISTEN connection opened. */
  private announced?: Position;

  constructor(
    private readonly pool: pg.Pool,
    private readonly projectionName: string,
    private readonly pollMs = 50,
  ) {
    this.listener = new ChannelListener(
      pool,
      CHECKPOINTS_CHANNEL,
      (payload) => this.onAnnouncement(payload),
      () => (this.announced = undefined),
    );
  }

  /** True once the projection has applied `position`, false when `timeoutMs` passed first (or the watcher closed). */
  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    if (this.announced && comparePositions(this.announced, position) >= 0) return Promise.resolve(true);
    if (this.closing.signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.waiters.add({ position, deadline: Date.now() + timeoutMs, resolve });
      void this.listener.open();
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
    await this.listener.close();
    this.release(undefined);
  }

  private onAnnouncement(payload: string | undefined): void {
    const [name, position] = payload?.split(' ') ?? [];
    if (name !== this.projectionName || !position) return;
    this.announced = parsePosition(position);
    this.release(this.announced);
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0 && !this.closing.signal.aborted) {
        await setTimeout(this.pollMs, undefined, { signal: this.closing.signal }).catch(() => {});
        this.release(await readCheckpoint(this.pool, this.projectionName).catch(() => undefined));
      }
    } finally {
      this.polling = false;
    }
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

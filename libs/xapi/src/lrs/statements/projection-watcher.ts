import type pg from 'pg';
import { comparePositions, type Position } from '#libs/event-store';
import { readCheckpoint } from '#libs/projections';

interface Waiter {
  position: Position;
  deadline: number;
  resolve(reached: boolean): void;
}

/**
 * Waits for one projection's checkpoint on behalf of many concurrent requests: a single loop polls
 * the checkpoint while anyone waits, instead of one polling loop per request.
 */
export class ProjectionWatcher {
  private readonly waiters = new Set<Waiter>();
  private polling = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly projectionName: string,
    private readonly intervalMs = 10,
  ) {}

  /** True once the projection has applied `position`, false when `timeoutMs` passed first. */
  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      this.waiters.add({ position, deadline: Date.now() + timeoutMs, resolve });
      if (!this.polling) void this.poll();
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0) {
        const checkpoint = await readCheckpoint(this.pool, this.projectionName).catch(() => undefined);
        const now = Date.now();
        for (const waiter of this.waiters) {
          const reached = checkpoint !== undefined && comparePositions(checkpoint, waiter.position) >= 0;
          if (reached || now > waiter.deadline) {
            this.waiters.delete(waiter);
            waiter.resolve(reached);
          }
        }
        if (this.waiters.size > 0) await new Promise((r) => setTimeout(r, this.intervalMs));
      }
    } finally {
      this.polling = false;
    }
  }
}

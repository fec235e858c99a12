import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '#libs/event-store';
import type { Projection } from './projection.js';
import { BatchPipeline } from './runner.js';

const member = (name: string): Projection => ({ name, createTables: async () => {}, apply: async () => {} });
const batch = (n: number) => [{ position: { commit: BigInt(n), prepare: BigInt(n) } } as RecordedEvent];
const positionOf = (events: RecordedEvent[]) => Number(events[0]!.position.commit);
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('BatchPipeline', () => {
  it('applies each member in log order, and a quick member does not wait for a slow one', async () => {
    const applied: string[] = [];
    const pipeline = new BatchPipeline([member('quick'), member('slow')], async (m, events) => {
      await delay(m.name === 'slow' ? 30 : 1);
      applied.push(`${m.name}:${positionOf(events)}`);
      return true;
    });
    for (const n of [1, 2, 3]) await pipeline.push(batch(n));
    await pipeline.drain();
    expect(applied.filter((a) => a.startsWith('quick'))).toEqual(['quick:1', 'quick:2', 'quick:3']);
    expect(applied.filter((a) => a.startsWith('slow'))).toEqual(['slow:1', 'slow:2', 'slow:3']);
    expect(applied.indexOf('quick:3')).toBeLessThan(applied.indexOf('slow:1'));
  });

  it('reads ahead at most MAX_AHEAD batches: push waits while more are unfinished', async () => {
    let finished = 0;
    const pipeline = new BatchPipeline([member('only')], async () => {
      await delay(2);
      finished++;
      return true;
    });
    for (let n = 1; n <= 20; n++) {
      await pipeline.push(batch(n));
      expect(n - finished).toBeLessThanOrEqual(BatchPipeline.MAX_AHEAD);
    }
    await pipeline.drain();
    expect(finished).toBe(20);
  });

  it('halts on a failure: no member starts a later batch, and drain throws it', async () => {
    const applied: string[] = [];
    const pipeline = new BatchPipeline([member('a'), member('b')], async (m, events) => {
      const n = positionOf(events);
      if (m.name === 'a' && n === 2) throw new Error('a failed on 2');
      await delay(5);
      applied.push(`${m.name}:${n}`);
      return true;
    });
    await pipeline.push(batch(1));
    await pipeline.push(batch(2));
    await pipeline.push(batch(3));
    await expect(pipeline.drain()).rejects.toThrow('a failed on 2');
    expect(pipeline.halted).toBe(true);
    expect(applied).not.toContain('a:3');
    expect(applied).not.toContain('b:3');
  });

  it('halts without an error when a member finds its checkpoint moved', async () => {
    const applied: number[] = [];
    const pipeline = new BatchPipeline([member('a')], async (_m, events) => {
      const n = positionOf(events);
      if (n === 2) return false;
      applied.push(n);
      return true;
    });
    for (const n of [1, 2, 3]) await pipeline.push(batch(n));
    await pipeline.drain();
    expect(pipeline.halted).toBe(true);
    expect(applied).toEqual([1]);
  });
});

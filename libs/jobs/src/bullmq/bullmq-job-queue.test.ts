import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testRedis } from '../../../../test/support/redis.js';
import { describeJobQueueContract } from '../contract/job-queue.contract.js';
import { BullMqJobQueue } from './bullmq-job-queue.js';

const { url, reason } = testRedis();
// Unique per file run so that parallel test files and earlier runs never share keys.
const filePrefix = `continuum-test-jobs-${randomUUID().slice(0, 8)}`;
let instances = 0;
const newPrefix = () => `${filePrefix}-${++instances}`;

async function deleteKeys(redisUrl: string, pattern: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let deleted = 0;
  try {
    for await (const keys of redis.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length) deleted += await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
  return deleted;
}

describe.skipIf(!url)(`BullMqJobQueue on a real Redis${url ? '' : ` (SKIPPED: ${reason})`}`, () => {
  const redisUrl = url!;

  afterAll(async () => {
    await deleteKeys(redisUrl, `${filePrefix}*`);
  });

  describeJobQueueContract('BullMQ', async () => {
    const prefix = newPrefix();
    const queue = new BullMqJobQueue({ redisUrl, prefix });
    return {
      queue,
      cleanup: async () => {
        await queue.close();
        await deleteKeys(redisUrl, `${prefix}:*`);
      },
    };
  });

  it('runs a job enqueued by one process (API) in another (worker), with progress visible to the first', async () => {
    const prefix = newPrefix();
    const api = new BullMqJobQueue({ redisUrl, prefix });
    const worker = new BullMqJobQueue({ redisUrl, prefix });
    try {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const ranIn: string[] = [];
      worker.process<{ projection: string }, { events: number }>(
        'projection.rebuild',
        async ({ data, reportProgress }) => {
          ranIn.push('worker');
          await new Promise((resolve) => setTimeout(resolve, 20));
          await reportProgress({ percent: 50, processed: 5000, total: 10_000 });
          await released;
          await reportProgress({ percent: 100, processed: 10_000, total: 10_000 });
          return { events: data.projection.length };
        },
      );

      const enqueued = await api.enqueue(
        'projection.rebuild',
        { projection: 'capability-stages' },
        { jobId: 'rebuild-capability-stages' },
      );
      const running = await pollUntil(
        () => api.get(enqueued.id),
        (job) => job?.progress?.percent === 50,
      );
      expect(running).toMatchObject({ state: 'active', progress: { percent: 50, processed: 5000, total: 10_000 } });
      expect(running!.progress!.ratePerSecond).toBeGreaterThan(0);
      expect(await api.list({ states: ['active'] })).toHaveLength(1);

      release();
      const finished = await api.waitFor(enqueued.id, 10_000);
      expect(finished).toMatchObject({ state: 'completed', result: { events: 'capability-stages'.length } });
      expect(ranIn).toEqual(['worker']);
      // The worker instance never enqueued anything, yet it reads the same job.
      expect(await worker.get(enqueued.id)).toMatchObject({ state: 'completed' });
    } finally {
      await Promise.all([api.close(), worker.close()]);
      await deleteKeys(redisUrl, `${prefix}:*`);
    }
  });

  it('aborts a running job through its signal on close, which then resolves', async () => {
    const prefix = newPrefix();
    const api = new BullMqJobQueue({ redisUrl, prefix });
    const worker = new BullMqJobQueue({ redisUrl, prefix });
    try {
      let sawAbort = false;
      worker.process('long', async ({ signal }) => {
        await new Promise<void>((_, reject) =>
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(new Error('aborted by shutdown'));
          }),
        );
      });
      const job = await api.enqueue('long', {});
      await pollUntil(
        () => api.get(job.id),
        (info) => info?.state === 'active',
      );

      await worker.close();
      expect(sawAbort).toBe(true);
      expect(await api.get(job.id)).toMatchObject({ state: 'failed', error: 'aborted by shutdown' });
    } finally {
      await Promise.all([api.close(), worker.close()]);
      await deleteKeys(redisUrl, `${prefix}:*`);
    }
  });

  it('keeps its keys under its prefix', async () => {
    const prefix = newPrefix();
    const queue = new BullMqJobQueue({ redisUrl, prefix });
    queue.process('quick', async () => 1);
    await queue.waitFor((await queue.enqueue('quick', {})).id, 10_000);
    await queue.close();
    const redis = new Redis(redisUrl);
    try {
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((key) => key.startsWith(`${prefix}:`))).toBe(true);
    } finally {
      await redis.quit();
    }
    expect(await deleteKeys(redisUrl, `${prefix}:*`)).toBeGreaterThan(0);
  });
});

async function pollUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

import { describe, expect, it } from 'vitest';
import { describeJobQueueContract } from '../contract/job-queue.contract.js';
import { JobQueueClosedError } from '../errors.js';
import { InProcessJobQueue } from './in-process-job-queue.js';

describeJobQueueContract('in-process', async () => {
  const queue = new InProcessJobQueue();
  return { queue, cleanup: () => queue.close() };
});

describe('InProcessJobQueue', () => {
  it('keeps only the last N finished jobs', async () => {
    const queue = new InProcessJobQueue({ retainFinished: 3 });
    queue.process<{ n: number }, number>('n', async ({ data }) => data.n);
    const jobs = [];
    for (let n = 0; n < 5; n++) jobs.push(await queue.enqueue('n', { n }));
    await Promise.all(jobs.map((job) => queue.waitFor(job.id)));
    expect((await queue.list()).map((job) => job.data)).toEqual([{ n: 4 }, { n: 3 }, { n: 2 }]);
    expect(await queue.get(jobs[0]!.id)).toBeUndefined();
    await queue.close();
  });

  it('aborts running jobs through their signal on close and rejects pending waits', async () => {
    const queue = new InProcessJobQueue();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    queue.process('long', async ({ signal }) => {
      started();
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    const job = await queue.enqueue('long', {});
    const waiting = queue.waitFor(job.id).catch((error: unknown) => error);
    await running;

    await queue.close();
    expect(await queue.get(job.id)).toMatchObject({ state: 'failed', error: 'aborted' });
    expect(await waiting).toBeInstanceOf(Error);
    await expect(queue.enqueue('long', {})).rejects.toBeInstanceOf(JobQueueClosedError);
  });

  it('refuses a second processor for the same name and a non-positive concurrency', () => {
    const queue = new InProcessJobQueue();
    queue.process('x', async () => undefined);
    expect(() => queue.process('x', async () => undefined)).toThrow(/already registered/);
    expect(() => queue.process('y', async () => undefined, { concurrency: 0 })).toThrow(/concurrency/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobFailedError, JobNotFoundError, JobWaitTimeoutError } from '../errors.js';
import type { JobInfo, JobQueue } from '../job-queue.port.js';

export interface JobQueueContractContext {
  queue: JobQueue;
  /** Closes the queue and removes whatever it stored. */
  cleanup(): Promise<void>;
}

interface Gate {
  promise: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Polls `read` until `accept` holds, so tests observe a state another task reaches asynchronously. */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ids = (jobs: JobInfo[]) => jobs.map((job) => job.id);

/** The behaviour every job queue adapter must show; each adapter's test file runs it. */
export function describeJobQueueContract(
  adapterName: string,
  createContext: () => Promise<JobQueueContractContext>,
): void {
  describe(`job queue contract: ${adapterName}`, () => {
    let ctx: JobQueueContractContext;
    let queue: JobQueue;
    beforeEach(async () => {
      ctx = await createContext();
      queue = ctx.queue;
    });
    afterEach(async () => {
      await ctx?.cleanup();
    });

    it('runs an enqueued job to completion and keeps its result', async () => {
      queue.process<{ a: number; b: number }, { sum: number }>('add', async ({ data }) => ({ sum: data.a + data.b }));
      const enqueued = await queue.enqueue('add', { a: 2, b: 3 });
      expect(enqueued).toMatchObject({ name: 'add', data: { a: 2, b: 3 } });
      expect(['waiting', 'active', 'completed']).toContain(enqueued.state);
      expect(Date.parse(enqueued.createdAt)).not.toBeNaN();

      const finished = await queue.waitFor(enqueued.id, 10_000);
      expect(finished).toMatchObject({ id: enqueued.id, state: 'completed', result: { sum: 5 } });
      const stored = await queue.get(enqueued.id);
      expect(stored).toMatchObject({ state: 'completed', result: { sum: 5 } });
      expect(Date.parse(stored!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(stored!.createdAt));
      expect(Date.parse(stored!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(stored!.startedAt!));
    });

    it('shows progress, with percent and a rate, through get() while the job runs', async () => {
      const release = gate();
      queue.process('rebuild', async ({ reportProgress }) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await reportProgress({ percent: 40, processed: 400, total: 1000, message: 'replaying' });
        await release.promise;
        await reportProgress({ percent: 100, processed: 1000, total: 1000, ratePerSecond: 1234 });
        return 'done';
      });
      const { id } = await queue.enqueue('rebuild', {});

      const running = await eventually(
        () => queue.get(id),
        (job) => job?.progress?.percent === 40,
      );
      expect(running!.state).toBe('active');
      expect(running!.progress).toMatchObject({ processed: 400, total: 1000, message: 'replaying' });
      expect(running!.progress!.ratePerSecond).toBeGreaterThan(0);

      release.open();
      const finished = await queue.waitFor(id, 10_000);
      expect(finished.progress).toEqual({ percent: 100, processed: 1000, total: 1000, ratePerSecond: 1234 });
    });

    it('records a failed job with its error message', async () => {
      queue.process('explode', async () => {
        throw new Error('boom: projection missing');
      });
      const { id } = await queue.enqueue('explode', { x: 1 });

      const failure = await queue.waitFor(id, 10_000).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(JobFailedError);
      expect((failure as JobFailedError).job).toMatchObject({ id, state: 'failed', error: 'boom: projection missing' });
      expect(await queue.get(id)).toMatchObject({ state: 'failed', error: 'boom: projection missing' });
    });

    it('dedupes by job id: enqueueing an existing id returns the existing job', async () => {
      const first = await queue.enqueue('export', { n: 1 }, { jobId: 'export-worker-42' });
      const second = await queue.enqueue('export', { n: 2 }, { jobId: 'export-worker-42' });
      expect(first.id).toBe('export-worker-42');
      expect(second).toMatchObject({ id: 'export-worker-42', data: { n: 1 } });
      expect(ids(await queue.list({ name: 'export' }))).toEqual(['export-worker-42']);
    });

    it('gives generated ids that are unique across job names', async () => {
      const jobs = await Promise.all([
        queue.enqueue('one', {}),
        queue.enqueue('two', {}),
        queue.enqueue('one', {}),
        queue.enqueue('two', {}),
      ]);
      expect(new Set(ids(jobs)).size).toBe(4);
      for (const job of jobs) expect(await queue.get(job.id)).toMatchObject({ id: job.id, name: job.name });
    });

    it('returns undefined for an unknown id', async () => {
      expect(await queue.get('no-such-job')).toBeUndefined();
    });

    it('lists jobs newest first, filtered by name and state, up to a limit', async () => {
      const a = await queue.enqueue('idle', { i: 1 });
      const b = await queue.enqueue('idle', { i: 2 });
      const c = await queue.enqueue('idle', { i: 3 });
      queue.process('quick', async () => 'ok');
      const done = await queue.enqueue('quick', {});
      await queue.waitFor(done.id, 10_000);

      expect(ids(await queue.list({ name: 'idle' }))).toEqual([c.id, b.id, a.id]);
      expect(ids(await queue.list({ name: 'idle', limit: 2 }))).toEqual([c.id, b.id]);
      expect(ids(await queue.list({ states: ['completed'] }))).toEqual([done.id]);
      expect(ids(await queue.list({ states: ['waiting'] }))).toEqual([c.id, b.id, a.id]);
      expect(ids(await queue.list({ states: ['waiting', 'completed'] })).sort()).toEqual(
        [a.id, b.id, c.id, done.id].sort(),
      );
      expect(await queue.list({ name: 'quick', states: ['failed'] })).toEqual([]);
      expect((await queue.list()).length).toBe(4);
    });

    it('waitFor resolves for a job already finished, times out on a job that does not finish, rejects for an unknown id', async () => {
      queue.process('fast', async () => 7);
      const fast = await queue.enqueue('fast', {});
      await eventually(
        () => queue.get(fast.id),
        (job) => job?.state === 'completed',
      );
      expect(await queue.waitFor(fast.id)).toMatchObject({ state: 'completed', result: 7 });

      const stuck = await queue.enqueue('nobody-processes-this', {});
      await expect(queue.waitFor(stuck.id, 150)).rejects.toBeInstanceOf(JobWaitTimeoutError);
      await expect(queue.waitFor('no-such-job', 150)).rejects.toBeInstanceOf(JobNotFoundError);
    });

    it('runs a job enqueued before its processor registers', async () => {
      const early = await queue.enqueue('late-worker', { n: 5 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await queue.get(early.id))!.state).toBe('waiting');

      queue.process<{ n: number }, number>('late-worker', async ({ data }) => data.n * 2);
      expect(await queue.waitFor(early.id, 10_000)).toMatchObject({ state: 'completed', result: 10 });
    });

    it('runs jobs of one name in enqueue order with concurrency 1', async () => {
      const order: number[] = [];
      const jobs = [];
      for (let n = 0; n < 5; n++) jobs.push(await queue.enqueue('ordered', { n }));
      queue.process<{ n: number }, void>('ordered', async ({ data }) => {
        order.push(data.n);
      });
      for (const job of jobs) await queue.waitFor(job.id, 10_000);
      expect(order).toEqual([0, 1, 2, 3, 4]);
    });

    it('runs at most `concurrency` jobs of a name at once', async () => {
      let running = 0;
      let peak = 0;
      queue.process(
        'parallel',
        async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 100));
          running--;
        },
        { concurrency: 2 },
      );
      const jobs = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.enqueue('parallel', { n })));
      await Promise.all(jobs.map((job) => queue.waitFor(job.id, 10_000)));
      expect(peak).toBe(2);
    });

    it('rejects invalid job names and ids', async () => {
      await expect(queue.enqueue('has:colon', {})).rejects.toThrow(/invalid job name/);
      await expect(queue.enqueue('ok', {}, { jobId: '123' })).rejects.toThrow(/invalid job id/);
      await expect(queue.enqueue('ok', {}, { jobId: 'a:b' })).rejects.toThrow(/invalid job id/);
    });
  });
}

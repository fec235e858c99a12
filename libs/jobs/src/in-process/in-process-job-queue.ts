import { randomUUID } from 'node:crypto';
import { errorMessage, JobFailedError, JobNotFoundError, JobQueueClosedError, JobWaitTimeoutError } from '../errors.js';
import {
  DEFAULT_LIST_LIMIT,
  type EnqueueOptions,
  type JobHandler,
  type JobInfo,
  type JobProgress,
  type JobQueue,
  type ListJobsOptions,
  type ProcessOptions,
} from '../job-queue.port.js';
import { assertValidJobId, assertValidJobName, positiveConcurrency } from '../validation.js';
import { normalizeProgress } from '../progress.js';

export interface InProcessJobQueueOptions {
  /** How many finished (completed or failed) jobs to remember; older ones are forgotten. Default 1000. */
  retainFinished?: number;
}

interface Processor {
  handler: JobHandler;
  concurrency: number;
  running: number;
}

interface Waiter {
  resolve(job: JobInfo): void;
  reject(error: Error): void;
}

/**
 * The embedded mode's queue: jobs live in this process's memory and run in it, FIFO per job name.
 * Nothing survives a restart, which is acceptable because embedded jobs (rebuilds, exports) can
 * simply be started again.
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly retainFinished: number;
  /** Insertion order is creation order, which `list` relies on for newest first. */
  private readonly jobs = new Map<string, JobInfo>();
  private readonly pending = new Map<string, string[]>();
  private readonly processors = new Map<string, Processor>();
  private readonly finishedOrder: string[] = [];
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private closed = false;

  constructor(options: InProcessJobQueueOptions = {}) {
    this.retainFinished = options.retainFinished ?? 1000;
  }

  async enqueue<Data>(name: string, data: Data, options: EnqueueOptions = {}): Promise<JobInfo> {
    this.assertOpen();
    assertValidJobName(name);
    if (options.jobId !== undefined) assertValidJobId(options.jobId);
    const existing = options.jobId === undefined ? undefined : this.jobs.get(options.jobId);
    if (existing) return snapshot(existing);

    const job: JobInfo = { id: options.jobId ?? randomUUID(), name, data, state: 'waiting', createdAt: now() };
    this.jobs.set(job.id, job);
    this.pendingFor(name).push(job.id);
    const enqueued = snapshot(job);
    // Deferred so a handler never runs inside the caller's enqueue, as with a real queue.
    queueMicrotask(() => this.pump(name));
    return enqueued;
  }

  async get(id: string): Promise<JobInfo | undefined> {
    const job = this.jobs.get(id);
    return job && snapshot(job);
  }

  async list(options: ListJobsOptions = {}): Promise<JobInfo[]> {
    const limit = options.limit ?? DEFAULT_LIST_LIMIT;
    const result: JobInfo[] = [];
    const all = [...this.jobs.values()];
    for (let i = all.length - 1; i >= 0 && result.length < limit; i--) {
      const job = all[i]!;
      if (options.name !== undefined && job.name !== options.name) continue;
      if (options.states && !options.states.includes(job.state)) continue;
      result.push(snapshot(job));
    }
    return result;
  }

  process<Data, Result>(name: string, handler: JobHandler<Data, Result>, options: ProcessOptions = {}): void {
    this.assertOpen();
    assertValidJobName(name);
    if (this.processors.has(name)) throw new Error(`a processor for job ${name} is already registered`);
    this.processors.set(name, { handler, concurrency: positiveConcurrency(options.concurrency), running: 0 });
    queueMicrotask(() => this.pump(name));
  }

  waitFor(id: string, timeoutMs?: number): Promise<JobInfo> {
    if (this.closed) return Promise.reject(new JobQueueClosedError());
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new JobNotFoundError(id));
    if (job.state === 'completed') return Promise.resolve(snapshot(job));
    if (job.state === 'failed') return Promise.reject(new JobFailedError(snapshot(job)));
    return new Promise<JobInfo>((resolve, reject) => {
      const waiters = this.waitersFor(id);
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        resolve: (info) => {
          clearTimeout(timer);
          resolve(info);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new JobWaitTimeoutError(id, timeoutMs));
        }, timeoutMs);
      }
      waiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const { controller } of this.running.values()) controller.abort(new JobQueueClosedError());
    await Promise.all([...this.running.values()].map(({ done }) => done));
    for (const waiters of this.waiters.values()) for (const waiter of waiters) waiter.reject(new JobQueueClosedError());
    this.waiters.clear();
  }

  private pump(name: string): void {
    const processor = this.processors.get(name);
    const queue = this.pending.get(name);
    while (!this.closed && processor && queue?.length && processor.running < processor.concurrency) {
      const job = this.jobs.get(queue.shift()!);
      if (job) this.start(job, processor);
    }
  }

  private start(job: JobInfo, processor: Processor): void {
    const controller = new AbortController();
    const startedAtMs = Date.now();
    job.state = 'active';
    job.startedAt = new Date(startedAtMs).toISOString();
    processor.running++;
    const done = this.execute(job, processor.handler, controller, startedAtMs).finally(() => {
      processor.running--;
      this.running.delete(job.id);
      this.pump(job.name);
    });
    this.running.set(job.id, { controller, done });
  }

  private async execute(
    job: JobInfo,
    handler: JobHandler,
    controller: AbortController,
    startedAtMs: number,
  ): Promise<void> {
    const reportProgress = async (progress: JobProgress): Promise<void> => {
      if (job.state === 'active') job.progress = normalizeProgress(progress, startedAtMs, Date.now());
    };
    try {
      const result = await handler({
        id: job.id,
        name: job.name,
        data: job.data,
        reportProgress,
        signal: controller.signal,
      });
      this.finish(job, { state: 'completed', result });
    } catch (error) {
      this.finish(job, { state: 'failed', error: errorMessage(error) });
    }
  }

  private finish(job: JobInfo, outcome: Pick<JobInfo, 'state' | 'result' | 'error'>): void {
    Object.assign(job, outcome, { finishedAt: now() });
    this.finishedOrder.push(job.id);
    this.forgetOldFinishedJobs();
    this.notifyWaiters(job);
  }

  private notifyWaiters(job: JobInfo): void {
    const waiters = this.waiters.get(job.id);
    if (!waiters) return;
    this.waiters.delete(job.id);
    for (const waiter of waiters) {
      if (job.state === 'completed') waiter.resolve(snapshot(job));
      else waiter.reject(new JobFailedError(snapshot(job)));
    }
  }

  private forgetOldFinishedJobs(): void {
    while (this.finishedOrder.length > this.retainFinished) this.jobs.delete(this.finishedOrder.shift()!);
  }

  private pendingFor(name: string): string[] {
    let queue = this.pending.get(name);
    if (!queue) this.pending.set(name, (queue = []));
    return queue;
  }

  private waitersFor(id: string): Set<Waiter> {
    let waiters = this.waiters.get(id);
    if (!waiters) this.waiters.set(id, (waiters = new Set()));
    return waiters;
  }

  private assertOpen(): void {
    if (this.closed) throw new JobQueueClosedError();
  }
}

/** Callers get copies so they cannot change the queue's record by mutating what they read. */
function snapshot(job: JobInfo): JobInfo {
  return { ...job, ...(job.progress && { progress: { ...job.progress } }) };
}

function now(): string {
  return new Date().toISOString();
}

import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job, type JobState as BullJobState, type JobType } from 'bullmq';
import { Redis } from 'ioredis';
import { JobFailedError, JobNotFoundError, JobQueueClosedError, JobWaitTimeoutError } from '../errors.js';
import {
  DEFAULT_LIST_LIMIT,
  JOB_STATES,
  type EnqueueOptions,
  type JobHandler,
  type JobInfo,
  type JobQueue,
  type JobState,
  type ListJobsOptions,
  type ProcessOptions,
} from '../job-queue.port.js';
import { isJobProgress, normalizeProgress } from '../progress.js';
import { assertValidJobId, assertValidJobName, positiveConcurrency } from '../validation.js';

export interface BullMqJobQueueOptions {
  redisUrl: string;
  /** Namespaces every key; all processes of one deployment share it. Default `continuum`. */
  prefix?: string;
  /** Finished jobs BullMQ keeps per job name and outcome. Default 1000. */
  retainFinished?: number;
  /** Receives errors raised in the background (lost connections); default writes them to stderr. */
  onError?: (error: Error) => void;
}

const BULL_TYPES_BY_STATE: Record<JobState, JobType[]> = {
  waiting: ['waiting', 'delayed', 'prioritized', 'waiting-children'],
  active: ['active'],
  completed: ['completed'],
  failed: ['failed'],
};

const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 250;

/**
 * Jobs in Redis through BullMQ: one BullMQ queue per job name (so each name has its own workers and
 * concurrency) under a shared prefix. Any process can enqueue and read; processes that call
 * `process` run the jobs. Job names ever enqueued are kept in a set so that `get(id)` and `list()`
 * in a process that never touched a name still find its jobs.
 */
export class BullMqJobQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  readonly prefix: string;
  private readonly connection: { url: string };
  private readonly retainFinished: number;
  private readonly onError: (error: Error) => void;
  private readonly redis: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; reject(error: Error): void }>();
  private closed = false;

  constructor(options: BullMqJobQueueOptions) {
    this.prefix = options.prefix ?? 'continuum';
    this.connection = { url: options.redisUrl };
    this.retainFinished = options.retainFinished ?? 1000;
    this.onError = options.onError ?? writeErrorToStderr;
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
    this.redis.on('error', this.onError);
  }

  /** '#' cannot occur in a job name, so this key never collides with BullMQ's `prefix:name:*` keys. */
  private get namesKey(): string {
    return `${this.prefix}:#job-names`;
  }

  async enqueue<Data>(name: string, data: Data, options: EnqueueOptions = {}): Promise<JobInfo> {
    this.assertOpen();
    assertValidJobName(name);
    if (options.jobId !== undefined) {
      assertValidJobId(options.jobId);
      // BullMQ dedupes ids within one name atomically; this check extends it across names.
      const existing = await this.get(options.jobId);
      if (existing) return existing;
    }
    // Registered before the add so that a reader elsewhere never sees a job under an unknown name.
    await this.redis.sadd(this.namesKey, name);
    const job = await this.queue(name).add(name, data, {
      jobId: options.jobId ?? randomUUID(),
      removeOnComplete: { count: this.retainFinished },
      removeOnFail: { count: this.retainFinished },
    });
    return (await this.read(this.queue(name), job.id!)) ?? toJobInfo(job, 'waiting');
  }

  async get(id: string): Promise<JobInfo | undefined> {
    this.assertOpen();
    const names = await this.knownNames();
    const found = await Promise.all(names.map((name) => this.read(this.queue(name), id)));
    return found.find((job) => job !== undefined);
  }

  async list(options: ListJobsOptions = {}): Promise<JobInfo[]> {
    this.assertOpen();
    const limit = options.limit ?? DEFAULT_LIST_LIMIT;
    const names = options.name === undefined ? await this.knownNames() : [options.name];
    const states = options.states ?? JOB_STATES;
    const batches = await Promise.all(
      names.flatMap((name) => states.map((state) => this.listIn(this.queue(name), state, limit))),
    );
    return newestFirstUnique(batches.flat()).slice(0, limit);
  }

  process<Data, Result>(name: string, handler: JobHandler<Data, Result>, options: ProcessOptions = {}): void {
    this.assertOpen();
    assertValidJobName(name);
    if (this.workers.has(name)) throw new Error(`a processor for job ${name} is already registered`);
    // The third parameter must be declared: BullMQ only creates abort signals for processors whose
    // arity shows they accept one.
    const processor = (job: Job, _token?: string, signal?: AbortSignal): Promise<Result> => {
      const startedAtMs = job.processedOn ?? Date.now();
      return handler({
        id: job.id!,
        name: job.name,
        data: job.data as Data,
        signal: signal ?? new AbortController().signal,
        reportProgress: (progress) => job.updateProgress(normalizeProgress(progress, startedAtMs, Date.now())),
      });
    };
    const worker = new Worker(name, processor, {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: positiveConcurrency(options.concurrency),
    });
    worker.on('error', this.onError);
    this.workers.set(name, worker);
  }

  async waitFor(id: string, timeoutMs?: number): Promise<JobInfo> {
    const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
    // Polling rather than QueueEvents: it needs no extra blocking connection per name and cannot
    // miss an event that happened before the listener started.
    for (let delay = FIRST_POLL_MS; ; delay = Math.min(delay * 2, MAX_POLL_MS)) {
      const job = await this.closedAware(() => this.get(id));
      if (!job) throw new JobNotFoundError(id);
      if (job.state === 'completed') return job;
      if (job.state === 'failed') throw new JobFailedError(job);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new JobWaitTimeoutError(id, timeoutMs!);
      await this.sleep(Math.min(delay, remaining));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.reject(new JobQueueClosedError());
    }
    this.sleepers.clear();
    const workers = [...this.workers.values()];
    for (const worker of workers) worker.cancelAllJobs('job queue closing');
    // Workers first: they still need their connections to record how the aborted jobs ended.
    await Promise.all(workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.redis.quit();
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      queue.on('error', this.onError);
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async knownNames(): Promise<string[]> {
    const stored = await this.redis.smembers(this.namesKey);
    return [...new Set([...stored, ...this.queues.keys()])];
  }

  private async read(queue: Queue, id: string): Promise<JobInfo | undefined> {
    const state = toJobState(await queue.getJobState(id));
    if (!state) return undefined;
    const job = await queue.getJob(id);
    return job && toJobInfo(job, state);
  }

  private async listIn(queue: Queue, state: JobState, limit: number): Promise<JobInfo[]> {
    const jobs = await queue.getJobs(BULL_TYPES_BY_STATE[state], 0, limit - 1, false);
    return jobs.filter((job) => job !== undefined).map((job) => toJobInfo(job, state));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, ms),
        reject,
      };
      this.sleepers.add(sleeper);
    });
  }

  /** A command cut off by close() fails with a connection error; report it as the close it is. */
  private async closedAware<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (this.closed) throw new JobQueueClosedError();
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new JobQueueClosedError();
  }
}

function toJobState(state: BullJobState | 'unknown'): JobState | undefined {
  switch (state) {
    case 'active':
    case 'completed':
    case 'failed':
      return state;
    case 'unknown':
      return undefined;
    default:
      return 'waiting';
  }
}

/**
 * The state and the job's hash are separate reads, so a job can finish between them; the hash is read
 * last, and its finish time wins over a state read before it.
 */
function toJobInfo(job: Job, stateReadBefore: JobState): JobInfo {
  const unfinished = stateReadBefore === 'waiting' || stateReadBefore === 'active';
  const state = unfinished && job.finishedOn ? (job.failedReason ? 'failed' : 'completed') : stateReadBefore;
  const info: JobInfo = { id: job.id!, name: job.name, data: job.data, state, createdAt: iso(job.timestamp) };
  if (isJobProgress(job.progress)) info.progress = job.progress;
  if (state === 'completed') info.result = job.returnvalue;
  if (state === 'failed') info.error = job.failedReason;
  if (job.processedOn) info.startedAt = iso(job.processedOn);
  if (job.finishedOn) info.finishedAt = iso(job.finishedOn);
  return info;
}

/** Jobs of one timestamp keep the order BullMQ listed them in (the sort is stable). */
function newestFirstUnique(jobs: JobInfo[]): JobInfo[] {
  const seen = new Set<string>();
  const unique = jobs.filter((job) => !seen.has(job.id) && seen.add(job.id));
  return unique.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function writeErrorToStderr(error: Error): void {
  process.stderr.write(`job queue: ${error.message}\n`);
}

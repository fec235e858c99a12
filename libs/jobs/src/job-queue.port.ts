/**
 * The background-job port. API processes enqueue and read jobs; background processes (or, in the
 * embedded mode, the same process) register processors. Job data and results must be
 * JSON-serialisable: the BullMQ adapter stores them in Redis.
 */

export interface JobProgress {
  /** 0-100. */
  percent: number;
  processed?: number;
  total?: number;
  /** Items per second; derived from `processed` and the time since the job started when not given. */
  ratePerSecond?: number;
  message?: string;
}

export type JobState = 'waiting' | 'active' | 'completed' | 'failed';

export const JOB_STATES: readonly JobState[] = ['waiting', 'active', 'completed', 'failed'];

export interface JobInfo {
  id: string;
  name: string;
  data: unknown;
  state: JobState;
  progress?: JobProgress;
  result?: unknown;
  error?: string;
  /** ISO-8601 timestamps. */
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface JobContext<Data> {
  id: string;
  name: string;
  data: Data;
  reportProgress(progress: JobProgress): Promise<void>;
  /** Aborted when the queue closes while the job runs: long jobs should stop early. */
  signal: AbortSignal;
}

export type JobHandler<Data = any, Result = unknown> = (job: JobContext<Data>) => Promise<Result>;

export interface EnqueueOptions {
  /** Dedupes: enqueueing an id that exists returns the existing job. */
  jobId?: string;
}

export interface ListJobsOptions {
  name?: string;
  states?: JobState[];
  /** Default 50. */
  limit?: number;
}

export interface ProcessOptions {
  /** Jobs of this name run at most this many at a time in this process. Default 1. */
  concurrency?: number;
}

export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  enqueue<Data>(name: string, data: Data, options?: EnqueueOptions): Promise<JobInfo>;
  get(id: string): Promise<JobInfo | undefined>;
  /** Newest first. */
  list(options?: ListJobsOptions): Promise<JobInfo[]>;
  /** Registers the processor for a job name in this process (only worker processes call this). */
  process<Data, Result>(name: string, handler: JobHandler<Data, Result>, options?: ProcessOptions): void;
  /**
   * Resolves with the job when it completes; rejects with JobFailedError when it fails,
   * JobNotFoundError when there is no such job, JobWaitTimeoutError after `timeoutMs` (no limit when
   * omitted) and JobQueueClosedError when the queue closes first.
   */
  waitFor(id: string, timeoutMs?: number): Promise<JobInfo>;
  /** Aborts running jobs through their signal, waits for them to settle and releases every handle. */
  close(): Promise<void>;
}

export const DEFAULT_LIST_LIMIT = 50;

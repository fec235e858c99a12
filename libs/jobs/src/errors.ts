import type { JobInfo } from './job-queue.port.js';

export class JobFailedError extends Error {
  constructor(readonly job: JobInfo) {
    super(`job ${job.id} (${job.name}) failed: ${job.error ?? 'unknown error'}`);
    this.name = 'JobFailedError';
  }
}

export class JobNotFoundError extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId} not found`);
    this.name = 'JobNotFoundError';
  }
}

export class JobWaitTimeoutError extends Error {
  constructor(
    readonly jobId: string,
    readonly timeoutMs: number,
  ) {
    super(`job ${jobId} did not finish within ${timeoutMs} ms`);
    this.name = 'JobWaitTimeoutError';
  }
}

export class JobQueueClosedError extends Error {
  constructor() {
    super('job queue is closed');
    this.name = 'JobQueueClosedError';
  }
}

export class InvalidJobArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJobArgumentError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { BullMqJobQueue } from './bullmq/bullmq-job-queue.js';
import { InProcessJobQueue } from './in-process/in-process-job-queue.js';
import type { JobQueue } from './job-queue.port.js';

export interface CreateJobQueueOptions {
  /** When set, jobs go to Redis through BullMQ; otherwise they run in this process (embedded mode). */
  redisUrl?: string;
  /** Redis key prefix (BullMQ only). Default `continuum`. */
  prefix?: string;
  /** Finished jobs kept per adapter's unit (per name for BullMQ, overall in-process). Default 1000. */
  retainFinished?: number;
}

export function createJobQueue(options: CreateJobQueueOptions = {}): JobQueue {
  const { redisUrl, prefix, retainFinished } = options;
  if (redisUrl) return new BullMqJobQueue({ redisUrl, prefix, retainFinished });
  return new InProcessJobQueue({ retainFinished });
}

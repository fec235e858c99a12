import { rebuildProjection, ProjectionRunner, type RebuildResult } from '#libs/projections';
import { runGenerateJob, type GenerateJobData, type GenerateJobResult } from '#libs/generator';
import type { JobQueue } from '#libs/jobs';
import type { Runtime } from '#libs/platform';
import {
  ATTACHMENT_CLEANUP_JOB,
  removeUnusedAttachments,
  type AttachmentCleanupJobData,
  type AttachmentCleanupResult,
} from '#libs/xapi';

export const REBUILD_JOB = 'projection-rebuild';

/** A generated data set sent through this platform's own API (`npm run cli -- generate`, the demo's trends). */
export const GENERATE_JOB = 'generate-data';

export interface RebuildJobData {
  projection: string;
}

/**
 * Runs the projections and the job processors: in background processes (apps/background), or inside the API
 * process when RUN_WORKER is true.
 */
export function startBackgroundWork(
  runtime: Runtime,
  log: (line: string) => void = () => {},
): { stop(): Promise<void> } {
  const runner = new ProjectionRunner({
    pool: runtime.pool,
    store: runtime.store,
    projections: runtime.projections,
    log,
  });
  runner.start();
  runtime.jobs.process<RebuildJobData, RebuildResult>(REBUILD_JOB, async (job) => {
    const projection = runtime.projections.find((p) => p.name === job.data.projection);
    if (!projection) throw new Error(`Unknown projection "${job.data.projection}"`);
    log(`rebuilding projection ${projection.name} (job ${job.id})`);
    const result = await rebuildProjection({
      pool: runtime.pool,
      store: runtime.store,
      projection,
      signal: job.signal,
      onProgress: (p) =>
        job.reportProgress({
          percent: p.percent,
          processed: p.processed,
          ratePerSecond: p.ratePerSecond,
          message: p.message,
        }),
    });
    log(`rebuilt projection ${projection.name}: ${result.events} events at ${result.eventsPerSecond} events/s`);
    return result;
  });
  runtime.jobs.process<GenerateJobData, GenerateJobResult>(GENERATE_JOB, async (job) => {
    log(
      `generating data set "${job.data.seed}": ${job.data.organisations} organisations, ${job.data.workers} workers, ${job.data.years} years (job ${job.id})`,
    );
    const result = await runGenerateJob(job, runtime.adminToken);
    log(
      `generated data set "${job.data.seed}": ${result.statements} statements, ${result.requests} requests in ${result.seconds} s`,
    );
    return result;
  });
  runtime.jobs.process<AttachmentCleanupJobData, AttachmentCleanupResult>(ATTACHMENT_CLEANUP_JOB, async (job) => {
    const result = await removeUnusedAttachments(runtime.pool, runtime.store, job.data);
    log(`attachment cleanup (job ${job.id}): ${result.skipped ?? `${result.removed} unused attachments removed`}`);
    return result;
  });
  const cleanup = everyPeriod(runtime.jobs, ATTACHMENT_CLEANUP_JOB, ATTACHMENT_CLEANUP_EVERY_MS, log);
  return {
    stop: async () => {
      clearInterval(cleanup);
      await runner.stop();
    },
  };
}

/** How often the attachment content no statement uses is looked for. */
export const ATTACHMENT_CLEANUP_EVERY_MS = 60 * 60 * 1000;

/**
 * Queues a job of `name` once per period of `everyMs`, the first after one period. Its id names the
 * period (`attachment-cleanup-<n>`), so however many background processes schedule it, the queue holds
 * one job per period (enqueueing an existing id returns that job).
 */
function everyPeriod(jobs: JobQueue, name: string, everyMs: number, log: (line: string) => void): NodeJS.Timeout {
  const timer = setInterval(() => {
    const period = Math.floor(Date.now() / everyMs);
    jobs.enqueue(name, {}, { jobId: `${name}-${period}` }).catch((error: unknown) => {
      log(`could not queue ${name}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }, everyMs);
  // A process with nothing else to do is not kept alive for this.
  timer.unref();
  return timer;
}

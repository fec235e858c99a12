import { rebuildProjection, ProjectionRunner, type RebuildResult } from '#libs/projections';
import type { Runtime } from '#libs/platform';

export const REBUILD_JOB = 'projection-rebuild';

export interface RebuildJobData {
  projection: string;
}

/**
 * Runs the projections and the job processors: in background processes (apps/background), or inside the API
 * process when RUN_WORKER is true.
 */
export function startBackgroundWork(runtime: Runtime, log: (line: string) => void = () => {}): { stop(): Promise<void> } {
  const runner = new ProjectionRunner({ pool: runtime.pool, store: runtime.store, projections: runtime.projections, log });
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
        job.reportProgress({ percent: p.percent, processed: p.processed, ratePerSecond: p.ratePerSecond, message: p.message }),
    });
    log(`rebuilt projection ${projection.name}: ${result.events} events at ${result.eventsPerSecond} events/s`);
    return result;
  });
  return { stop: () => runner.stop() };
}

import type { JobContext } from '#libs/jobs';
import { generatePlan, type GenerateOptions } from './plan/plan.js';
import { sendPlan, type SendResult } from './send/send-plan.js';

/** What the `generate-data` background job is given: the plan's options and the API to send it to. */
export interface GenerateJobData extends GenerateOptions {
  /** This Continuum's own address, as the enqueuing process listens on it. */
  apiUrl: string;
}

export interface GenerateJobResult extends SendResult {
  seed: string;
}

/**
 * Plans (pure, from the seed) and sends the data set, reporting progress (requests and statements
 * done, with the phase) to the job so `jobs show --follow` and the CLI's progress bar follow it.
 */
export async function runGenerateJob(
  job: JobContext<GenerateJobData>,
  adminToken: string | undefined,
): Promise<GenerateJobResult> {
  if (!adminToken)
    throw new Error('the generator writes through /api as a platform admin: set ADMIN_TOKEN for this worker');
  const { apiUrl, ...options } = job.data;
  const plan = generatePlan(options);
  const result = await sendPlan(plan, {
    baseUrl: apiUrl,
    adminToken,
    signal: job.signal,
    onProgress: ({ phase, processed, total }) =>
      job.reportProgress({ percent: total === 0 ? 100 : (processed / total) * 100, processed, total, message: phase }),
  });
  return { seed: options.seed, ...result };
}

import type { JobContext } from '#libs/jobs';
import { generatePlan, type GenerateOptions } from './plan/plan.js';
import { fileJournal } from './send/file-journal.js';
import { sendPlan, type SendResult } from './send/send-plan.js';

/** What the `generate-data` background job is given: the plan's options and the API to send it to. */
export interface GenerateJobData extends GenerateOptions {
  /** This Continuum's own address, as the enqueuing process listens on it. */
  apiUrl: string;
  /**
   * A file (JSON lines, see fileJournal) where the run records each step sent: a run of the same options
   * given the file of an interrupted one resumes after its last step (the demo's trends). Set by the
   * process that enqueues, never from a request.
   */
  journal?: string;
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
  const { apiUrl, journal, ...options } = job.data;
  const plan = generatePlan(options);
  const result = await sendPlan(plan, {
    baseUrl: apiUrl,
    adminToken,
    journal: journal ? fileJournal(journal, options) : undefined,
    signal: job.signal,
    onProgress: ({ phase, processed, total }) =>
      job.reportProgress({ percent: total === 0 ? 100 : (processed / total) * 100, processed, total, message: phase }),
  });
  return { seed: options.seed, ...result };
}

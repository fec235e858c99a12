import { z } from 'zod';
import { JOB_STATES, type JobInfo } from '#libs/jobs';
import { checkSameShape } from '#libs/platform';

const JobProgressSchema = z.object({
  percent: z.number().describe('0-100'),
  processed: z.number().optional(),
  total: z.number().optional(),
  ratePerSecond: z.number().optional().describe('Items per second'),
  message: z.string().optional(),
});

/** A background job as the admin routes answer it (enqueued, listed, read). */
export const JobView = z.object({
  id: z.string(),
  name: z.string(),
  data: z.unknown().describe("The job's options, as enqueued"),
  state: z.enum(JOB_STATES as readonly [JobInfo['state'], ...JobInfo['state'][]]),
  progress: JobProgressSchema.optional(),
  result: z.unknown().optional().describe('What a completed job produced'),
  error: z.string().optional().describe('Why a failed job failed'),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
});
export type JobView = z.output<typeof JobView>;

/** libs/jobs keeps JobInfo as its port's own interface; compilation fails if it and the schema drift. */
checkSameShape<JobInfo, JobView>(true);

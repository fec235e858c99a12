import { z } from 'zod';

export const WorkerFromStatementMerged = z.object({
  id: z.string().describe('The worker registered from statements, merged away'),
  organisationId: z.string(),
  status: z.literal('merged'),
  intoWorkerId: z.string().describe('The existing worker who holds the identifier now'),
});
export type WorkerFromStatementMerged = z.output<typeof WorkerFromStatementMerged>;

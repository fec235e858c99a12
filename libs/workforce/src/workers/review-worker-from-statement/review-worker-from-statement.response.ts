import { z } from 'zod';

export const WorkerFromStatementReviewed = z.object({
  id: z.string().describe("The worker's id"),
  organisationId: z.string(),
  status: z.enum(['confirmed', 'rejected']),
});
export type WorkerFromStatementReviewed = z.output<typeof WorkerFromStatementReviewed>;

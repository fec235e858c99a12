import { z } from 'zod';

export const EvidenceWithdrawn = z.object({
  statementId: z.string(),
  voidingStatementId: z.string().describe('The statement that voids it'),
});
export type EvidenceWithdrawn = z.output<typeof EvidenceWithdrawn>;

import { z } from 'zod';

export const EvidenceAccepted = z.object({
  statementId: z.string().describe("The statement's id, lower case"),
  organisationId: z.string(),
  status: z.literal('accepted'),
});
export type EvidenceAccepted = z.output<typeof EvidenceAccepted>;

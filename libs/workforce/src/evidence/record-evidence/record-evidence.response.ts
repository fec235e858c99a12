import { z } from 'zod';

export const EvidenceRecorded = z.object({
  statementId: z.string().describe('The id of the statement the evidence became'),
  statement: z.record(z.string(), z.unknown()).describe('That statement of the CLF xAPI profile, as stored'),
});
export type EvidenceRecorded = z.output<typeof EvidenceRecorded>;

import { z } from 'zod';
import { checkSameShape } from '#libs/platform';
import type { CycleRow } from '../../read-model/audit-read-model.js';

/** An audit cycle's dates and state, as the read model keeps them. */
export const auditCycleResponse = z.object({
  id: z.string().describe('The auditId'),
  startedOn: z.iso.date(),
  completedOn: z.iso.date().nullable(),
  state: z.enum(['open', 'completed']),
  surveyThreshold: z.number().describe('The share of respondents agreeing that evidences a worker indicator'),
});

checkSameShape<Omit<CycleRow, 'organisationId'>, z.output<typeof auditCycleResponse>>(true);

export const listAuditCyclesResponse = z.object({
  organisationId: z.string(),
  audits: z.array(auditCycleResponse).describe('Oldest first'),
});

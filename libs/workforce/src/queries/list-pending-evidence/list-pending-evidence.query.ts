import { Query } from '@nestjs/cqrs';
import { z } from 'zod';
import { Instant, RecordKindSchema } from '../../read-model/response-parts.js';

export const PendingEvidence = z.object({
  organisationId: z.string().describe('The organisation that sent it'),
  statementId: z.string(),
  kind: RecordKindSchema,
  occurredAt: Instant,
  title: z.string().nullable(),
  capabilityIds: z.array(z.string()),
  indicatorIds: z.array(z.string()),
  source: z.string().nullable(),
  by: z.string().nullable(),
});
export type PendingEvidence = z.output<typeof PendingEvidence>;

/** Evidence waiting for the worker's acceptance, oldest first. */
export class ListPendingEvidence extends Query<PendingEvidence[]> {
  constructor(readonly workerId: string) {
    super();
  }
}

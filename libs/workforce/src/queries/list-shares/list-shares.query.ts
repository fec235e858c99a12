import { Query } from '@nestjs/cqrs';
import { z } from 'zod';

export const ShareView = z.discriminatedUnion('scope', [
  z.object({ organisationId: z.string(), scope: z.literal('record') }),
  z.object({
    organisationId: z.string(),
    scope: z.literal('evidence'),
    evidence: z.object({ organisationId: z.string(), statementId: z.string() }),
  }),
]);
export type ShareView = z.output<typeof ShareView>;

/** What a worker shares with which organisation, from their own stream. */
export class ListShares extends Query<ShareView[]> {
  constructor(readonly workerId: string) {
    super();
  }
}

import { z } from 'zod';

export const RecordShared = z.object({ id: z.string(), organisationId: z.string(), status: z.literal('shared') });
export type RecordShared = z.output<typeof RecordShared>;

import { z } from 'zod';

export const ShareWithdrawn = z.object({ id: z.string(), organisationId: z.string(), status: z.literal('withdrawn') });
export type ShareWithdrawn = z.output<typeof ShareWithdrawn>;

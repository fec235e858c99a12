import { z } from 'zod';

export const OrganisationDetailsChanged = z.object({
  id: z.string(),
  changed: z.boolean().describe('false when the details were already these: nothing was recorded'),
});
export type OrganisationDetailsChanged = z.output<typeof OrganisationDetailsChanged>;

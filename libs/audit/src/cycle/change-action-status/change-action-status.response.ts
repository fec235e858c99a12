import { z } from 'zod';

export const changeActionStatusResponse = z.object({
  changed: z.boolean().describe('false when the action already had this status'),
});

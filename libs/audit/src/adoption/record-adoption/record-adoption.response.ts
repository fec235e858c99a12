import { z } from 'zod';

export const recordAdoptionResponse = z.object({
  recorded: z.boolean().describe('false when the same status on the same date was recorded already'),
});

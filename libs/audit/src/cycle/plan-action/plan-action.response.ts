import { z } from 'zod';

export const planActionResponse = z.object({ id: z.string().describe("The new action's actionId") });

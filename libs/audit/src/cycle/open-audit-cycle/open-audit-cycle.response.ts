import { z } from 'zod';

export const openAuditCycleResponse = z.object({ id: z.string().describe("The new cycle's auditId") });

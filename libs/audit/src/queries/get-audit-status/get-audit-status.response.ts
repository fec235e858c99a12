import { z } from 'zod';
import { capabilityStatusResponse } from '../../status/capability-status.response.js';

export const getAuditStatusResponse = z.object({
  organisationId: z.string(),
  asOf: z.iso.date(),
  auditId: z.string().nullable().describe('The latest cycle completed on or before asOf; null before any'),
  completedOn: z.iso.date().nullable(),
  capabilities: z.array(capabilityStatusResponse),
});

import { z } from 'zod';
import { stageResponse } from '#libs/framework';
import { capabilityStatusResponse } from '../../status/capability-status.response.js';

const movement = z.enum(['up', 'same', 'down']);

export const getAuditHistoryResponse = z.object({
  organisationId: z.string(),
  history: z
    .array(
      z.object({
        auditId: z.string(),
        startedOn: z.iso.date(),
        completedOn: z.iso.date(),
        capabilities: z.array(
          z.object({
            capabilityId: z.string(),
            selfAssessedStage: stageResponse,
            staffPerceptionStage: capabilityStatusResponse.shape.staffPerceptionStage,
            movement: movement.nullable().describe('Since the cycle before; null for the first'),
            staffPerceptionMovement: movement
              .nullable()
              .describe('null for the first cycle, or when either survey was suppressed'),
          }),
        ),
      }),
    )
    .describe('Completed cycles by completion date'),
});

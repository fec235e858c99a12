import { z } from 'zod';
import { stageNameResponse, stageResponse } from '#libs/framework';

/** One organisational capability's status in a cycle, as the audit routes show it. */
export const capabilityStatusResponse = z.object({
  capabilityId: z.string(),
  selfAssessedStage: stageResponse,
  staffPerceptionStage: z
    .enum([...stageResponse.options, 'suppressed'])
    .describe('suppressed: the staff survey had fewer than 5 respondents'),
  areasForDevelopment: z
    .array(z.object({ indicatorId: z.string(), stage: stageNameResponse, text: z.string() }))
    .describe('The unachieved organisation indicators of the lowest stage not yet met'),
  actions: z
    .object({ open: z.number().int(), done: z.number().int(), dropped: z.number().int() })
    .describe("The capability's planned actions by status"),
});

import { z } from 'zod';
import { checkSameShape } from '#libs/platform';
import { ACTION_STATUSES } from '../../cycle/audit-cycle.events.js';
import type { ActionRow } from '../../read-model/audit-read-model.js';
import { capabilityStatusResponse } from '../../status/capability-status.response.js';
import { auditCycleResponse } from '../list-audit-cycles/list-audit-cycles.response.js';

export const auditActionResponse = z.object({
  id: z.string(),
  capabilityId: z.string(),
  indicatorId: z.string(),
  description: z.string(),
  owner: z.string(),
  due: z.iso.date(),
  status: z.enum(ACTION_STATUSES),
});

checkSameShape<ActionRow, z.output<typeof auditActionResponse>>(true);

export const getAuditCycleResponse = auditCycleResponse.extend({
  organisationId: z.string(),
  answers: z.array(z.object({ questionId: z.string(), capabilityId: z.string(), response: z.string() })),
  selfAssessments: z.array(
    z.object({ indicatorId: z.string(), capabilityId: z.string(), achieved: z.boolean(), evidence: z.string() }),
  ),
  survey: z.object({
    respondents: z.number().int(),
    threshold: z.number(),
    suppressed: z.boolean().describe('Fewer than 5 respondents: no counts at all'),
    indicators: z
      .array(
        z.object({
          indicatorId: z.string(),
          answered: z.number().int(),
          agreeing: z.number().int().describe('Answered 4 or 5'),
          evidenced: z.boolean().describe('agreeing / answered reaches the threshold'),
        }),
      )
      .describe('Worker indicators at least 5 respondents answered'),
  }),
  actions: z.array(auditActionResponse),
  capabilities: z.array(capabilityStatusResponse),
});

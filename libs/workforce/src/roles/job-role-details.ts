import { z } from 'zod';
import { findCapability, STAGE_NAMES } from '#libs/framework';
import { oneOf, requestBody, requiredText } from '#libs/platform';
import { textList } from '../domain/request-fields.js';

const CAPABILITY_RULE = 'must be the id of one of the 17 personal capabilities, e.g. pc.flexibility';
const REQUIREMENT_RULE = 'must be an object { capabilityId, stage }';

const requirement = z.object(
  {
    capabilityId: z
      .string({ error: CAPABILITY_RULE })
      .refine((id) => findCapability(id)?.kind === 'personal', { error: CAPABILITY_RULE })
      .overwrite((id) => findCapability(id)?.id ?? id)
      .meta({ example: 'pc.flexibility' }),
    stage: oneOf(STAGE_NAMES),
  },
  { error: REQUIREMENT_RULE },
);

/**
 * A role states the stage it needs on each personal capability that matters for it (not all 17, seed
 * 000 section 3), and the qualifications and training it requires.
 */
export const jobRoleDetailsFields = {
  name: requiredText(200).meta({ example: 'Support worker' }),
  requirements: z
    .array(requirement, { error: 'must be an array of { capabilityId, stage }' })
    .superRefine(eachCapabilityOnce)
    .default([]),
  qualifications: textList().meta({ example: ['SVQ Social Services and Healthcare at SCQF level 6'] }),
  training: textList(),
};

function eachCapabilityOnce(rows: readonly { capabilityId: string }[], context: z.RefinementCtx): void {
  const seen = new Set<string>();
  rows.forEach(({ capabilityId }, i) => {
    if (seen.has(capabilityId))
      context.addIssue({ code: 'custom', path: [i, 'capabilityId'], message: `${capabilityId} is required twice` });
    seen.add(capabilityId);
  });
}

/** The body of `PUT /api/roles/:id`: a role as defined; `id` and `organisationId` sent with it are ignored. */
export const changeRoleRequirementsRequest = requestBody({
  id: z.string().optional().meta({ description: 'ignored: the path names the role' }),
  organisationId: z.string().optional().meta({ description: 'ignored: a role stays in its organisation' }),
  ...jobRoleDetailsFields,
});

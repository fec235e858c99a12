import { findCapability, STAGE_NAMES } from '#libs/framework';
import { invalid } from '../domain/errors.js';
import type { CapabilityRequirement, JobRoleDetails } from '../domain/events.js';
import { text, textList, type Body } from '../domain/input.js';

/**
 * A role states the stage it needs on each personal capability that matters for it (not all 17, seed
 * 000 section 3), and the qualifications and training it requires.
 */
export function parseJobRoleDetails(b: Body): JobRoleDetails {
  return {
    name: text(b, 'name'),
    requirements: parseRequirements(b.requirements),
    qualifications: textList(b, 'qualifications'),
    training: textList(b, 'training'),
  };
}

function parseRequirements(value: unknown): CapabilityRequirement[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return invalid('requirements', 'must be an array of { capabilityId, stage }');
  const seen = new Set<string>();
  return value.map((item, i) => {
    const field = `requirements[${i}]`;
    if (typeof item !== 'object' || item === null) return invalid(field, 'must be an object { capabilityId, stage }');
    const { capabilityId, stage } = item as Record<string, unknown>;
    const capability = typeof capabilityId === 'string' ? findCapability(capabilityId) : undefined;
    if (!capability || capability.kind !== 'personal')
      return invalid(
        `${field}.capabilityId`,
        'must be the id of one of the 17 personal capabilities, e.g. pc.flexibility',
      );
    if (seen.has(capability.id)) return invalid(`${field}.capabilityId`, `${capability.id} is required twice`);
    seen.add(capability.id);
    if (typeof stage !== 'string' || !(STAGE_NAMES as readonly string[]).includes(stage))
      return invalid(`${field}.stage`, `must be one of ${STAGE_NAMES.join(', ')}`);
    return { capabilityId: capability.id, stage: stage as CapabilityRequirement['stage'] };
  });
}

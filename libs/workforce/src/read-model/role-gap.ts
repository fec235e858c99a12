import type pg from 'pg';
import { z } from 'zod';
import { compareStages, findCapability, indicatorsAt, STAGE_NAMES, type StageName } from '#libs/framework';
import { NotFoundError } from '../domain/errors.js';
import type { CapabilityRequirement } from '../domain/events.js';
import { standingsFrom, type CapabilityStanding } from './capability-profile.js';
import { judgementsAsOf, schema } from './indicator-judgements.js';
import { Instant, StageNameSchema, StageSchema } from './response-parts.js';
import { visibilityParameter, visibleRecord, type Visibility } from './visibility.js';

interface RoleRow {
  id: string;
  organisation_id: string;
  name: string;
  requirements: CapabilityRequirement[];
  qualifications: string[];
  training: string[];
}

const MissingIndicators = z
  .array(z.object({ indicatorId: z.string(), stage: StageNameSchema, text: z.string() }))
  .describe('Unevidenced indicators of every stage up to the required one: what to work on');

export const RequirementGap = z.object({
  capabilityId: z.string(),
  name: z.string(),
  required: StageNameSchema,
  current: StageSchema,
  requiredInCurrentRole: StageNameSchema.nullable().describe(
    "What the worker's current role asks on this capability, when it asks anything",
  ),
  met: z.boolean(),
  missingIndicators: MissingIndicators,
});
export type RequirementGap = z.output<typeof RequirementGap>;

const RoleRef = z.object({ id: z.string(), name: z.string(), organisationId: z.string() });
const CapabilityAgainstRole = z.object({
  capabilityId: z.string(),
  name: z.string(),
  current: StageSchema,
  required: StageNameSchema,
});

export const RoleGap = z.object({
  workerId: z.string(),
  asOf: Instant,
  role: RoleRef,
  currentRole: RoleRef.nullable(),
  requirements: z.array(RequirementGap),
  transferableStrengths: z.array(CapabilityAgainstRole).describe('Requirements met'),
  gaps: z.array(CapabilityAgainstRole.extend({ missingIndicators: MissingIndicators })),
  qualifications: z.object({
    required: z.array(z.string()),
    held: z.array(z.string()),
    missing: z.array(z.string()),
  }),
  training: z.object({ required: z.array(z.string()) }),
});
export type RoleGap = z.output<typeof RoleGap>;

/**
 * A worker against a role: their current role, or one they aspire to (career progression, seed 000
 * section 3, Sunita's story). Met requirements are the transferable strengths; the rest are the gaps.
 */
export async function roleGap(
  db: pg.Pool,
  workerId: string,
  roleId: string | undefined,
  asOf: Date,
  visibility: Visibility,
): Promise<RoleGap> {
  const currentRole = await currentRoleOf(db, workerId);
  const role = roleId ? await roleById(db, roleId) : currentRole;
  if (!role) {
    throw roleId
      ? new NotFoundError('roleId', `no job role "${roleId}" is defined`)
      : new NotFoundError('roleId', 'the worker holds no role now: give the roleId of the role to compare with');
  }
  const standings = new Map(
    standingsFrom(await judgementsAsOf(db, workerId, asOf, visibility)).map((s) => [s.capabilityId, s]),
  );
  const currentRequirements = new Map((currentRole?.requirements ?? []).map((r) => [r.capabilityId, r.stage]));
  const requirements = role.requirements.map((r) =>
    requirementGap(r, standings.get(r.capabilityId)!, currentRequirements.get(r.capabilityId) ?? null),
  );
  const held = await qualificationsHeld(db, workerId, asOf, visibility);
  return {
    workerId,
    asOf: asOf.toISOString(),
    role: { id: role.id, name: role.name, organisationId: role.organisation_id },
    currentRole: currentRole
      ? { id: currentRole.id, name: currentRole.name, organisationId: currentRole.organisation_id }
      : null,
    requirements,
    transferableStrengths: requirements
      .filter((r) => r.met)
      .map((r) => ({ capabilityId: r.capabilityId, name: r.name, current: r.current, required: r.required })),
    gaps: requirements
      .filter((r) => !r.met)
      .map((r) => ({
        capabilityId: r.capabilityId,
        name: r.name,
        current: r.current,
        required: r.required,
        missingIndicators: r.missingIndicators,
      })),
    qualifications: {
      required: role.qualifications,
      held,
      missing: role.qualifications.filter((q) => !held.some((h) => h.toLowerCase() === q.toLowerCase())),
    },
    training: { required: role.training },
  };
}

function requirementGap(
  requirement: CapabilityRequirement,
  standing: CapabilityStanding,
  requiredInCurrentRole: StageName | null,
): RequirementGap {
  const capability = findCapability(requirement.capabilityId)!;
  const evidenced = new Set(standing.evidencedIndicators.map((i) => i.indicatorId));
  const stagesUpTo = STAGE_NAMES.slice(0, STAGE_NAMES.indexOf(requirement.stage) + 1);
  return {
    capabilityId: capability.id,
    name: capability.name,
    required: requirement.stage,
    current: standing.stage,
    requiredInCurrentRole,
    met: compareStages(standing.stage, requirement.stage) >= 0,
    missingIndicators: stagesUpTo.flatMap((stage) =>
      indicatorsAt(capability, stage)
        .filter((i) => !evidenced.has(i.id))
        .map((i) => ({ indicatorId: i.id, stage, text: i.text })),
    ),
  };
}

async function roleById(db: pg.Pool, roleId: string): Promise<RoleRow | undefined> {
  const { rows } = await db.query<RoleRow>(`select * from ${schema()}.roles where id = $1`, [roleId]);
  return rows[0];
}

async function currentRoleOf(db: pg.Pool, workerId: string): Promise<RoleRow | undefined> {
  const { rows } = await db.query<RoleRow>(
    `select r.* from ${schema()}.role_assignments a join ${schema()}.roles r on r.id = a.role_id
     where a.worker_id = $1 and a.to_date is null order by a.from_date desc limit 1`,
    [workerId],
  );
  return rows[0];
}

async function qualificationsHeld(
  db: pg.Pool,
  workerId: string,
  asOf: Date,
  visibility: Visibility,
): Promise<string[]> {
  const { rows } = await db.query<{ title: string }>(
    `select distinct title from ${schema()}.records r
     where worker_id = $1 and kind = 'qualification' and title is not null and occurred_at <= $2 and (withdrawn_at is null or withdrawn_at > $2) and not pending
       and ${visibleRecord('r', '$3')}`,
    [workerId, asOf, visibilityParameter(visibility)],
  );
  return rows.map((r) => r.title);
}

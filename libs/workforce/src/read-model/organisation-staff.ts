import type pg from 'pg';
import { z } from 'zod';
import { compareStages, personalCapabilities, STAGE_NAMES, type Stage, type StageName } from '#libs/framework';
import { isUnstorableText } from '#libs/xapi';
import { invalid } from '../domain/errors.js';
import type { CapabilityRequirement } from '../domain/events.js';
import { standingsFrom } from './capability-profile.js';
import { judgementsOfWorkersAsOf, schema } from './indicator-judgements.js';
import type { Page } from './organisations.js';
import { CalendarDate, NextPage, StageSchema } from './response-parts.js';

/** One worker as their organisation's learning lead sees them in the staff list. */
export const StaffMember = z.object({
  id: z.string(),
  name: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  memberships: z
    .array(z.object({ from: CalendarDate, to: CalendarDate.nullable() }))
    .describe('Their memberships of this organisation, oldest first; `to` null while they work there'),
  current: z.boolean(),
  currentRole: z
    .object({ roleId: z.string(), name: z.string().nullable(), from: CalendarDate })
    .nullable()
    .describe('The role they hold in this organisation now, if any'),
});
export type StaffMember = z.output<typeof StaffMember>;

export const StaffPage = z.object({
  organisationId: z.string(),
  workers: z
    .array(StaffMember)
    .describe(
      'In alphabetical order of name (case and accents after the letters), the same name by id, the unnamed last',
    ),
  next: NextPage,
});
export type StaffPage = z.output<typeof StaffPage>;

/**
 * How the staff list reads: by name as people read it, whatever the database's own collation (ICU's root
 * collation: "adam" before "Ádám" before "Ann" before "Zoë"), the same name by id so the order is stable,
 * and workers with no name last. A cursor holds the last worker's place in this order (`StaffCursor`); the
 * next page starts after it.
 */
const STAFF_ORDER = (w: string) => `${w}.name is null, coalesce(${w}.name, '') collate "und-x-icu", ${w}.id`;

/**
 * The workers who belong or belonged to the organisation, alphabetically (`STAFF_ORDER`), a page at a
 * time, with their membership dates and current role there. Nothing of their other employers is shown.
 */
export async function organisationStaff(
  db: pg.Pool,
  organisationId: string,
  page: Page,
  today: string,
): Promise<StaffPage> {
  const s = schema();
  const after = page.after === undefined ? undefined : decodeStaffCursor(page.after);
  const { rows } = await db.query(
    `select w.id, w.name, w.registration_number as "registrationNumber",
       (select jsonb_agg(jsonb_build_object('from', m.from_date, 'to', m.to_date) order by m.from_date)
          from ${s}.memberships m where m.worker_id = w.id and m.organisation_id = $1) as memberships,
       exists (select 1 from ${s}.memberships m where m.worker_id = w.id and m.organisation_id = $1
                 and m.from_date <= $4::date and (m.to_date is null or m.to_date > $4::date)) as current,
       (select jsonb_build_object('roleId', a.role_id, 'name', r.name, 'from', a.from_date)
          from ${s}.role_assignments a left join ${s}.roles r on r.id = a.role_id
         where a.worker_id = w.id and a.organisation_id = $1 and a.from_date <= $4::date and (a.to_date is null or a.to_date > $4::date)
         order by a.from_date desc limit 1) as "currentRole"
     from ${s}.workers w
     where w.id in (select worker_id from ${s}.memberships where organisation_id = $1)
       and ($2::text is null or (${STAFF_ORDER('w')}) > ($5::text is null, coalesce($5::text, '') collate "und-x-icu", $2::text))
     order by ${STAFF_ORDER('w')} limit $3`,
    [organisationId, after?.id ?? null, page.limit + 1, today, after?.name ?? null],
  );
  const workers = rows.slice(0, page.limit) as StaffMember[];
  return { organisationId, workers, next: staffCursor(rows.length > page.limit, workers) };
}

/**
 * Where a page of the staff list ended: the last worker's id and name as that page showed them. The place
 * is carried, not looked up from the id, so a worker renamed between pages moves no one else into a gap
 * or a repeat, and a cursor forged from another organisation's worker's id tells nothing of their name
 * (looked up, it placed the page by that name: an oracle a lead could binary-search with names of their own).
 */
interface StaffCursor {
  id: string;
  name: string | null;
}

function staffCursor(more: boolean, workers: readonly StaffMember[]): string | null {
  const last = workers[workers.length - 1];
  return more && last ? Buffer.from(JSON.stringify([last.id, last.name])).toString('base64url') : null;
}

function decodeStaffCursor(cursor: string): StaffCursor {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === 2) {
      const [id, name] = parts as unknown[];
      // A forged cursor reaches SQL, whose text cannot hold U+0000 (nor keep a lone surrogate as sent).
      if (
        typeof id === 'string' &&
        !isUnstorableText(id) &&
        (name === null || (typeof name === 'string' && !isUnstorableText(name)))
      )
        return { id, name };
    }
  } catch {
    // falls through to the 400 below
  }
  return invalid('after', "must be a cursor from a previous page's next");
}

const StageCounts = z.record(StageSchema, z.number().int());
type StageCounts = z.output<typeof StageCounts>;

export const CapabilitySummary = z.object({
  organisationId: z.string(),
  asOf: CalendarDate,
  workers: z.number().int().describe('Workers of the organisation on `asOf`'),
  capabilities: z
    .array(z.object({ capabilityId: z.string(), name: z.string(), stages: StageCounts }))
    .describe('Per personal capability: how many of them stand at each stage'),
  roleFit: z.object({
    withRole: z.number().int().describe('Workers holding a role of the organisation on `asOf`'),
    meetingAll: z.number().int().describe('Of those, how many meet every required stage of their role'),
    capabilities: z
      .array(z.object({ capabilityId: z.string(), required: z.number().int(), meeting: z.number().int() }))
      .describe('Per capability some role requires: how many are asked for it, and how many meet it'),
  }),
});
export type CapabilitySummary = z.output<typeof CapabilitySummary>;

/**
 * The distribution of the organisation's workers' stages on each personal capability as of a date
 * (the end of that day, UTC), by the same stage rule as each worker's profile, and role fit: how many
 * meet what their role requires.
 */
export async function capabilitySummary(db: pg.Pool, organisationId: string, asOf: string): Promise<CapabilitySummary> {
  const members = await membersOn(db, organisationId, asOf);
  const at = new Date(`${asOf}T23:59:59.999Z`);
  const judgements = await judgementsOfWorkersAsOf(
    db,
    members.map((m) => m.workerId),
    at,
    [organisationId],
  );
  const stagesOf = new Map<string, Map<string, Stage>>();
  for (const member of members) {
    const standings = standingsFrom(judgements.get(member.workerId) ?? []);
    stagesOf.set(member.workerId, new Map(standings.map((s) => [s.capabilityId, s.stage])));
  }
  return {
    organisationId,
    asOf,
    workers: members.length,
    capabilities: distribution(stagesOf),
    roleFit: roleFit(members, stagesOf),
  };
}

interface Member {
  workerId: string;
  requirements: CapabilityRequirement[] | null;
}

async function membersOn(db: pg.Pool, organisationId: string, asOf: string): Promise<Member[]> {
  const s = schema();
  const { rows } = await db.query<Member>(
    `select distinct on (m.worker_id) m.worker_id as "workerId", r.requirements
       from ${s}.memberships m
       left join ${s}.role_assignments a on a.worker_id = m.worker_id and a.organisation_id = m.organisation_id
            and a.from_date <= $2::date and (a.to_date is null or a.to_date > $2::date)
       left join ${s}.roles r on r.id = a.role_id
      where m.organisation_id = $1 and m.from_date <= $2::date and (m.to_date is null or m.to_date > $2::date)
      order by m.worker_id, a.from_date desc nulls last`,
    [organisationId, asOf],
  );
  return rows;
}

/** Pure: how many workers stand at each stage, per personal capability. */
export function distribution(
  stagesOf: ReadonlyMap<string, ReadonlyMap<string, Stage>>,
): CapabilitySummary['capabilities'] {
  return personalCapabilities.map((capability) => {
    const stages = Object.fromEntries(['not-yet-engaged', ...STAGE_NAMES].map((s) => [s, 0])) as StageCounts;
    for (const worker of stagesOf.values()) stages[worker.get(capability.id) ?? 'not-yet-engaged']++;
    return { capabilityId: capability.id, name: capability.name, stages };
  });
}

/** Pure: a worker meets their role when every required capability is at or above the required stage. */
export function roleFit(
  members: readonly Member[],
  stagesOf: ReadonlyMap<string, ReadonlyMap<string, Stage>>,
): CapabilitySummary['roleFit'] {
  const byCapability = new Map<string, { required: number; meeting: number }>();
  let withRole = 0;
  let meetingAll = 0;
  for (const { workerId, requirements } of members) {
    if (requirements === null) continue;
    withRole++;
    let all = true;
    for (const { capabilityId, stage } of requirements) {
      const met =
        compareStages(stagesOf.get(workerId)?.get(capabilityId) ?? 'not-yet-engaged', stage as StageName) >= 0;
      const counts = byCapability.get(capabilityId) ?? { required: 0, meeting: 0 };
      byCapability.set(capabilityId, { required: counts.required + 1, meeting: counts.meeting + (met ? 1 : 0) });
      all &&= met;
    }
    if (all) meetingAll++;
  }
  const capabilities = [...byCapability]
    .map(([capabilityId, c]) => ({ capabilityId, ...c }))
    .sort((a, b) => a.capabilityId.localeCompare(b.capabilityId));
  return { withRole, meetingAll, capabilities };
}

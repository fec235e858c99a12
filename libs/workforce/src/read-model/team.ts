import type pg from 'pg';
import { z } from 'zod';
import { STAGE_NAMES, type Stage } from '#libs/framework';
import { standingsFrom } from './capability-profile.js';
import { judgementsOfWorkersAsOf, schema } from './indicator-judgements.js';
import { decodeCursor, nextCursor, type Page } from './organisations.js';
import { Instant, NextPage, StageSchema } from './response-parts.js';

export const TeamMember = z.object({
  workerId: z.string(),
  name: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  role: z.object({ id: z.string(), name: z.string() }).nullable(),
  stages: z
    .record(StageSchema, z.number().int())
    .describe('How many of the 17 personal capabilities are at each stage, from what the organisation sees'),
});
export type TeamMember = z.output<typeof TeamMember>;

export const TeamPage = z.object({
  organisationId: z.string(),
  asOf: Instant,
  members: z.array(TeamMember),
  next: NextPage,
});
export type TeamPage = z.output<typeof TeamPage>;

/**
 * An organisation's current workers (or, for a line manager, those named in their grant), by worker id a
 * page at a time, each with their role there and a summary of their stages as the organisation sees them:
 * from the evidence it recorded and what the worker shares with it (one profile query per member).
 */
export async function team(
  db: pg.Pool,
  organisationId: string,
  only: readonly string[] | null,
  page: Page,
  asOf: Date,
): Promise<TeamPage> {
  const s = schema();
  const { rows } = await db.query<{
    id: string;
    name: string | null;
    registration_number: string | null;
    role_id: string | null;
    role_name: string | null;
  }>(
    `select w.id, w.name, w.registration_number, r.id as role_id, r.name as role_name
       from ${s}.workers w
       join ${s}.memberships m on m.worker_id = w.id and m.organisation_id = $1 and (m.to_date is null or m.to_date > current_date)
       left join lateral (
         select a.role_id from ${s}.role_assignments a
          where a.worker_id = w.id and a.organisation_id = $1 and a.to_date is null order by a.from_date desc limit 1
       ) held on true
       left join ${s}.roles r on r.id = held.role_id
      where ($2::text[] is null or w.id = any($2)) and ($3::text is null or w.id > $3)
      group by w.id, w.name, w.registration_number, r.id, r.name
      order by w.id limit $4`,
    [organisationId, only, page.after ? decodeCursor(page.after) : null, page.limit + 1],
  );
  const pageRows = rows.slice(0, page.limit);
  // One query for the page's judgements, not one per member.
  const judgements = await judgementsOfWorkersAsOf(
    db,
    pageRows.map((row) => row.id),
    asOf,
    [organisationId],
  );
  const members: TeamMember[] = [];
  for (const row of pageRows) {
    const standings = standingsFrom(judgements.get(row.id) ?? []);
    members.push({
      workerId: row.id,
      name: row.name,
      registrationNumber: row.registration_number,
      role: row.role_id ? { id: row.role_id, name: row.role_name! } : null,
      stages: stageCounts(standings.map((c) => c.stage)),
    });
  }
  return {
    organisationId,
    asOf: asOf.toISOString(),
    members,
    next: nextCursor(
      rows.length > page.limit,
      members.map((m) => ({ id: m.workerId })),
    ),
  };
}

function stageCounts(stages: readonly Stage[]): Record<Stage, number> {
  const counts = Object.fromEntries(['not-yet-engaged', ...STAGE_NAMES].map((s) => [s, 0])) as Record<Stage, number>;
  for (const stage of stages) counts[stage] += 1;
  return counts;
}

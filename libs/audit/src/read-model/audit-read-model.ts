import type pg from 'pg';
import { liveSchema } from '#libs/projections';
import type { AdoptionStatus } from '../adoption/adoption.events.js';
import type { ActionStatus } from '../cycle/audit-cycle.events.js';
import type { CycleFacts } from '../status/audit-status.js';
import { AUDIT_PROJECTION } from './audit.projection.js';

const S = liveSchema(AUDIT_PROJECTION);

export interface CycleRow {
  readonly id: string;
  readonly organisationId: string;
  readonly startedOn: string;
  readonly completedOn: string | null;
  readonly state: 'open' | 'completed';
  readonly surveyThreshold: number;
}

const CYCLE_COLUMNS = `audit_id as id, organisation_id as "organisationId", started_on::text as "startedOn",
  completed_on::text as "completedOn", case when completed_on is null then 'open' else 'completed' end as state,
  survey_threshold as "surveyThreshold"`;

/** An organisation's cycles, oldest first. */
export async function cyclesOf(pool: pg.Pool, organisationId: string): Promise<CycleRow[]> {
  const { rows } = await pool.query(
    `select ${CYCLE_COLUMNS} from ${S}.cycles where organisation_id = $1 order by started_on, opened_seq`,
    [organisationId],
  );
  return rows;
}

export async function cycleOf(pool: pg.Pool, organisationId: string, auditId: string): Promise<CycleRow | undefined> {
  const { rows } = await pool.query(
    `select ${CYCLE_COLUMNS} from ${S}.cycles where organisation_id = $1 and audit_id = $2`,
    [organisationId, auditId],
  );
  return rows[0];
}

/** The open cycles of these organisations, by organisation and start date. */
export async function openCyclesOf(pool: pg.Pool, organisationIds: readonly string[]): Promise<CycleRow[]> {
  if (organisationIds.length === 0) return [];
  const { rows } = await pool.query(
    `select ${CYCLE_COLUMNS} from ${S}.cycles where organisation_id = any($1::text[]) and completed_on is null
     order by organisation_id, started_on, opened_seq`,
    [organisationIds],
  );
  return rows;
}

/** The cycle whose completion is the latest on or before `asOf` (its status holds from that day). */
export async function latestCompletedCycle(
  pool: pg.Pool,
  organisationId: string,
  asOf: string,
): Promise<CycleRow | undefined> {
  const { rows } = await pool.query(
    `select ${CYCLE_COLUMNS} from ${S}.cycles where organisation_id = $1 and completed_on <= $2
     order by completed_on desc, opened_seq desc limit 1`,
    [organisationId, asOf],
  );
  return rows[0];
}

export interface ActionRow {
  readonly id: string;
  readonly capabilityId: string;
  readonly indicatorId: string;
  readonly description: string;
  readonly owner: string;
  readonly due: string;
  readonly status: ActionStatus;
}

/** The cycle's actions with their status now, or as of a date (the last change on or before it; else open). */
export async function actionsOf(pool: pg.Pool, auditId: string, asOf?: string): Promise<ActionRow[]> {
  const { rows } = await pool.query(
    `select a.action_id as id, a.capability_id as "capabilityId", a.indicator_id as "indicatorId", a.description, a.owner,
       a.due::text as due,
       case when $2::date is null then a.status
            else coalesce((select c.status from ${S}.action_changes c
                            where c.audit_id = a.audit_id and c.action_id = a.action_id and c.changed_on <= $2::date
                            order by c.changed_on desc, c.seq desc limit 1), 'open') end as status
     from ${S}.actions a where a.audit_id = $1 order by a.planned_seq`,
    [auditId, asOf ?? null],
  );
  return rows;
}

export async function answersOf(pool: pg.Pool, auditId: string) {
  const { rows } = await pool.query<{ questionId: string; capabilityId: string; response: string }>(
    `select question_id as "questionId", capability_id as "capabilityId", response from ${S}.answers
     where audit_id = $1 order by question_id`,
    [auditId],
  );
  return rows;
}

export async function assessmentsOf(pool: pg.Pool, auditId: string) {
  const { rows } = await pool.query<{ indicatorId: string; capabilityId: string; achieved: boolean; evidence: string }>(
    `select indicator_id as "indicatorId", capability_id as "capabilityId", achieved, evidence from ${S}.assessments
     where audit_id = $1 order by indicator_id`,
    [auditId],
  );
  return rows;
}

export async function surveyOf(pool: pg.Pool, auditId: string): Promise<CycleFacts['survey']> {
  const [respondents, tallies] = await Promise.all([
    pool.query<{ respondents: number }>(`select respondents from ${S}.survey where audit_id = $1`, [auditId]),
    pool.query<{ indicator_id: string; answered: number; agreeing: number }>(
      // Ordered: without it rows come as stored, in the first respondent's order of answering, moved by updates.
      `select indicator_id, answered, agreeing from ${S}.survey_tallies where audit_id = $1 order by indicator_id`,
      [auditId],
    ),
  ]);
  return {
    respondents: respondents.rows[0]?.respondents ?? 0,
    tallies: new Map(tallies.rows.map((r) => [r.indicator_id, { answered: r.answered, agreeing: r.agreeing }])),
  };
}

/** What the status of a cycle is decided from; the action plan's progress as of `asOf` when given. */
export async function factsOf(pool: pg.Pool, cycle: CycleRow, asOf?: string): Promise<CycleFacts> {
  const [assessments, survey, actions] = await Promise.all([
    assessmentsOf(pool, cycle.id),
    surveyOf(pool, cycle.id),
    actionsOf(pool, cycle.id, asOf),
  ]);
  return {
    achieved: new Set(assessments.filter((a) => a.achieved).map((a) => a.indicatorId)),
    survey,
    surveyThreshold: cycle.surveyThreshold,
    actions,
  };
}

export async function adoptionOf(pool: pg.Pool, organisationId: string) {
  const { rows } = await pool.query<{ status: AdoptionStatus; date: string }>(
    `select status, effective_on::text as date from ${S}.adoption where organisation_id = $1 order by effective_on, seq`,
    [organisationId],
  );
  return rows;
}

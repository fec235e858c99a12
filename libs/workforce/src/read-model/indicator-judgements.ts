import type pg from 'pg';
import { personalCapabilities } from '#libs/framework';
import type { RecordedBy } from '../domain/events.js';
import { liveSchema } from '#libs/projections';
import { WORKFORCE_PROJECTION } from './workforce.projection.js';
import { visibilityParameter, visibleRecord, type Visibility } from './visibility.js';

export const schema = () => liveSchema(WORKFORCE_PROJECTION);

/** The judgement that stands for one indicator at a moment: the latest not withdrawn by then. */
export interface IndicatorJudgement {
  indicatorId: string;
  capabilityId: string;
  evidenced: boolean;
  statementId: string;
  occurredAt: string;
  source: string | null;
  by: string | null;
  recordedBy: RecordedBy | null;
  title: string | null;
}

/**
 * The standing judgement per indicator as of `asOf`, among the records `visibility` lets the viewer see: evidence counts from its own timestamp until it
 * is withdrawn, and a later judgement of the same indicator replaces an earlier one. One index probe
 * per catalogue indicator (a few hundred), so the cost does not grow with the worker's history.
 */
export async function judgementsAsOf(
  db: pg.Pool | pg.PoolClient,
  workerId: string,
  asOf: Date,
  visibility: Visibility,
): Promise<IndicatorJudgement[]> {
  return (await judgementsOfWorkersAsOf(db, [workerId], asOf, visibility)).get(workerId) ?? [];
}

/**
 * The same for several workers in one query (a team, an organisation's staff): one round trip whatever
 * their number, each worker's judgements under their id (a worker with none is absent).
 */
export async function judgementsOfWorkersAsOf(
  db: pg.Pool | pg.PoolClient,
  workerIds: readonly string[],
  asOf: Date,
  visibility: Visibility,
): Promise<Map<string, IndicatorJudgement[]>> {
  const byWorker = new Map<string, IndicatorJudgement[]>();
  if (workerIds.length === 0) return byWorker;
  const { rows } = await db.query<IndicatorJudgement & { workerId: string }>(
    `select w.worker_id as "workerId", j.indicator_id as "indicatorId", j.capability_id as "capabilityId", j.evidenced,
        j.statement_id as "statementId", j.occurred_at as "occurredAt", j.source, j.by_whom as by, j.recorded_by as "recordedBy", j.title
     from unnest($1::text[]) as w(worker_id)
     cross join unnest($3::text[]) as wanted(indicator_id)
     cross join lateral (
       select r.indicator_id, r.capability_id, r.evidenced, r.statement_id, r.occurred_at, r.source, r.by_whom, r.recorded_by, r.title
       from ${schema()}.records r
       where r.worker_id = w.worker_id and r.indicator_id = wanted.indicator_id and r.occurred_at <= $2 and (r.withdrawn_at is null or r.withdrawn_at > $2) and not r.pending and ${visibleRecord('r', '$4')}
       order by r.occurred_at desc, r.stored_at desc
       limit 1
     ) j`,
    [[...new Set(workerIds)], asOf, PERSONAL_INDICATOR_IDS, visibilityParameter(visibility)],
  );
  for (const { workerId, ...judgement } of rows) {
    const list = byWorker.get(workerId) ?? [];
    list.push({ ...judgement, occurredAt: new Date(judgement.occurredAt).toISOString() });
    byWorker.set(workerId, list);
  }
  return byWorker;
}

const PERSONAL_INDICATOR_IDS = personalCapabilities.flatMap((c) =>
  c.stages.flatMap((s) => s.indicators.map((i) => i.id)),
);

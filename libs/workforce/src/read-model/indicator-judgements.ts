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
  const { rows } = await db.query<IndicatorJudgement>(
    `select j.indicator_id as "indicatorId", j.capability_id as "capabilityId", j.evidenced, j.statement_id as "statementId",
        j.occurred_at as "occurredAt", j.source, j.by_whom as by, j.recorded_by as "recordedBy", j.title
     from unnest($3::text[]) as wanted(indicator_id)
     cross join lateral (
       select r.indicator_id, r.capability_id, r.evidenced, r.statement_id, r.occurred_at, r.source, r.by_whom, r.recorded_by, r.title
       from ${schema()}.records r
       where r.worker_id = $1 and r.indicator_id = wanted.indicator_id and r.occurred_at <= $2 and (r.withdrawn_at is null or r.withdrawn_at > $2) and not r.pending and ${visibleRecord('r', '$4')}
       order by r.occurred_at desc, r.stored_at desc
       limit 1
     ) j`,
    [workerId, asOf, PERSONAL_INDICATOR_IDS, visibilityParameter(visibility)],
  );
  return rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt).toISOString() }));
}

const PERSONAL_INDICATOR_IDS = personalCapabilities.flatMap((c) =>
  c.stages.flatMap((s) => s.indicators.map((i) => i.id)),
);

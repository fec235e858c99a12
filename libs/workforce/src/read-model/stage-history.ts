import type pg from 'pg';
import { z } from 'zod';
import { compareStages, findCapability, stageReached, type Stage } from '#libs/framework';
import type { RecordedBy } from '../domain/events.js';
import { schema } from './indicator-judgements.js';
import { indicatorText } from './in-words.js';
import { IndicatorRefSchema, Instant, RecordedBySchema, StageSchema } from './response-parts.js';
import { visibilityParameter, visibleRecord, type Visibility } from './visibility.js';

/** One indicator judgement with the span of time it counted for. */
export interface JudgementSpan {
  statementId: string;
  indicatorId: string;
  capabilityId: string;
  evidenced: boolean;
  occurredAt: string;
  storedAt: string;
  withdrawnAt: string | null;
  by: string | null;
  recordedBy: RecordedBy | null;
  source: string | null;
}

export const StageChange = z.object({
  capabilityId: z.string(),
  capabilityName: z.string().describe('From the catalogue, beside the id'),
  at: Instant,
  from: StageSchema,
  to: StageSchema,
  direction: z.enum(['up', 'down']),
  cause: z
    .object({
      statementId: z.string(),
      change: z.enum(['recorded', 'withdrawn']),
      indicator: IndicatorRefSchema,
      by: z.string().nullable(),
      recordedBy: RecordedBySchema.nullable(),
      source: z.string().nullable(),
    })
    .describe('The evidence that caused the change, and how: it was recorded, or it was withdrawn (voided)'),
});
export type StageChange = z.output<typeof StageChange>;

export const StageHistory = z.object({ workerId: z.string(), changes: z.array(StageChange) });
export type StageHistory = z.output<typeof StageHistory>;

export async function stageHistory(db: pg.Pool, workerId: string, visibility: Visibility): Promise<StageHistory> {
  const { rows } = await db.query<JudgementSpan>(
    `select statement_id as "statementId", indicator_id as "indicatorId", capability_id as "capabilityId", evidenced,
        occurred_at as "occurredAt", stored_at as "storedAt", withdrawn_at as "withdrawnAt", by_whom as by, recorded_by as "recordedBy", source
     from ${schema()}.records r where worker_id = $1 and indicator_id is not null and not pending and ${visibleRecord('r', '$2')}`,
    [workerId, visibilityParameter(visibility)],
  );
  const iso = (d: unknown) => (d === null ? null : new Date(d as string).toISOString());
  return {
    workerId,
    changes: stageChanges(
      rows.map((r) => ({
        ...r,
        occurredAt: iso(r.occurredAt)!,
        storedAt: iso(r.storedAt)!,
        withdrawnAt: iso(r.withdrawnAt),
      })),
    ),
  };
}

/**
 * Replays judgements in the order they took effect (their own timestamps, then withdrawals) and
 * reports every change of stage. Backdated evidence lands where it belongs in time; a withdrawn
 * judgement stays in the history as something that once counted.
 */
export function stageChanges(spans: readonly JudgementSpan[]): StageChange[] {
  type Point = { at: string; span: JudgementSpan; change: 'recorded' | 'withdrawn' };
  const points: Point[] = [];
  for (const span of spans) {
    if (span.withdrawnAt !== null && span.withdrawnAt <= span.occurredAt) continue; // withdrawn before it ever counted
    points.push({ at: span.occurredAt, span, change: 'recorded' });
    if (span.withdrawnAt !== null) points.push({ at: span.withdrawnAt, span, change: 'withdrawn' });
  }
  points.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.span.storedAt < b.span.storedAt ? -1 : 1));

  const active = new Map<string, JudgementSpan[]>(); // indicator → judgements counting now
  const evidenced = new Map<string, Set<string>>(); // capability → evidenced indicators
  const stages = new Map<string, Stage>();
  const changes: StageChange[] = [];
  for (const point of points) {
    const { indicatorId, capabilityId } = point.span;
    const list = active.get(indicatorId) ?? [];
    active.set(indicatorId, point.change === 'recorded' ? [...list, point.span] : list.filter((s) => s !== point.span));
    const set = evidenced.get(capabilityId) ?? new Set<string>();
    if (standing(active.get(indicatorId)!)?.evidenced) set.add(indicatorId);
    else set.delete(indicatorId);
    evidenced.set(capabilityId, set);
    const capability = findCapability(capabilityId);
    if (!capability) continue;
    const before = stages.get(capabilityId) ?? 'not-yet-engaged';
    const after = stageReached(capability, set);
    if (after === before) continue;
    stages.set(capabilityId, after);
    const { statementId, by, recordedBy, source } = point.span;
    const indicator = { id: indicatorId, text: indicatorText(indicatorId) };
    changes.push({
      capabilityId,
      capabilityName: capability.name,
      at: point.at,
      from: before,
      to: after,
      direction: compareStages(after, before) > 0 ? 'up' : 'down',
      cause: { statementId, change: point.change, indicator, by, recordedBy, source },
    });
  }
  return changes;
}

/** The latest judgement of an indicator by its own time (then by when it was stored). */
function standing(judgements: readonly JudgementSpan[]): JudgementSpan | undefined {
  return judgements.reduce<JudgementSpan | undefined>(
    (best, j) =>
      !best || j.occurredAt > best.occurredAt || (j.occurredAt === best.occurredAt && j.storedAt > best.storedAt)
        ? j
        : best,
    undefined,
  );
}

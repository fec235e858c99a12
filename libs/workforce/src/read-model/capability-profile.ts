import type pg from 'pg';
import { z } from 'zod';
import { nextStageGap, personalCapabilities, stageReached } from '#libs/framework';
import { judgementsAsOf, type IndicatorJudgement } from './indicator-judgements.js';
import { Instant, RecordedBySchema, StageNameSchema, StageSchema } from './response-parts.js';
import type { Visibility } from './visibility.js';

/** An indicator the evidence standing at `asOf` evidences, with its text from the catalogue. */
export const EvidencedIndicator = z.object({
  indicatorId: z.string(),
  text: z.string(),
  stage: StageNameSchema,
  evidence: z
    .object({
      statementId: z.string(),
      occurredAt: Instant,
      source: z.string().nullable(),
      by: z.string().nullable(),
      recordedBy: RecordedBySchema.nullable(),
    })
    .describe('The evidence behind it: what (statement), who, when'),
});
export type EvidencedIndicator = z.output<typeof EvidencedIndicator>;

export const CapabilityStanding = z.object({
  capabilityId: z.string(),
  name: z.string(),
  stage: StageSchema,
  evidencedIndicators: z.array(EvidencedIndicator),
  missingForNextStage: z
    .object({
      stage: StageNameSchema,
      indicators: z.array(z.object({ indicatorId: z.string(), text: z.string() })),
    })
    .nullable(),
});
export type CapabilityStanding = z.output<typeof CapabilityStanding>;

export const CapabilityProfile = z.object({
  workerId: z.string(),
  asOf: Instant,
  capabilities: z.array(CapabilityStanding),
});
export type CapabilityProfile = z.output<typeof CapabilityProfile>;

/** Each of the 17 personal capabilities at the stage the evidence standing at `asOf` reaches. */
export async function capabilityProfile(
  db: pg.Pool,
  workerId: string,
  asOf: Date,
  visibility: Visibility,
): Promise<CapabilityProfile> {
  const judgements = await judgementsAsOf(db, workerId, asOf, visibility);
  return { workerId, asOf: asOf.toISOString(), capabilities: standingsFrom(judgements) };
}

/** The stage rule applied to standing judgements: pure, shared by the profile, the history and the role gap. */
export function standingsFrom(judgements: readonly IndicatorJudgement[]): CapabilityStanding[] {
  const evidenced = new Map(judgements.filter((j) => j.evidenced).map((j) => [j.indicatorId, j]));
  const ids = new Set(evidenced.keys());
  return personalCapabilities.map((capability) => {
    const gap = nextStageGap(capability, ids);
    return {
      capabilityId: capability.id,
      name: capability.name,
      stage: stageReached(capability, ids),
      evidencedIndicators: capability.stages.flatMap((s) =>
        s.indicators.flatMap((indicator) => {
          const j = evidenced.get(indicator.id);
          return j
            ? [
                {
                  indicatorId: indicator.id,
                  text: indicator.text,
                  stage: s.stage,
                  evidence: {
                    statementId: j.statementId,
                    occurredAt: j.occurredAt,
                    source: j.source,
                    by: j.by,
                    recordedBy: j.recordedBy,
                  },
                },
              ]
            : [];
        }),
      ),
      missingForNextStage: gap
        ? { stage: gap.stage, indicators: gap.missingIndicators.map((i) => ({ indicatorId: i.id, text: i.text })) }
        : null,
    };
  });
}

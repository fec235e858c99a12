import type pg from 'pg';
import { nextStageGap, personalCapabilities, stageReached, type Stage } from '#libs/framework';
import type { RecordedBy } from '../domain/events.js';
import { judgementsAsOf, type IndicatorJudgement } from './indicator-judgements.js';
import type { Visibility } from './visibility.js';

/** An indicator the evidence standing at `asOf` evidences, with its text from the catalogue. */
export interface EvidencedIndicator {
  indicatorId: string;
  text: string;
  stage: string;
  /** The evidence behind it: what (statement), who, when. */
  evidence: {
    statementId: string;
    occurredAt: string;
    source: string | null;
    by: string | null;
    recordedBy: RecordedBy | null;
  };
}

export interface CapabilityStanding {
  capabilityId: string;
  name: string;
  stage: Stage;
  evidencedIndicators: EvidencedIndicator[];
  missingForNextStage: { stage: string; indicators: { indicatorId: string; text: string }[] } | null;
}

export interface CapabilityProfile {
  workerId: string;
  asOf: string;
  capabilities: CapabilityStanding[];
}

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

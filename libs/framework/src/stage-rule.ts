import { indicatorsAt } from './catalogue/catalogue.js';
import { STAGE_NAMES, type Capability, type Indicator, type Stage, type StageName } from './catalogue/types.js';

/**
 * The CLF stage rule, the only place it is decided: stages are cumulative, so the stage reached is the highest
 * stage S such that every indicator of S and of every stage below S is evidenced.
 */
export function stageReached(capability: Capability, evidencedIndicatorIds: ReadonlySet<string>): Stage {
  let reached: Stage = 'not-yet-engaged';
  for (const stage of STAGE_NAMES) {
    if (!indicatorsAt(capability, stage).every((i) => evidencedIndicatorIds.has(i.id))) break;
    reached = stage;
  }
  return reached;
}

/** The stage above the one given, or undefined at exemplary. */
export function nextStage(stage: Stage): StageName | undefined {
  return stage === 'not-yet-engaged' ? STAGE_NAMES[0] : STAGE_NAMES[STAGE_NAMES.indexOf(stage) + 1];
}

export interface NextStageGap {
  readonly stage: StageName;
  readonly missingIndicators: readonly Indicator[];
}

/**
 * What to work on: the unevidenced indicators of the stage after the one reached (the lowest stage not yet
 * met), or undefined when exemplary is reached.
 */
export function nextStageGap(
  capability: Capability,
  evidencedIndicatorIds: ReadonlySet<string>,
): NextStageGap | undefined {
  const stage = nextStage(stageReached(capability, evidencedIndicatorIds));
  if (!stage) return undefined;
  return { stage, missingIndicators: indicatorsAt(capability, stage).filter((i) => !evidencedIndicatorIds.has(i.id)) };
}

/** Orders stages, 'not-yet-engaged' lowest; negative when a is below b. */
export function compareStages(a: Stage, b: Stage): number {
  const rank = (s: Stage) => (s === 'not-yet-engaged' ? -1 : STAGE_NAMES.indexOf(s));
  return rank(a) - rank(b);
}

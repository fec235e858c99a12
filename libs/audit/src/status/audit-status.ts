import {
  nextStageGap,
  organisationalCapabilities,
  stageReached,
  type IndicatorRole,
  type OrganisationalCapability,
  type Stage,
} from '#libs/framework';
import type { z } from 'zod';
import type { ActionStatus } from '../cycle/audit-cycle.events.js';
import type { capabilityStatusResponse } from './capability-status.response.js';

/** Below this many respondents the staff survey says nothing (`suppressed`): a few answers could name people. */
export const MIN_SURVEY_RESPONDENTS = 5;

/** What one cycle recorded, as the read model keeps it: the facts the stages are decided from. */
export interface CycleFacts {
  /** Organisation indicators whose latest self-assessment says achieved. */
  readonly achieved: ReadonlySet<string>;
  readonly survey: {
    readonly respondents: number;
    /** Per worker indicator: how many answered it, and how many of them agreed (4 or 5). */
    readonly tallies: ReadonlyMap<string, { readonly answered: number; readonly agreeing: number }>;
  };
  readonly surveyThreshold: number;
  readonly actions: readonly { readonly capabilityId: string; readonly status: ActionStatus }[];
}

/** One capability's status in a cycle: the type of what the audit routes answer (see its schema). */
export type CapabilityStatus = z.output<typeof capabilityStatusResponse>;
export type AreaForDevelopment = CapabilityStatus['areasForDevelopment'][number];

const otherRole = (role: IndicatorRole) => (role === 'organisation' ? 'worker' : 'organisation');

/**
 * The catalogue's stage rule on one side of an organisational capability: its rule counts both the
 * organisation and the worker indicators, so the other side's indicators are taken as met and only
 * `role`'s decide.
 */
function withOtherSideMet(
  capability: OrganisationalCapability,
  role: IndicatorRole,
  evidenced: ReadonlySet<string>,
): Set<string> {
  const other = otherRole(role);
  const otherIds = capability.stages.flatMap((s) =>
    (other === 'worker' ? s.workerIndicators : s.organisationIndicators).map((i) => i.id),
  );
  return new Set([...evidenced, ...otherIds]);
}

export function stageOn(
  capability: OrganisationalCapability,
  role: 'organisation' | 'worker',
  evidenced: ReadonlySet<string>,
): Stage {
  return stageReached(capability, withOtherSideMet(capability, role, evidenced));
}

/** Seed 003's review: the unachieved organisation indicators of the lowest stage not yet met. */
export function areasForDevelopment(
  capability: OrganisationalCapability,
  achieved: ReadonlySet<string>,
): AreaForDevelopment[] {
  const gap = nextStageGap(capability, withOtherSideMet(capability, 'organisation', achieved));
  return (gap?.missingIndicators ?? []).map((i) => ({ indicatorId: i.id, stage: i.stage, text: i.text }));
}

/**
 * Worker indicators the survey evidences: answered by at least the minimum of respondents, and the
 * share agreeing reaches the threshold. An indicator fewer answered says nothing, as a whole survey
 * with fewer respondents says nothing: one worker's agreement would show in the stage.
 */
export function evidencedByStaff(survey: CycleFacts['survey'], threshold: number): Set<string> {
  const evidenced = new Set<string>();
  for (const [indicatorId, tally] of survey.tallies) {
    if (isReportable(tally) && tally.agreeing / tally.answered >= threshold) evidenced.add(indicatorId);
  }
  return evidenced;
}

/** An indicator's counts may be shown, and count, once enough answered it that no one answer shows. */
export const isReportable = (tally: { readonly answered: number }): boolean => tally.answered >= MIN_SURVEY_RESPONDENTS;

export function staffPerceptionStage(capability: OrganisationalCapability, facts: CycleFacts): Stage | 'suppressed' {
  if (facts.survey.respondents < MIN_SURVEY_RESPONDENTS) return 'suppressed';
  return stageOn(capability, 'worker', evidencedByStaff(facts.survey, facts.surveyThreshold));
}

function actionCounts(facts: CycleFacts, capabilityId: string): Record<ActionStatus, number> {
  const counts = { open: 0, done: 0, dropped: 0 };
  for (const action of facts.actions) if (action.capabilityId === capabilityId) counts[action.status]++;
  return counts;
}

/** Each organisational capability's stages, areas for development and action progress in one cycle. */
export function capabilityStatuses(facts: CycleFacts): CapabilityStatus[] {
  return organisationalCapabilities.map((capability) => ({
    capabilityId: capability.id,
    selfAssessedStage: stageOn(capability, 'organisation', facts.achieved),
    staffPerceptionStage: staffPerceptionStage(capability, facts),
    areasForDevelopment: areasForDevelopment(capability, facts.achieved),
    actions: actionCounts(facts, capability.id),
  }));
}

/** Before any completed cycle: nothing is evidenced and nothing planned. */
export function statusesBeforeAnyCycle(): CapabilityStatus[] {
  return organisationalCapabilities.map((capability) => ({
    capabilityId: capability.id,
    selfAssessedStage: 'not-yet-engaged',
    staffPerceptionStage: 'not-yet-engaged',
    areasForDevelopment: [],
    actions: { open: 0, done: 0, dropped: 0 },
  }));
}

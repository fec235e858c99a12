import {
  AUDIT_CYCLE_EVENTS as EV,
  type AuditQuestionAnswered,
  type AuditQuestionAnswerWithdrawn,
  type OrganisationIndicatorSelfAssessed,
  type OrganisationIndicatorSelfAssessmentWithdrawn,
} from '../audit-cycle.events.js';
import { foldAuditCycle, openCycleOf } from '../audit-cycle.js';

/** An event of the cycle's stream as recorded: what a withdrawal needs to name and skip events by id. */
export interface CycleRecord {
  readonly type: string;
  readonly version: number;
  readonly data: unknown;
  readonly metadata: { readonly eventId: string };
}

type Answered = AuditQuestionAnswered | OrganisationIndicatorSelfAssessed;
type Withdrawn = AuditQuestionAnswerWithdrawn | OrganisationIndicatorSelfAssessmentWithdrawn;

/**
 * A tool voided the statement that gave the cycle an answer or a self-assessment (`withdrawnEventId`,
 * the event it caused): xAPI's way to retract it, so it stops counting, as voided evidence does for a
 * worker. What stands afterwards is the latest answer to the same question (or self-assessment of the
 * same indicator) not withdrawn, or none. A completed cycle is kept as it was (409, as for any change);
 * a second voiding of the same answer finds it withdrawn already and records nothing.
 */
export function decideWithdrawal(
  cycle: readonly CycleRecord[],
  organisationId: string,
  auditId: string,
  withdrawnEventId: string,
): Withdrawn[] {
  openCycleOf(foldAuditCycle(cycle), organisationId, auditId);
  const withdrawn = new Set(
    cycle.filter((e) => isWithdrawal(e)).map((e) => (e.data as Withdrawn['data']).withdrawnEventId),
  );
  const target = cycle.find((e) => e.metadata.eventId === withdrawnEventId);
  if (!target || !isAnswer(target) || withdrawn.has(withdrawnEventId)) return [];
  withdrawn.add(withdrawnEventId);
  const sameSubject = cycle.filter(
    (e) =>
      e.type === target.type && subjectOf(e as Answered) === subjectOf(target) && !withdrawn.has(e.metadata.eventId),
  );
  const standing = sameSubject.at(-1) as Answered | undefined;
  return [withdrawal(target, withdrawnEventId, standing)];
}

const isAnswer = (e: CycleRecord): e is CycleRecord & Answered =>
  e.type === EV.questionAnswered || e.type === EV.indicatorSelfAssessed;
const isWithdrawal = (e: CycleRecord) => e.type === EV.answerWithdrawn || e.type === EV.selfAssessmentWithdrawn;
const subjectOf = (e: Answered) => (e.type === EV.questionAnswered ? e.data.questionId : e.data.indicatorId);

function withdrawal(target: Answered, withdrawnEventId: string, standing: Answered | undefined): Withdrawn {
  const { auditId, organisationId, capabilityId } = target.data;
  if (target.type === EV.questionAnswered) {
    const kept = standing as AuditQuestionAnswered | undefined;
    return {
      type: EV.answerWithdrawn,
      version: 1,
      data: {
        auditId,
        organisationId,
        capabilityId,
        questionId: target.data.questionId,
        withdrawnEventId,
        standing: kept ? { response: kept.data.response } : null,
      },
    };
  }
  const kept = standing as OrganisationIndicatorSelfAssessed | undefined;
  return {
    type: EV.selfAssessmentWithdrawn,
    version: 1,
    data: {
      auditId,
      organisationId,
      capabilityId,
      indicatorId: target.data.indicatorId,
      withdrawnEventId,
      standing: kept ? { achieved: kept.data.achieved, evidence: kept.data.evidence } : null,
    },
  };
}

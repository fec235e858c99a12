import { workerIndicator } from '../../shared/audit-catalogue.js';
import { invalid, NotFoundError } from '#libs/workforce';
import { openCycleOf, type AuditCycleState } from '../../cycle/audit-cycle.js';
import {
  STAFF_SURVEY_EVENTS as EV,
  type StaffSurveyAnswered,
  type StaffSurveyRespondentRecorded,
} from '../staff-survey.events.js';
import type { AnswerStaffSurvey } from './answer-staff-survey.command.js';

export interface SurveyDecision {
  readonly respondent: StaffSurveyRespondentRecorded;
  readonly answered: StaffSurveyAnswered;
}

/**
 * A worker of the organisation answers worker indicators of the organisational capabilities, each at
 * most once. Whether they answered before is not decided here but by the respondent stream, which the
 * handler appends with `no_stream` (a second answer finds it there).
 */
export function decideAnswerStaffSurvey(
  command: AnswerStaffSurvey,
  cycle: AuditCycleState,
  workerOrganisations: readonly string[],
): SurveyDecision {
  if (!workerOrganisations.includes(command.organisationId)) {
    // Said as "not found": a worker elsewhere learns nothing about this organisation's cycles.
    throw new NotFoundError('auditId', `no audit cycle "${command.auditId}" in an organisation you work for`);
  }
  const { auditId, organisationId } = openCycleOf(cycle, command.organisationId, command.auditId);
  const seen = new Set<string>();
  const answers = command.answers.map((answer, i) => {
    const indicator = workerIndicator(answer.indicatorId, `answers[${i}].indicatorId`);
    if (seen.has(indicator.id)) invalid(`answers[${i}].indicatorId`, `"${indicator.id}" is answered twice`);
    seen.add(indicator.id);
    return { indicatorId: indicator.id, capabilityId: indicator.capabilityId, agreement: answer.agreement };
  });
  return {
    respondent: { type: EV.respondentRecorded, version: 1, data: { auditId, organisationId } },
    answered: { type: EV.answered, version: 1, data: { auditId, organisationId, answers } },
  };
}

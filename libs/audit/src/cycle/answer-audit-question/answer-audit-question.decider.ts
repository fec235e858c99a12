import { auditQuestion } from '../../shared/audit-catalogue.js';
import { auditText } from '../../shared/input.js';
import { AUDIT_CYCLE_EVENTS as EV, type AuditQuestionAnswered } from '../audit-cycle.events.js';
import { openCycleOf, type AuditCycleState } from '../audit-cycle.js';
import type { AnswerAuditQuestion } from './answer-audit-question.command.js';

/** A later answer to the same question replaces the earlier one in the read model; both stay in the log. */
export function decideAnswerAuditQuestion(
  command: AnswerAuditQuestion,
  state: AuditCycleState,
): AuditQuestionAnswered[] {
  const question = auditQuestion(command.questionId);
  const { auditId, organisationId } = openCycleOf(state, command.organisationId, command.auditId);
  const data = {
    auditId,
    organisationId,
    capabilityId: question.capabilityId,
    questionId: question.id,
    // A tool's statement (result.response) is held to the API's rule here, on the one path both take.
    response: auditText(command.response, 'response', true),
  };
  return [{ type: EV.questionAnswered, version: 1, data }];
}

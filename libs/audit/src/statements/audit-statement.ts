import {
  allAuditQuestions,
  CLF_ACTIVITY_TYPES as T,
  CLF_EXTENSIONS as X,
  CLF_PROFILE_VERSION_ID,
  CLF_VERBS as V,
  findCapability,
  findIndicator,
} from '#libs/framework';
import type { AnswerAuditQuestion } from '../cycle/answer-audit-question/answer-audit-question.command.js';
import type { SelfAssessIndicator } from '../cycle/self-assess-indicator/self-assess-indicator.command.js';

type Json = Record<string, unknown>;

/**
 * `account.homePage` of the signed-in user an audit statement made through /api names as its actor.
 * Only statements the platform itself stored are read back this way (see `actorOfAuditStatement`).
 */
export const PLATFORM_USER_HOME_PAGE = 'urn:continuum:user';

/** The learning lead (or admin) answering for the organisation: a user account, never a worker identifier. */
export const userAgent = (userId: string): Json => ({
  objectType: 'Agent',
  account: { homePage: PLATFORM_USER_HOME_PAGE, name: userId },
});

/** The CLF profile's "organisational self-audit answer" template; the registration is the cycle's id. */
export function auditAnswerStatement(command: AnswerAuditQuestion, statementId: string, timestamp: string): Json {
  const question = allAuditQuestions.find((q) => q.id === command.questionId)!;
  return {
    id: statementId,
    actor: userAgent(command.actor),
    verb: { id: V.answered, display: { en: 'answered' } },
    object: { objectType: 'Activity', id: question.iri, definition: { type: T.auditQuestion } },
    result: { response: command.response },
    context: auditContext(command.organisationId, command.auditId, question.capabilityId),
    timestamp,
  };
}

/** The CLF profile's "organisational self-audit indicator assessment" template. */
export function selfAssessmentStatement(command: SelfAssessIndicator, statementId: string, timestamp: string): Json {
  const indicator = findIndicator(command.indicatorId)!;
  return {
    id: statementId,
    actor: userAgent(command.actor),
    verb: { id: V.selfAssessed, display: { en: 'self-assessed' } },
    object: { objectType: 'Activity', id: indicator.iri, definition: { type: T.indicator } },
    result: { success: command.achieved, ...(command.evidence === '' ? {} : { response: command.evidence }) },
    context: auditContext(command.organisationId, command.auditId, indicator.capabilityId),
    timestamp,
  };
}

function auditContext(organisationId: string, auditId: string, capabilityId: string): Json {
  return {
    registration: auditId,
    contextActivities: {
      category: [{ id: CLF_PROFILE_VERSION_ID }],
      other: [{ id: findCapability(capabilityId)!.iri, definition: { type: T.capability } }],
    },
    extensions: { [X.organisation]: organisationId },
  };
}

import { parseBody } from '#libs/platform';
import { answerAuditQuestionRequest } from './answer-audit-question.request.js';

/** Reflections and evidence (text and links) for one question of an area for reflection. */
export class AnswerAuditQuestion {
  constructor(
    readonly organisationId: string,
    readonly auditId: string,
    readonly questionId: string,
    readonly response: string,
    readonly actor: string,
  ) {}

  static parse(organisationId: string, auditId: string, questionId: string, input: unknown, actor: string) {
    return new AnswerAuditQuestion(
      organisationId,
      auditId,
      questionId,
      parseBody(answerAuditQuestionRequest, input).response,
      actor,
    );
  }
}

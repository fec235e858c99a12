import { parseBody } from '#libs/platform';
import type { SurveyAnswer } from '../staff-survey.events.js';
import { answerStaffSurveyRequest } from './answer-staff-survey.request.js';

/** A signed-in worker of the organisation answers the cycle's staff survey, once. */
export class AnswerStaffSurvey {
  constructor(
    readonly organisationId: string,
    readonly auditId: string,
    /** Used only to refuse a second answer; never stored with the answers. */
    readonly workerId: string,
    readonly answers: readonly SurveyAnswer[],
  ) {}

  static parse(organisationId: string, auditId: string, workerId: string, input: unknown) {
    const { answers } = parseBody(answerStaffSurveyRequest, input);
    return new AnswerStaffSurvey(organisationId, auditId, workerId, answers as SurveyAnswer[]);
  }
}

import { invalid } from '#libs/workforce';
import { body } from '../../shared/input.js';
import { AGREEMENT_SCALE, type Agreement, type SurveyAnswer } from '../staff-survey.events.js';

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
    return new AnswerStaffSurvey(organisationId, auditId, workerId, parseAnswers(body(input).answers));
  }
}

function parseAnswers(value: unknown): SurveyAnswer[] {
  if (!Array.isArray(value) || value.length === 0)
    return invalid('answers', 'is required and must be a non-empty array');
  return value.map((item, i) => {
    const field = `answers[${i}]`;
    if (typeof item !== 'object' || item === null)
      return invalid(field, 'must be an object { indicatorId, agreement }');
    const { indicatorId, agreement } = item as Record<string, unknown>;
    if (typeof indicatorId !== 'string' || indicatorId === '')
      return invalid(`${field}.indicatorId`, 'is required and must be a string');
    if (!AGREEMENT_SCALE.includes(agreement as Agreement))
      return invalid(`${field}.agreement`, 'must be a whole number from 1 to 5');
    return { indicatorId, agreement: agreement as Agreement };
  });
}

import { parseBody } from '#libs/platform';
import { SelfAssessIndicator } from './self-assess-indicator.command.js';
import { selfAssessIndicatorsRequest } from './self-assess-indicators.request.js';

/**
 * The self-assessment of several organisation indicators of one cycle at once (what a learning lead
 * saves from the audit form); each row as `PUT …/indicators/:indicatorId` takes it, refusals naming the
 * row (`indicators[2].achieved`).
 */
export class SelfAssessIndicators {
  constructor(
    readonly organisationId: string,
    readonly auditId: string,
    readonly assessments: readonly SelfAssessIndicator[],
  ) {}

  static parse(organisationId: string, auditId: string, input: unknown, actor: string): SelfAssessIndicators {
    const { indicators } = parseBody(selfAssessIndicatorsRequest, input);
    const assessments = indicators.map(
      ({ indicatorId, achieved, evidence }) =>
        new SelfAssessIndicator(organisationId, auditId, indicatorId, achieved, evidence ?? '', actor),
    );
    return new SelfAssessIndicators(organisationId, auditId, assessments);
  }
}

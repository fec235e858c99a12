import { parseBody } from '#libs/platform';
import { selfAssessIndicatorRequest } from './self-assess-indicator.request.js';

/** The self-assessment of one organisation indicator: achieved yes/no, with the evidence for it. */
export class SelfAssessIndicator {
  constructor(
    readonly organisationId: string,
    readonly auditId: string,
    readonly indicatorId: string,
    readonly achieved: boolean,
    readonly evidence: string,
    readonly actor: string,
  ) {}

  static parse(organisationId: string, auditId: string, indicatorId: string, input: unknown, actor: string) {
    const { achieved, evidence } = parseBody(selfAssessIndicatorRequest, input);
    return new SelfAssessIndicator(organisationId, auditId, indicatorId, achieved, evidence ?? '', actor);
  }
}

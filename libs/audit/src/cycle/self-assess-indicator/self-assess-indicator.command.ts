import { AUDIT_TEXT_MAX, body, bool, optionalText } from '../../shared/input.js';

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
    const b = body(input);
    const achieved = bool(b, 'achieved');
    return new SelfAssessIndicator(
      organisationId,
      auditId,
      indicatorId,
      achieved,
      optionalText(b, 'evidence', AUDIT_TEXT_MAX) ?? '',
      actor,
    );
  }
}

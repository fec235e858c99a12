import { parseBody } from '#libs/platform';
import { completeAuditCycleRequest } from './complete-audit-cycle.request.js';

/** The cycle is done: its self-assessments and survey decide the organisation's stages from `completedOn`. */
export class CompleteAuditCycle {
  constructor(
    readonly organisationId: string,
    readonly auditId: string,
    readonly completedOn: string,
    readonly actor: string,
  ) {}

  static parse(organisationId: string, auditId: string, input: unknown, actor: string) {
    return new CompleteAuditCycle(
      organisationId,
      auditId,
      parseBody(completeAuditCycleRequest, input).completedOn,
      actor,
    );
  }
}

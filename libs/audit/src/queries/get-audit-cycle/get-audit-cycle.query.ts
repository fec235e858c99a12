/** One audit cycle, all of it: answers, self-assessments, survey counts, actions and the stages they give. */
export class GetAuditCycle {
  constructor(
    readonly organisationId: string,
    readonly auditId: string,
  ) {}
}

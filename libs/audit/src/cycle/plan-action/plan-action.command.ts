import { body, date, text } from '../../shared/input.js';

/** An action of the review's plan, linked to the indicator it develops. */
export class PlanAction {
  constructor(
    readonly organisationId: string,
    readonly auditId: string,
    readonly actionId: string,
    readonly indicatorId: string,
    readonly description: string,
    readonly owner: string,
    readonly due: string,
    readonly actor: string,
  ) {}

  static parse(organisationId: string, auditId: string, actionId: string, input: unknown, actor: string) {
    const b = body(input);
    const indicatorId = text(b, 'indicatorId', 200);
    return new PlanAction(
      organisationId,
      auditId,
      actionId,
      indicatorId,
      text(b, 'description', 2000),
      text(b, 'owner', 200),
      date(b, 'due'),
      actor,
    );
  }
}

import { parseBody } from '#libs/platform';
import { planActionRequest } from './plan-action.request.js';

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
    const { indicatorId, description, owner, due } = parseBody(planActionRequest, input);
    return new PlanAction(organisationId, auditId, actionId, indicatorId, description, owner, due, actor);
  }
}

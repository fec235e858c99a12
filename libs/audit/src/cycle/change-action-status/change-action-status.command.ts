import { body, dateOrToday, oneOf, todayUtc } from '../../shared/input.js';
import { ACTION_STATUSES, type ActionStatus } from '../audit-cycle.events.js';

/** Progress of an action: open, done or dropped, on a date (default today). */
export class ChangeActionStatus {
  constructor(
    readonly organisationId: string,
    readonly auditId: string,
    readonly actionId: string,
    readonly status: ActionStatus,
    readonly changedOn: string,
    readonly actor: string,
  ) {}

  static parse(organisationId: string, auditId: string, actionId: string, input: unknown, actor: string) {
    const b = body(input);
    const status = oneOf(b, 'status', ACTION_STATUSES);
    return new ChangeActionStatus(
      organisationId,
      auditId,
      actionId,
      status,
      dateOrToday(b.changedOn, 'changedOn', todayUtc()),
      actor,
    );
  }
}

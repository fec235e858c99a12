import { parseBody } from '#libs/platform';
import { todayUtc } from '../../shared/input.js';
import { changeActionStatusRequest } from './change-action-status.request.js';
import type { ActionStatus } from '../audit-cycle.events.js';

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
    const { status, changedOn } = parseBody(changeActionStatusRequest, input);
    return new ChangeActionStatus(organisationId, auditId, actionId, status, changedOn || todayUtc(), actor);
  }
}

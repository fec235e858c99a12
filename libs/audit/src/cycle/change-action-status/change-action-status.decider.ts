import { invalid, NotFoundError } from '#libs/workforce';
import { AUDIT_CYCLE_EVENTS as EV, type AuditActionStatusChanged } from '../audit-cycle.events.js';
import { cycleOf, type AuditCycleState } from '../audit-cycle.js';
import type { ChangeActionStatus } from './change-action-status.command.js';

/**
 * An action plan is followed through after the review, so its actions change status in a completed
 * cycle too. The same status again records nothing; a change is dated on or after the one before.
 */
export function decideChangeActionStatus(
  command: ChangeActionStatus,
  state: AuditCycleState,
): AuditActionStatusChanged[] {
  const { auditId, organisationId, actions } = cycleOf(state, command.organisationId, command.auditId);
  const current = actions.get(command.actionId);
  if (current === undefined)
    throw new NotFoundError('actionId', `no action "${command.actionId}" in audit cycle "${auditId}"`);
  if (current.status === command.status) return [];
  if (current.changedOn !== undefined && command.changedOn < current.changedOn) {
    // The status "now" is the last change recorded, as of a date the one dated last: an earlier date
    // would make them disagree (GET the cycle says one status, audit-status?asOf=today another).
    invalid('changedOn', `must not be before the action's last change (${current.changedOn})`);
  }
  const { actionId, status, changedOn } = command;
  return [{ type: EV.actionStatusChanged, version: 1, data: { auditId, organisationId, actionId, status, changedOn } }];
}

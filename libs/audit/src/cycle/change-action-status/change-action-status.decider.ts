import { NotFoundError } from '#libs/workforce';
import { AUDIT_CYCLE_EVENTS as EV, type AuditActionStatusChanged } from '../audit-cycle.events.js';
import { cycleOf, type AuditCycleState } from '../audit-cycle.js';
import type { ChangeActionStatus } from './change-action-status.command.js';

/**
 * An action plan is followed through after the review, so its actions change status in a completed
 * cycle too. The same status again records nothing.
 */
export function decideChangeActionStatus(
  command: ChangeActionStatus,
  state: AuditCycleState,
): AuditActionStatusChanged[] {
  const { auditId, organisationId, actions } = cycleOf(state, command.organisationId, command.auditId);
  const current = actions.get(command.actionId);
  if (current === undefined)
    throw new NotFoundError('actionId', `no action "${command.actionId}" in audit cycle "${auditId}"`);
  if (current === command.status) return [];
  const { actionId, status, changedOn } = command;
  return [{ type: EV.actionStatusChanged, version: 1, data: { auditId, organisationId, actionId, status, changedOn } }];
}

import { actionIndicator } from '../../shared/audit-catalogue.js';
import { ConflictError } from '#libs/workforce';
import { AUDIT_CYCLE_EVENTS as EV, type AuditActionPlanned } from '../audit-cycle.events.js';
import { openCycleOf, type AuditCycleState } from '../audit-cycle.js';
import type { PlanAction } from './plan-action.command.js';

export function decidePlanAction(command: PlanAction, state: AuditCycleState): AuditActionPlanned[] {
  const indicator = actionIndicator(command.indicatorId);
  const cycle = openCycleOf(state, command.organisationId, command.auditId);
  if (cycle.actions.has(command.actionId))
    throw new ConflictError('actionId', `action "${command.actionId}" is already planned`);
  const { auditId, organisationId } = cycle;
  const { actionId, description, owner, due } = command;
  const data = {
    auditId,
    organisationId,
    actionId,
    capabilityId: indicator.capabilityId,
    indicatorId: indicator.id,
    description,
    owner,
    due,
  };
  return [{ type: EV.actionPlanned, version: 1, data }];
}

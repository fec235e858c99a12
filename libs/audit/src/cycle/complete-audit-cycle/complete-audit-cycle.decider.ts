import { invalid } from '#libs/workforce';
import { AUDIT_CYCLE_EVENTS as EV, type AuditCycleCompleted } from '../audit-cycle.events.js';
import { openCycleOf, type AuditCycleState } from '../audit-cycle.js';
import type { CompleteAuditCycle } from './complete-audit-cycle.command.js';

export function decideCompleteAuditCycle(command: CompleteAuditCycle, state: AuditCycleState): AuditCycleCompleted[] {
  const { auditId, organisationId, startedOn } = openCycleOf(state, command.organisationId, command.auditId);
  if (command.completedOn < startedOn) invalid('completedOn', `must not be before the cycle started (${startedOn})`);
  return [{ type: EV.completed, version: 1, data: { auditId, organisationId, completedOn: command.completedOn } }];
}

import { ConflictError, NotFoundError } from '#libs/workforce';
import { AUDIT_CYCLE_EVENTS as EV, type AuditCycleOpened } from '../audit-cycle.events.js';
import type { AuditCycleState } from '../audit-cycle.js';
import type { OpenAuditCycle } from './open-audit-cycle.command.js';

export function decideOpenAuditCycle(command: OpenAuditCycle, state: AuditCycleState, organisationRegistered: boolean): AuditCycleOpened[] {
  if (!organisationRegistered) throw new NotFoundError('id', `no organisation "${command.organisationId}" is registered`);
  if (state.status !== 'none') throw new ConflictError('id', `audit cycle "${command.auditId}" already exists`);
  const { auditId, organisationId, startedOn, surveyThreshold } = command;
  return [{ type: EV.opened, version: 1, data: { auditId, organisationId, startedOn, surveyThreshold } }];
}

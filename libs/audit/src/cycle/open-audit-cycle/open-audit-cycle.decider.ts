import { ConflictError, NotFoundError } from '#libs/workforce';
import {
  AUDIT_CYCLE_EVENTS as EV,
  AUDIT_REGISTER_EVENTS,
  type AuditCycleOpened,
  type AuditCycleRegistered,
} from '../audit-cycle.events.js';
import type { AuditCycleState } from '../audit-cycle.js';
import type { OpenAuditCycle } from './open-audit-cycle.command.js';

/** What the organisation's register says: the cycle it registered last and whether that one is still open. */
export interface OrganisationCycles {
  readonly registered: boolean;
  readonly openCycleId: string | undefined;
}

/**
 * One open cycle per organisation at a time: a self-audit is worked through and completed before the
 * next starts, so "the latest completed cycle" is always one cycle's whole work.
 */
export function decideOpenAuditCycle(
  command: OpenAuditCycle,
  state: AuditCycleState,
  organisation: OrganisationCycles,
): [AuditCycleOpened, AuditCycleRegistered] {
  if (!organisation.registered)
    throw new NotFoundError('id', `no organisation "${command.organisationId}" is registered`);
  if (state.status !== 'none') throw new ConflictError('id', `audit cycle "${command.auditId}" already exists`);
  if (organisation.openCycleId !== undefined) {
    throw new ConflictError(
      'id',
      `audit cycle "${organisation.openCycleId}" is still open; one open cycle per organisation at a time: complete it first`,
    );
  }
  const { auditId, organisationId, startedOn, surveyThreshold } = command;
  return [
    { type: EV.opened, version: 1, data: { auditId, organisationId, startedOn, surveyThreshold } },
    { type: AUDIT_REGISTER_EVENTS.cycleRegistered, version: 1, data: { auditId, organisationId, startedOn } },
  ];
}

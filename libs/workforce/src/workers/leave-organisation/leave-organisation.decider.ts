import { ConflictError, InvalidInputError } from '../../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import { currentAssignments, currentMembership, type Reach, type WorkerState } from '../worker.js';
import { registeredFor } from '../worker-commands.js';
import type { LeaveOrganisationInput } from './leave-organisation.command.js';

/**
 * Leaving an employer also ends the roles held there, on the same day. A leave is recorded on or after its
 * day, never ahead: the worker is a member until a leave is recorded, for every rule and list alike.
 */
export function decideLeaveOrganisation(
  command: LeaveOrganisationInput,
  state: WorkerState,
  today: string,
  reach: Reach = 'any',
): WorkerEvent[] {
  const worker = registeredFor(state, command.workerId, command.organisationId, reach);
  const membership = currentMembership(worker, command.organisationId);
  if (!membership) throw new ConflictError('organisationId', 'the worker is not a current member of this organisation');
  const to = command.to ?? today;
  if (to > today)
    throw new InvalidInputError('to', `must not be after today (${today}): record a leave on or after its day`);
  if (to < membership.from)
    throw new InvalidInputError('to', `must not be before the membership started (${membership.from})`);
  const ended: WorkerEvent[] = currentAssignments(worker)
    .filter((a) => a.organisationId === command.organisationId)
    .map((a) => ({ type: EV.roleAssignmentEnded, data: { workerId: command.workerId, roleId: a.roleId, to } }));
  return [
    ...ended,
    {
      type: EV.workerLeftOrganisation,
      data: { workerId: command.workerId, organisationId: command.organisationId, to },
    },
  ];
}

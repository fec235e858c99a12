import { ConflictError, InvalidInputError } from '../../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import { currentAssignments, type Reach, type WorkerState } from '../worker.js';
import { registeredFor } from '../worker-commands.js';
import type { EndRoleAssignmentInput } from './end-role-assignment.command.js';

export function decideEndRoleAssignment(
  command: EndRoleAssignmentInput,
  state: WorkerState,
  today: string,
  /** The role's organisation. */
  organisationId?: string,
  reach: Reach = 'any',
): WorkerEvent[] {
  const worker = registeredFor(state, command.workerId, organisationId, reach);
  const assignment = currentAssignments(worker).find((a) => a.roleId === command.roleId);
  if (!assignment) throw new ConflictError('roleId', 'the worker does not currently hold this role');
  const to = command.to ?? today;
  if (to < assignment.from)
    throw new InvalidInputError('to', `must not be before the role started (${assignment.from})`);
  return [{ type: EV.roleAssignmentEnded, data: { workerId: command.workerId, roleId: command.roleId, to } }];
}

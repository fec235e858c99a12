import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import type { JobRoleState } from '../../roles/job-role.js';
import { currentAssignments, currentMembership, type Reach, type WorkerState } from '../worker.js';
import { registeredFor } from '../worker-commands.js';
import type { AssignRoleInput } from './assign-role.command.js';

/**
 * A worker holds one role per employer at a time: a new role there ends the previous one the day it
 * starts. The role must be one of an organisation the worker is a member of.
 */
export function decideAssignRole(
  command: AssignRoleInput,
  state: WorkerState,
  role: JobRoleState,
  today: string,
  reach: Reach = 'any',
): WorkerEvent[] {
  const roleOrganisation = role.status === 'defined' ? role.organisationId : undefined;
  const worker = registeredFor(state, command.workerId, roleOrganisation, reach);
  if (role.status !== 'defined') throw new NotFoundError('roleId', `no job role "${command.roleId}" is defined`);
  const membership = currentMembership(worker, role.organisationId);
  if (!membership)
    throw new ConflictError(
      'roleId',
      `the role belongs to organisation "${role.organisationId}", of which the worker is not a current member`,
    );
  const from = command.from ?? today;
  if (from < membership.from)
    throw new InvalidInputError('from', `must not be before the worker joined the organisation (${membership.from})`);
  const previous = currentAssignments(worker).find((a) => a.organisationId === role.organisationId);
  if (previous?.roleId === command.roleId) throw new ConflictError('roleId', 'the worker already holds this role');
  if (previous && from < previous.from)
    throw new InvalidInputError('from', `must not be before the current role started (${previous.from})`);
  const events: WorkerEvent[] = previous
    ? [{ type: EV.roleAssignmentEnded, data: { workerId: command.workerId, roleId: previous.roleId, to: from } }]
    : [];
  events.push({
    type: EV.roleAssigned,
    data: { workerId: command.workerId, roleId: command.roleId, organisationId: role.organisationId, from },
  });
  return events;
}

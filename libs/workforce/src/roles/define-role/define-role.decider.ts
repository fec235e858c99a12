import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { JOB_ROLE_EVENTS as EV, type JobRoleEvent } from '../job-role.events.js';
import type { JobRoleState } from '../job-role.js';
import type { DefineRoleInput } from './define-role.command.js';

export function decideDefineRole(
  command: DefineRoleInput,
  state: JobRoleState,
  organisationExists: boolean,
): JobRoleEvent[] {
  if (state.status !== 'unknown') throw new ConflictError('id', `job role "${command.roleId}" is already defined`);
  if (!organisationExists)
    throw new NotFoundError('organisationId', `no organisation "${command.organisationId}" is registered`);
  return [{ type: EV.jobRoleDefined, data: { ...command } }];
}

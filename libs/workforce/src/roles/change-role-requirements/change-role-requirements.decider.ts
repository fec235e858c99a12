import { NotFoundError } from '../../domain/errors.js';
import { JOB_ROLE_EVENTS as EV, type JobRoleEvent } from '../job-role.events.js';
import type { JobRoleState } from '../job-role.js';
import type { ChangeRoleRequirementsInput } from './change-role-requirements.command.js';

/** Requirements change over time (a new person specification); the old ones stay in the role's history. */
export function decideChangeRoleRequirements(
  command: ChangeRoleRequirementsInput,
  state: JobRoleState,
): JobRoleEvent[] {
  if (state.status !== 'defined') throw new NotFoundError('roleId', `no job role "${command.roleId}" is defined`);
  const same =
    JSON.stringify([state.name, state.requirements, state.qualifications, state.training]) ===
    JSON.stringify([command.name, command.requirements, command.qualifications, command.training]);
  return same ? [] : [{ type: EV.jobRoleRequirementsChanged, data: { ...command } }];
}

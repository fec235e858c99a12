import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { JOB_ROLE_EVENTS as EV, type JobRoleDetails, type JobRoleEvent } from '../job-role.events.js';
import { body, optionalSlug, text } from '../../domain/input.js';
import type { JobRoleState } from '../job-role.js';
import { parseJobRoleDetails } from '../job-role-details.js';

export interface DefineRoleInput extends JobRoleDetails {
  roleId: string;
  organisationId: string;
}

export function parseDefineRole(input: unknown): DefineRoleInput {
  const b = body(input);
  return {
    roleId: optionalSlug(b, 'id') ?? randomUUID(),
    organisationId: text(b, 'organisationId', 63),
    ...parseJobRoleDetails(b),
  };
}

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

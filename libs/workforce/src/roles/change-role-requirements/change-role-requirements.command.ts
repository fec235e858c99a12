import { Command } from '@nestjs/cqrs';
import type { JobRoleDetails } from '../job-role.events.js';
import { parseBody } from '#libs/platform';
import { changeRoleRequirementsRequest } from '../job-role-details.js';
import type { RoleRequirementsChanged } from './change-role-requirements.response.js';

export interface ChangeRoleRequirementsInput extends JobRoleDetails {
  roleId: string;
}

export function parseChangeRoleRequirements(roleId: string, input: unknown): ChangeRoleRequirementsInput {
  const { id: _id, organisationId: _organisationId, ...details } = parseBody(changeRoleRequirementsRequest, input);
  return { roleId, ...details };
}

/** A learning lead changes a role's requirements; `changed` is false when nothing differs. */
export class ChangeRoleRequirements extends Command<RoleRequirementsChanged> {
  constructor(
    readonly requirements: ChangeRoleRequirementsInput,
    /** The role's organisation, which the asker was allowed to manage: the events' tenant. */
    readonly organisationId: string,
    readonly actor: string,
  ) {
    super();
  }
}

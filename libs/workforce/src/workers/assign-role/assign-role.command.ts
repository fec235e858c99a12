import { Command } from '@nestjs/cqrs';
import type { Reach } from '../worker.js';
import { parseBody } from '#libs/platform';
import { assignRoleRequest } from './assign-role.request.js';

export interface AssignRoleInput {
  workerId: string;
  roleId: string;
  from?: string;
}

export function parseAssignRole(workerId: string, input: unknown): AssignRoleInput {
  return { workerId, ...parseBody(assignRoleRequest, input) };
}

/** A learning lead assigns one of their organisation's job roles to a worker from a date. */
export class AssignRole extends Command<void> {
  constructor(
    readonly assignment: AssignRoleInput,
    /** The role's organisation (undefined: no such role), the events' tenant. */
    readonly organisationId: string | undefined,
    readonly actor: string,
    readonly today: string,
    /** Whose workers the asker may know of (see `registeredFor`). */
    readonly reach: Reach,
  ) {
    super();
  }
}

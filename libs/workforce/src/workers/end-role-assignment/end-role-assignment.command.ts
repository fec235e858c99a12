import { Command } from '@nestjs/cqrs';
import type { Reach } from '../worker.js';
import { parseBody } from '#libs/platform';
import { endRoleAssignmentRequest } from './end-role-assignment.request.js';

export interface EndRoleAssignmentInput {
  workerId: string;
  roleId: string;
  to?: string;
}

export function parseEndRoleAssignment(workerId: string, roleId: string, input: unknown): EndRoleAssignmentInput {
  // No body at all is an empty one; a JSON null is not an object, as the document says.
  return { workerId, roleId, ...parseBody(endRoleAssignmentRequest, input === undefined ? {} : input) };
}

/** A learning lead ends a worker's current assignment to a role of their organisation, on a date. */
export class EndRoleAssignment extends Command<void> {
  constructor(
    readonly assignment: EndRoleAssignmentInput,
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

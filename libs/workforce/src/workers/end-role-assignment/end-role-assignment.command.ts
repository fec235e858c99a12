import { Command } from '@nestjs/cqrs';
import type { EndRoleAssignmentInput } from './end-role-assignment.decider.js';

/** A learning lead ends a worker's current assignment to a role of their organisation, on a date. */
export class EndRoleAssignment extends Command<void> {
  constructor(
    readonly assignment: EndRoleAssignmentInput,
    /** The role's organisation (undefined: no such role), the events' tenant. */
    readonly organisationId: string | undefined,
    readonly actor: string,
    readonly today: string,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { AssignRoleInput } from './assign-role.decider.js';

/** A learning lead assigns one of their organisation's job roles to a worker from a date. */
export class AssignRole extends Command<void> {
  constructor(
    readonly assignment: AssignRoleInput,
    /** The role's organisation (undefined: no such role), the events' tenant. */
    readonly organisationId: string | undefined,
    readonly actor: string,
    readonly today: string,
  ) {
    super();
  }
}

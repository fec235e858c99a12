import { Command } from '@nestjs/cqrs';
import type { Reach } from '../worker.js';
import { body, optionalDate, text } from '../../domain/input.js';

export interface AssignRoleInput {
  workerId: string;
  roleId: string;
  from?: string;
}

export function parseAssignRole(workerId: string, input: unknown): AssignRoleInput {
  const b = body(input);
  return { workerId, roleId: text(b, 'roleId', 63), from: optionalDate(b, 'from') };
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

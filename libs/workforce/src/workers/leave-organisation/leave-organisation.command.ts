import { Command } from '@nestjs/cqrs';
import type { LeaveOrganisationInput } from './leave-organisation.decider.js';

/** A learning lead ends a worker's membership of their organisation (the roles held there end too). */
export class LeaveOrganisation extends Command<void> {
  constructor(
    readonly membership: LeaveOrganisationInput,
    readonly actor: string,
    readonly today: string,
  ) {
    super();
  }
}

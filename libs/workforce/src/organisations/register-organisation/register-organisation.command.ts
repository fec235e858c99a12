import { Command } from '@nestjs/cqrs';
import type { RegisterOrganisationInput } from './register-organisation.decider.js';

/** A platform admin registers an employer under an id of their choosing or a generated one. */
export class RegisterOrganisation extends Command<{ id: string }> {
  constructor(
    readonly organisation: Required<RegisterOrganisationInput>,
    readonly actor: string,
  ) {
    super();
  }
}

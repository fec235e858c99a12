import { Command } from '@nestjs/cqrs';
import type { ChangeOrganisationDetailsInput } from './change-organisation-details.decider.js';

/** Its learning lead (or a platform admin) changes an organisation's profile; `changed` is false when nothing differs. */
export class ChangeOrganisationDetails extends Command<{ id: string; changed: boolean }> {
  constructor(
    readonly details: ChangeOrganisationDetailsInput,
    readonly actor: string,
  ) {
    super();
  }
}

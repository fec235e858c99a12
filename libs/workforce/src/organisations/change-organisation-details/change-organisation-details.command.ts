import { Command } from '@nestjs/cqrs';
import type { OrganisationDetails } from '../organisation.events.js';
import { body } from '../../domain/input.js';
import { parseOrganisationDetails } from '../organisation-details.js';
import type { OrganisationDetailsChanged } from './change-organisation-details.response.js';

export type ChangeOrganisationDetailsInput = OrganisationDetails & { organisationId: string };

export function parseChangeOrganisationDetails(organisationId: string, input: unknown): ChangeOrganisationDetailsInput {
  return { organisationId, ...parseOrganisationDetails(body(input)) };
}

/** Its learning lead (or a platform admin) changes an organisation's profile; `changed` is false when nothing differs. */
export class ChangeOrganisationDetails extends Command<OrganisationDetailsChanged> {
  constructor(
    readonly details: ChangeOrganisationDetailsInput,
    readonly actor: string,
  ) {
    super();
  }
}

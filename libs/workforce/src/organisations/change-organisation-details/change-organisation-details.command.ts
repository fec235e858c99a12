import { Command } from '@nestjs/cqrs';
import type { OrganisationDetails } from '../organisation.events.js';
import { parseBody } from '#libs/platform';
import { changeOrganisationDetailsRequest } from './change-organisation-details.request.js';
import type { OrganisationDetailsChanged } from './change-organisation-details.response.js';

export type ChangeOrganisationDetailsInput = OrganisationDetails & { organisationId: string };

export function parseChangeOrganisationDetails(organisationId: string, input: unknown): ChangeOrganisationDetailsInput {
  const { id: _ignored, ...details } = parseBody(changeOrganisationDetailsRequest, input);
  return { organisationId, ...details };
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

import { Command } from '@nestjs/cqrs';
import type { OrganisationDetails } from '../organisation.events.js';
import { parseBody } from '#libs/platform';
import { registerOrganisationRequest } from './register-organisation.request.js';
import type { OrganisationRegistered } from './register-organisation.response.js';

export interface RegisterOrganisationInput extends OrganisationDetails {
  /** Chosen by the caller (so it can match the organisation id of its LRS clients) or generated. */
  organisationId?: string;
}

export function parseRegisterOrganisation(input: unknown): RegisterOrganisationInput {
  const { id, ...details } = parseBody(registerOrganisationRequest, input);
  return { organisationId: id, ...details };
}

/** A platform admin registers an employer under an id of their choosing or a generated one. */
export class RegisterOrganisation extends Command<OrganisationRegistered> {
  constructor(
    readonly organisation: Required<RegisterOrganisationInput>,
    readonly actor: string,
  ) {
    super();
  }
}

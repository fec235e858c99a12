import { ConflictError } from '../../domain/errors.js';
import { ORGANISATION_EVENTS as EV, type OrganisationDetails, type OrganisationEvent } from '../organisation.events.js';
import { body, optionalSlug } from '../../domain/input.js';
import type { OrganisationState } from '../organisation.js';
import { parseOrganisationDetails } from '../organisation-details.js';

export interface RegisterOrganisationInput extends OrganisationDetails {
  /** Chosen by the caller (so it can match the organisation id of its LRS clients) or generated. */
  organisationId?: string;
}

export function parseRegisterOrganisation(input: unknown): RegisterOrganisationInput {
  const b = body(input);
  return { organisationId: optionalSlug(b, 'id'), ...parseOrganisationDetails(b) };
}

export function decideRegisterOrganisation(
  command: Required<RegisterOrganisationInput>,
  state: OrganisationState,
): OrganisationEvent[] {
  if (state.status !== 'unknown')
    throw new ConflictError('id', `organisation "${command.organisationId}" is already registered`);
  return [{ type: EV.organisationRegistered, data: { ...command } }];
}

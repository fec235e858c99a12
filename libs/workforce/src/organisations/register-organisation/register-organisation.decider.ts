import { ConflictError } from '../../domain/errors.js';
import { ORGANISATION_EVENTS as EV, type OrganisationEvent } from '../organisation.events.js';
import type { OrganisationState } from '../organisation.js';
import type { RegisterOrganisationInput } from './register-organisation.command.js';

export function decideRegisterOrganisation(
  command: Required<RegisterOrganisationInput>,
  state: OrganisationState,
): OrganisationEvent[] {
  if (state.status !== 'unknown')
    throw new ConflictError('id', `organisation "${command.organisationId}" is already registered`);
  return [{ type: EV.organisationRegistered, data: { ...command } }];
}

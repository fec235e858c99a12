import { NotFoundError } from '../../domain/errors.js';
import { ORGANISATION_EVENTS as EV, type OrganisationEvent } from '../organisation.events.js';
import type { OrganisationState } from '../organisation.js';
import type { ChangeOrganisationDetailsInput } from './change-organisation-details.command.js';

/** Changing nothing records nothing: the history of an organisation's profile holds real changes only. */
export function decideChangeOrganisationDetails(
  command: ChangeOrganisationDetailsInput,
  state: OrganisationState,
): OrganisationEvent[] {
  if (state.status !== 'registered')
    throw new NotFoundError('organisationId', `no organisation "${command.organisationId}" is registered`);
  const fields = ['name', 'sector', 'region', 'serviceType', 'sizeBand'] as const;
  const unchanged = fields.every((k) => command[k] === state[k]);
  return unchanged ? [] : [{ type: EV.organisationDetailsChanged, data: { ...command } }];
}

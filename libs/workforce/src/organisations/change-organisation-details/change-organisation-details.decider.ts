import { NotFoundError } from '../../domain/errors.js';
import { ORGANISATION_EVENTS as EV, type OrganisationDetails, type OrganisationEvent } from '../organisation.events.js';
import { body } from '../../domain/input.js';
import type { OrganisationState } from '../organisation.js';
import { parseOrganisationDetails } from '../organisation-details.js';

export type ChangeOrganisationDetailsInput = OrganisationDetails & { organisationId: string };

export function parseChangeOrganisationDetails(organisationId: string, input: unknown): ChangeOrganisationDetailsInput {
  return { organisationId, ...parseOrganisationDetails(body(input)) };
}

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

import { ORGANISATION_EVENTS as EV, type OrganisationDetails, type OrganisationEvent } from './organisation.events.js';

export type OrganisationState =
  { status: 'unknown' } | ({ status: 'registered'; organisationId: string } & OrganisationDetails);

export const initialOrganisation = (): OrganisationState => ({ status: 'unknown' });

export function evolveOrganisation(_state: OrganisationState, event: OrganisationEvent): OrganisationState {
  switch (event.type) {
    case EV.organisationRegistered:
    case EV.organisationDetailsChanged: {
      const { organisationId, name, sector, region, serviceType, sizeBand } = event.data;
      return { status: 'registered', organisationId, name, sector, region, serviceType, sizeBand };
    }
  }
}

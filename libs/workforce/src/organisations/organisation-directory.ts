import { organisationStream } from './organisation.events.js';
import type { WorkforceStreams } from '../shared/workforce-streams.service.js';
import { evolveOrganisation, initialOrganisation } from './organisation.js';

/** The default organisation of the bootstrap LRS client: it exists without being registered. */
const DEFAULT_ORGANISATION_ID = 'default';

/** Whether an organisation is registered, read from its stream (so it is true as soon as the registration is answered). */
export async function isRegisteredOrganisation(streams: WorkforceStreams, organisationId: string): Promise<boolean> {
  const { state } = await streams.load(organisationStream(organisationId), initialOrganisation, evolveOrganisation);
  return state.status === 'registered';
}

/** Whether workers may belong to it: a registered organisation, or the bootstrap client's `default`. */
export async function organisationExists(streams: WorkforceStreams, organisationId: string): Promise<boolean> {
  return organisationId === DEFAULT_ORGANISATION_ID || isRegisteredOrganisation(streams, organisationId);
}

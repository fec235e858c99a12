import type { CommandBus } from '../http/command-bus.service.js';
import { organisationStream } from '../domain/events.js';
import { evolveOrganisation, initialOrganisation } from './organisation.js';

/** Whether an organisation is registered, read from its stream (so it is true as soon as the registration is answered). */
export async function isRegisteredOrganisation(commands: CommandBus, organisationId: string): Promise<boolean> {
  const { state } = await commands.load(organisationStream(organisationId), initialOrganisation, evolveOrganisation);
  return state.status === 'registered';
}

import { lrsClientRegistered, type LrsClientRegistered } from '../lrs-client.events.js';
import type { RegisterLrsClient } from './register-lrs-client.command.js';

/**
 * A new client is always registered (the body was checked, the organisation by the route): the event
 * names it, its key, organisation and scopes. The secret is not an input, so it cannot enter the log.
 */
export function decideRegisterLrsClient(
  command: RegisterLrsClient,
  identity: { clientId: string; key: string },
): LrsClientRegistered {
  const { name, organisationId, scopes } = command.client;
  return lrsClientRegistered({ clientId: identity.clientId, key: identity.key, name, organisationId, scopes });
}

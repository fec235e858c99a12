import { LRS_CLIENT_EVENTS, type LrsClientRevoked } from '../lrs-client.events.js';
import type { RevokeLrsClient } from './revoke-lrs-client.command.js';

/** What revocation depends on, read from the client's locked `lrs_clients` row (the authoritative store). */
export interface RevocableClient {
  key: string;
  organisationId: string;
  revoked: boolean;
}

export type RevokeResult = 'revoked' | 'already-revoked' | 'not-found';

export type RevokeDecision =
  { result: 'revoked'; events: [LrsClientRevoked] } | { result: 'already-revoked' | 'not-found'; events: [] };

/**
 * Idempotent: revoking a revoked client changes nothing and records nothing. A client of another
 * organisation than the command's is not found, so a route scoped to one organisation cannot tell it exists.
 */
export function decideRevokeLrsClient(command: RevokeLrsClient, client: RevocableClient | undefined): RevokeDecision {
  if (!client || (command.organisationId !== undefined && client.organisationId !== command.organisationId)) {
    return { result: 'not-found', events: [] };
  }
  if (client.revoked) return { result: 'already-revoked', events: [] };
  const data = { clientId: command.clientId, key: client.key, organisationId: client.organisationId };
  return { result: 'revoked', events: [{ type: LRS_CLIENT_EVENTS.revoked, version: 1, data }] };
}

import type { EventStore } from '#libs/event-store';
import type { LrsScope } from './lrs-principal.js';

/** The history of LRS clients; never the secret or its hash (the log is immutable, replayed and exported). */
export const LRS_CLIENT_EVENTS = {
  registered: 'xapi.LrsClientRegistered',
  revoked: 'xapi.LrsClientRevoked',
  updated: 'xapi.LrsClientUpdated',
} as const;

export interface LrsClientRegistered {
  type: typeof LRS_CLIENT_EVENTS.registered;
  version: 1;
  data: { clientId: string; key: string; name: string; organisationId: string; scopes: LrsScope[] };
}

export interface LrsClientRevoked {
  type: typeof LRS_CLIENT_EVENTS.revoked;
  version: 1;
  data: { clientId: string; key: string; organisationId: string };
}

export interface LrsClientUpdated {
  type: typeof LRS_CLIENT_EVENTS.updated;
  version: 1;
  data: { clientId: string; key: string; organisationId: string; scopes: LrsScope[]; changes: string[] };
}

export type LrsClientEvent = LrsClientRegistered | LrsClientRevoked | LrsClientUpdated;

export function lrsClientStreamId(clientId: string): string {
  return `xapi-lrs-client-${clientId}`;
}

export function lrsClientRegistered(data: LrsClientRegistered['data']): LrsClientRegistered {
  return { type: LRS_CLIENT_EVENTS.registered, version: 1, data };
}

/**
 * Appends to the client's stream, tenant = its organisation. Called while the `lrs_clients` row's
 * transaction is open, so a failed append leaves no row (see LrsClientsService).
 */
export async function appendLrsClientEvents(
  store: EventStore,
  client: { clientId: string; organisationId: string },
  actor: string,
  events: LrsClientEvent[],
  expectedRevision: 'no_stream' | 'stream_exists' = 'stream_exists',
): Promise<void> {
  await store.append({
    streamId: lrsClientStreamId(client.clientId),
    expectedRevision,
    events: events.map((event) => ({ ...event, metadata: { tenantId: client.organisationId, actor } })),
  });
}

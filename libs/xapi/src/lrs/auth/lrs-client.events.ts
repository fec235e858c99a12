import type pg from 'pg';
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
 * Appends to the client's stream, tenant = its organisation, inside the transaction that writes the
 * `lrs_clients` row (see EventStore.appendWithin): the row and its event commit together or not at all,
 * even if the process is killed between them. Called after the row's last write.
 */
export async function appendLrsClientEvents(
  store: EventStore,
  transaction: pg.ClientBase,
  client: { clientId: string; organisationId: string },
  actor: string,
  events: LrsClientEvent[],
  expectedRevision: 'no_stream' | 'stream_exists' = 'stream_exists',
): Promise<void> {
  await store.appendWithin(transaction, {
    streamId: lrsClientStreamId(client.clientId),
    expectedRevision,
    events: events.map((event) => ({ ...event, metadata: { tenantId: client.organisationId, actor } })),
  });
}

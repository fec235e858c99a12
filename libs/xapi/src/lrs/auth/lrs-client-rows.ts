import type { z } from 'zod';
import type { createdLrsClientResponse, lrsClientResponse } from './lrs-client.response.js';
import type { LrsScope } from './lrs-principal.js';

/** A row of `lrs_clients`, the authoritative credential store (see LrsClientsService). */
export interface ClientRow {
  id: string;
  key: string;
  secret_hash: string;
  name: string;
  organisation_id: string;
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
}

export type LrsClientView = z.output<typeof lrsClientResponse>;

/** Shown once, on creation: only the hash is kept. */
export type CreatedLrsClient = z.output<typeof createdLrsClientResponse>;

export function toView(row: ClientRow): LrsClientView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    organisationId: row.organisation_id,
    scopes: row.scopes as LrsScope[],
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Client ids are uuids: anything else names no client (and would be an error in SQL). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type pg from 'pg';
import { inTransaction } from '#libs/database';
import type { EventStore, NewEvent } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { encodeClientCursor, type ClientPage } from './lrs-client-page.js';
import { LrsCredentialCache } from './lrs-credential-cache.js';
import { DEFAULT_ORGANISATION_ID, type NewLrsClient } from './lrs-client-input.js';
import { clientAuthority, LRS_CLIENT_HOME_PAGE, type LrsPrincipal, type LrsScope } from './lrs-principal.js';
import { hashSecret, newClientKey, newClientSecret, secretDigest, verifySecret } from './lrs-secret.js';

export const LRS_AUTH_OPTIONS = Symbol('LrsAuthOptions');

export interface LrsAuthOptions {
  /** How long a successful verification is reused without scrypt; default 60 s. 0 turns the cache off. */
  cacheTtlMs?: number;
  /** `account.homePage` of client authorities; default `urn:continuum:lrs-client`. */
  authorityHomePage?: string;
}

export interface LrsClientView {
  id: string;
  key: string;
  name: string;
  organisationId: string;
  scopes: LrsScope[];
  createdAt: string;
  revokedAt: string | null;
}

/** Shown once, on creation: only the hash is kept. */
export interface CreatedLrsClient extends LrsClientView {
  secret: string;
}

/** One page of an organisation's clients, oldest first; `next` is the cursor of the page after, if any. */
export interface LrsClientPage {
  organisationId: string;
  clients: LrsClientView[];
  next: string | null;
}

export type RevokeResult = 'revoked' | 'already-revoked' | 'not-found';
export type BootstrapResult = 'created' | 'updated' | 'unchanged';

export const BOOTSTRAP_CLIENT_NAME = 'Bootstrap client';
export const LRS_CLIENT_EVENTS = {
  registered: 'xapi.LrsClientRegistered',
  revoked: 'xapi.LrsClientRevoked',
  updated: 'xapi.LrsClientUpdated',
} as const;

interface ClientRow {
  id: string;
  key: string;
  secret_hash: string;
  name: string;
  organisation_id: string;
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
}

/** created_at in whole microseconds (its full precision), so a page cursor resumes exactly after its row. */
const CREATED_MICROS = '(extract(epoch from created_at) * 1000000)::bigint';

/** Serialises bootstrap across API processes starting at once. */
const BOOTSTRAP_LOCK = 7_246_101;

/**
 * LRS client credentials.
 *
 * The `lrs_clients` table is the authoritative credential store, written in the same request (and
 * transaction) as the event that records the change: authentication must see a new or revoked client
 * at once (a projection would lag the log), and secret hashes must not enter the log, which is
 * immutable, replayed and exported. The events `xapi.LrsClientRegistered/Revoked/Updated` (never with
 * the secret or its hash) keep the history. The event is appended while the row's transaction is open,
 * so a failed append leaves no row; only a failed commit after a successful append could leave an event
 * without a row, and then no credential exists (the table decides).
 *
 * Verification cost: successful verifications are cached in memory for `cacheTtlMs` (60 s). A revocation
 * takes effect at once in the process that revoked; other API processes may accept the revoked (or
 * re-secreted) credentials until their cache entry expires, i.e. for at most the TTL.
 */
@Injectable()
export class LrsClientsService {
  private readonly cache: LrsCredentialCache;
  private readonly pending = new Map<string, Promise<LrsPrincipal | undefined>>();
  private readonly homePage: string;
  private dummyHash?: Promise<string>;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(LRS_AUTH_OPTIONS) options?: LrsAuthOptions,
  ) {
    this.cache = new LrsCredentialCache(options?.cacheTtlMs ?? 60_000);
    this.homePage = options?.authorityHomePage ?? LRS_CLIENT_HOME_PAGE;
  }

  async create(input: NewLrsClient, actor = 'admin'): Promise<CreatedLrsClient> {
    const id = randomUUID();
    const key = newClientKey();
    const secret = newClientSecret();
    const secretHash = await hashSecret(secret);
    const row = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ClientRow>(
        `insert into lrs_clients (id, key, secret_hash, name, organisation_id, scopes)
         values ($1, $2, $3, $4, $5, $6) returning *`,
        [id, key, secretHash, input.name, input.organisationId, input.scopes],
      );
      await this.record(id, input.organisationId, actor, registeredEvent(rows[0]), 'no_stream');
      return rows[0];
    });
    return { ...toView(row), secret };
  }

  async list(filter: { organisationId?: string } = {}): Promise<LrsClientView[]> {
    const { rows } = await this.pool.query<ClientRow>(
      `select * from lrs_clients where ($1::text is null or organisation_id = $1) order by created_at, id`,
      [filter.organisationId ?? null],
    );
    return rows.map(toView);
  }

  /** An organisation's clients, revoked ones included, oldest first, `page.limit` at a time (see lrs-client-page). */
  async listPage(organisationId: string, page: ClientPage): Promise<LrsClientPage> {
    const { rows } = await this.pool.query<ClientRow & { position: string }>(
      `select *, ${CREATED_MICROS}::text as position from lrs_clients
       where organisation_id = $1 and ($2::bigint is null or (${CREATED_MICROS}, id) > ($2::bigint, $3::uuid))
       order by created_at, id limit $4`,
      [organisationId, page.after?.createdMicros ?? null, page.after?.id ?? null, page.limit + 1],
    );
    const clients = rows.slice(0, page.limit);
    const last = clients[clients.length - 1];
    const more = rows.length > page.limit;
    return {
      organisationId,
      clients: clients.map(toView),
      next: more && last ? encodeClientCursor({ createdMicros: last.position, id: last.id }) : null,
    };
  }

  async get(id: string): Promise<LrsClientView | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.pool.query<ClientRow>('select * from lrs_clients where id = $1', [id]);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  /**
   * Idempotent: revoking a revoked client changes nothing and records nothing. With `organisationId`, a
   * client of another organisation is 'not-found', as an unknown id is, so its existence does not show.
   */
  async revoke(id: string, actor = 'admin', organisationId?: string): Promise<RevokeResult> {
    if (!isUuid(id)) return 'not-found';
    const result = await inTransaction(this.pool, async (client): Promise<RevokeResult> => {
      const { rows } = await client.query<ClientRow>('select * from lrs_clients where id = $1 for update', [id]);
      const row = rows[0];
      if (!row || (organisationId !== undefined && row.organisation_id !== organisationId)) return 'not-found';
      if (row.revoked_at) return 'already-revoked';
      await client.query('update lrs_clients set revoked_at = now() where id = $1', [id]);
      await this.record(id, row.organisation_id, actor, {
        type: LRS_CLIENT_EVENTS.revoked,
        data: { clientId: id, key: row.key, organisationId: row.organisation_id },
      });
      return 'revoked';
    });
    // After the commit: a verification that read the row before it must not re-cache it (see the cache).
    this.cache.invalidateClient(id);
    return result;
  }

  /**
   * The principal for Basic credentials, or undefined when they match no active client. Concurrent
   * requests with the same credentials share one verification.
   */
  async authenticate(key: string, secret: string): Promise<LrsPrincipal | undefined> {
    const cacheKey = `${key}\u0000${secretDigest(secret)}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const inFlight = this.pending.get(cacheKey);
    if (inFlight) return inFlight;
    const generation = this.cache.generation;
    const verification = this.verify(key, secret)
      .then((principal) => {
        if (principal) this.cache.set(cacheKey, principal, generation);
        return principal;
      })
      .finally(() => this.pending.delete(cacheKey));
    this.pending.set(cacheKey, verification);
    return verification;
  }

  /**
   * Makes sure the client `key` exists with this secret, scope `all` and not revoked; creates it in the
   * default organisation when absent. Safe when many processes start at once (an advisory lock orders
   * them) and across restarts (a matching client is left as it is).
   */
  async ensureBootstrapClient(key: string, secret: string): Promise<BootstrapResult> {
    const outcome = await inTransaction(this.pool, async (client) => {
      await client.query('select pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const { rows } = await client.query<ClientRow>('select * from lrs_clients where key = $1 for update', [key]);
      const existing = rows[0];
      if (!existing) return { result: 'created' as const, id: await this.insertBootstrapClient(client, key, secret) };
      const changes = await bootstrapChanges(existing, secret);
      if (changes.length === 0) return { result: 'unchanged' as const, id: existing.id };
      const secretHash = changes.includes('secret') ? await hashSecret(secret) : existing.secret_hash;
      await client.query(`update lrs_clients set secret_hash = $2, scopes = '{all}', revoked_at = null where id = $1`, [
        existing.id,
        secretHash,
      ]);
      await this.record(existing.id, existing.organisation_id, 'system', {
        type: LRS_CLIENT_EVENTS.updated,
        data: { clientId: existing.id, key, organisationId: existing.organisation_id, scopes: ['all'], changes },
      });
      return { result: 'updated' as const, id: existing.id };
    });
    this.cache.invalidateClient(outcome.id);
    return outcome.result;
  }

  private async insertBootstrapClient(client: pg.PoolClient, key: string, secret: string): Promise<string> {
    const id = randomUUID();
    const { rows } = await client.query<ClientRow>(
      `insert into lrs_clients (id, key, secret_hash, name, organisation_id, scopes)
       values ($1, $2, $3, $4, $5, '{all}') returning *`,
      [id, key, await hashSecret(secret), BOOTSTRAP_CLIENT_NAME, DEFAULT_ORGANISATION_ID],
    );
    await this.record(id, DEFAULT_ORGANISATION_ID, 'system', registeredEvent(rows[0]), 'no_stream');
    return id;
  }

  private async verify(key: string, secret: string): Promise<LrsPrincipal | undefined> {
    const { rows } = await this.pool.query<ClientRow>('select * from lrs_clients where key = $1', [key]);
    const row = rows[0];
    if (!row) {
      // Spend the same time as for a known key, so response times do not tell which keys exist.
      await verifySecret(secret, await this.dummySecretHash());
      return undefined;
    }
    if (row.revoked_at || !(await verifySecret(secret, row.secret_hash))) return undefined;
    return {
      clientId: row.id,
      key: row.key,
      name: row.name,
      organisationId: row.organisation_id,
      scopes: row.scopes as LrsScope[],
      authority: clientAuthority(row, this.homePage),
    };
  }

  private dummySecretHash(): Promise<string> {
    this.dummyHash ??= hashSecret(newClientSecret());
    return this.dummyHash;
  }

  private async record(
    clientId: string,
    organisationId: string,
    actor: string,
    event: Omit<NewEvent, 'metadata'>,
    expectedRevision: 'no_stream' | 'stream_exists' = 'stream_exists',
  ): Promise<void> {
    await this.store.append({
      streamId: lrsClientStreamId(clientId),
      expectedRevision,
      events: [{ ...event, version: 1, metadata: { tenantId: organisationId, actor } }],
    });
  }
}

export function lrsClientStreamId(clientId: string): string {
  return `xapi-lrs-client-${clientId}`;
}

function registeredEvent(row: ClientRow): Omit<NewEvent, 'metadata'> {
  return {
    type: LRS_CLIENT_EVENTS.registered,
    data: { clientId: row.id, key: row.key, name: row.name, organisationId: row.organisation_id, scopes: row.scopes },
  };
}

async function bootstrapChanges(row: ClientRow, secret: string): Promise<string[]> {
  const changes: string[] = [];
  if (!(await verifySecret(secret, row.secret_hash))) changes.push('secret');
  if (row.scopes.length !== 1 || row.scopes[0] !== 'all') changes.push('scopes');
  if (row.revoked_at) changes.push('reinstated');
  return changes;
}

function toView(row: ClientRow): LrsClientView {
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

function isUuid(value: string): boolean {
  return UUID.test(value);
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type pg from 'pg';
import { inTransaction } from '#libs/database';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { LrsCredentialCache } from './lrs-credential-cache.js';
import { DEFAULT_ORGANISATION_ID } from './lrs-client-input.js';
import {
  appendLrsClientEvents,
  LRS_CLIENT_EVENTS,
  lrsClientRegistered,
  type LrsClientEvent,
} from './lrs-client.events.js';
import type { ClientRow } from './lrs-client-rows.js';
import { clientAuthority, LRS_CLIENT_HOME_PAGE, type LrsPrincipal, type LrsScope } from './lrs-principal.js';
import { hashSecret, secretDigest, unmatchableSecretHash, verifySecret } from './lrs-secret.js';

export const LRS_AUTH_OPTIONS = Symbol('LrsAuthOptions');

export interface LrsAuthOptions {
  /** How long a successful verification is reused without scrypt; default 60 s. 0 turns the cache off. */
  cacheTtlMs?: number;
  /** `account.homePage` of client authorities; default `urn:continuum:lrs-client`. */
  authorityHomePage?: string;
}

export type BootstrapResult = 'created' | 'updated' | 'unchanged';

export const BOOTSTRAP_CLIENT_NAME = 'Bootstrap client';

/** Serialises bootstrap across API processes starting at once. */
const BOOTSTRAP_LOCK = 7_246_101;

/**
 * LRS client credentials: Basic verification and the bootstrap client. Registering, revoking and listing
 * are commands and queries (register-lrs-client/, revoke-lrs-client/, list-*-lrs-clients/).
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
 * re-secreted) credentials until their cache entry expires, i.e. for at most the TTL. An expired entry is
 * renewed from the row without a hash while the row keeps the hash it matched and is not revoked.
 */
@Injectable()
export class LrsClientsService {
  private readonly cache: LrsCredentialCache;
  private readonly pending = new Map<string, Promise<LrsPrincipal | undefined>>();
  private readonly homePage: string;
  /** What an unknown key's secret is checked against, at the cost of a real check. */
  private readonly unknownKeyHash = unmatchableSecretHash();

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(LRS_AUTH_OPTIONS) options?: LrsAuthOptions,
  ) {
    this.cache = new LrsCredentialCache(options?.cacheTtlMs ?? 60_000);
    this.homePage = options?.authorityHomePage ?? LRS_CLIENT_HOME_PAGE;
  }

  /**
   * Drops a client's cached verifications in this process at once (after its revocation commits); other
   * processes keep theirs until the TTL passes.
   */
  forget(clientId: string): void {
    this.cache.invalidateClient(clientId);
  }

  /**
   * The principal for Basic credentials, or undefined when they match no active client. Concurrent
   * requests with the same credentials share one verification. A cached verification costs no hash, so
   * a client already verified is unaffected by a flood of others; an uncached one may be refused with
   * SecretHashingBusy (too many hashes wait), whatever the key and secret: the refusal reveals nothing.
   */
  async authenticate(key: string, secret: string): Promise<LrsPrincipal | undefined> {
    const cacheKey = `${key}\u0000${secretDigest(secret)}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const inFlight = this.pending.get(cacheKey);
    if (inFlight) return inFlight;
    const generation = this.cache.generation;
    const verification = this.verify(key, secret, this.cache.verifiedHash(cacheKey))
      .then((verified) => {
        if (!verified) return undefined;
        this.cache.set(cacheKey, verified.principal, generation, verified.secretHash);
        return verified.principal;
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
      const organisationId = existing.organisation_id;
      const updated: LrsClientEvent = {
        type: LRS_CLIENT_EVENTS.updated,
        version: 1,
        data: { clientId: existing.id, key, organisationId, scopes: ['all'], changes },
      };
      await appendLrsClientEvents(this.store, client, updated.data, 'system', [updated]);
      return { result: 'updated' as const, id: existing.id };
    });
    this.cache.invalidateClient(outcome.id);
    return outcome.result;
  }

  private async insertBootstrapClient(client: pg.PoolClient, key: string, secret: string): Promise<string> {
    const id = randomUUID();
    await client.query(
      `insert into lrs_clients (id, key, secret_hash, name, organisation_id, scopes)
       values ($1, $2, $3, $4, $5, '{all}')`,
      [id, key, await hashSecret(secret), BOOTSTRAP_CLIENT_NAME, DEFAULT_ORGANISATION_ID],
    );
    const registered = lrsClientRegistered({
      clientId: id,
      key,
      name: BOOTSTRAP_CLIENT_NAME,
      organisationId: DEFAULT_ORGANISATION_ID,
      scopes: ['all'],
    });
    await appendLrsClientEvents(this.store, client, registered.data, 'system', [registered], 'no_stream');
    return id;
  }

  /**
   * `verifiedHash`: the stored hash these very credentials matched before (an expired cache entry). While
   * the row still holds it, unrevoked, the secret still matches: renewed from the row (scopes as they are
   * now) without a hash, so a client verified before a flood of others is not refused once its entry
   * expires. Only credentials that were right reach that path, so it tells an attacker nothing.
   */
  private async verify(
    key: string,
    secret: string,
    verifiedHash: string | undefined,
  ): Promise<{ principal: LrsPrincipal; secretHash: string } | undefined> {
    const { rows } = await this.pool.query<ClientRow>('select * from lrs_clients where key = $1', [key]);
    const row = rows[0];
    if (row && !row.revoked_at && verifiedHash !== undefined && row.secret_hash === verifiedHash)
      return { principal: this.principalOf(row), secretHash: row.secret_hash };
    // Every key costs one hash, checked or refused alike (unknown and revoked ones too), so neither the
    // response time nor a 503 when too many hashes wait tells which keys exist or are revoked.
    const matches = await verifySecret(secret, row?.secret_hash ?? this.unknownKeyHash);
    if (!row || row.revoked_at || !matches) return undefined;
    return { principal: this.principalOf(row), secretHash: row.secret_hash };
  }

  private principalOf(row: ClientRow): LrsPrincipal {
    return {
      clientId: row.id,
      key: row.key,
      name: row.name,
      organisationId: row.organisation_id,
      scopes: row.scopes as LrsScope[],
      authority: clientAuthority(row, this.homePage),
    };
  }
}

async function bootstrapChanges(row: ClientRow, secret: string): Promise<string[]> {
  const changes: string[] = [];
  if (!(await verifySecret(secret, row.secret_hash))) changes.push('secret');
  if (row.scopes.length !== 1 || row.scopes[0] !== 'all') changes.push('scopes');
  if (row.revoked_at) changes.push('reinstated');
  return changes;
}

import type { LrsPrincipal } from './lrs-principal.js';

interface Entry {
  principal: LrsPrincipal;
  expiresAt: number;
  /** The stored hash the secret was verified against: while the row keeps it, the secret still matches. */
  secretHash?: string;
}

/**
 * Successful Basic verifications, keyed by key + sha256(secret), for a short time: a scrypt per request
 * (~50 ms of CPU) would cap ingest far below 7,500 statements/s. Revocation in this process drops a
 * client's entries at once; other processes keep them until their TTL passes (documented on the service).
 */
export class LrsCredentialCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped on every invalidation, so a verification that read the row before it does not re-cache it. */
  private generationCounter = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get generation(): number {
    return this.generationCounter;
  }

  get(cacheKey: string): LrsPrincipal | undefined {
    const entry = this.entries.get(cacheKey);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      // Kept when it can be renewed without a hash (verifiedHash); dropped with its client or the oldest.
      if (entry.secretHash === undefined) this.entries.delete(cacheKey);
      return undefined;
    }
    return entry.principal;
  }

  /** The stored hash an expired (or current) verification matched, to renew it from the row without a hash. */
  verifiedHash(cacheKey: string): string | undefined {
    return this.entries.get(cacheKey)?.secretHash;
  }

  /** Stores only when nothing was invalidated since `generation` was read. */
  set(cacheKey: string, principal: LrsPrincipal, generation: number, secretHash?: string): void {
    if (this.ttlMs <= 0 || generation !== this.generationCounter) return;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(cacheKey);
    this.entries.set(cacheKey, { principal, expiresAt: this.now() + this.ttlMs, secretHash });
  }

  invalidateClient(clientId: string): void {
    this.generationCounter += 1;
    for (const [cacheKey, entry] of this.entries) {
      if (entry.principal.clientId === clientId) this.entries.delete(cacheKey);
    }
  }

  clear(): void {
    this.generationCounter += 1;
    this.entries.clear();
  }
}

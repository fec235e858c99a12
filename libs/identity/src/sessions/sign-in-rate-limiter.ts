export interface RateLimitOptions {
  /** Failures allowed within the window before sign-in is refused; default 10. */
  maxFailures?: number;
  /** Default 15 minutes. */
  windowMs?: number;
  /** Bounds memory under a flood of distinct keys; the oldest entries go first. Default 100,000. */
  maxKeys?: number;
}

/**
 * Failed sign-ins per email+IP in a fixed window, in this process's memory. Per email+IP so that an
 * attacker cannot lock a user out from elsewhere by failing on purpose; per process because API
 * processes are stateless — with N processes behind a balancer the effective limit is up to N×, which
 * still turns online guessing against a 12-character password hopeless.
 */
export class SignInRateLimiter {
  private readonly failures = new Map<string, { count: number; windowEndsAt: number }>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(options: RateLimitOptions = {}, private readonly now: () => number = Date.now) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Seconds until sign-in may be tried again, or 0 when it may be tried now. */
  retryAfterSeconds(email: string, ip: string): number {
    const entry = this.current(limiterKey(email, ip));
    if (!entry || entry.count < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((entry.windowEndsAt - this.now()) / 1000));
  }

  recordFailure(email: string, ip: string): void {
    const key = limiterKey(email, ip);
    const entry = this.current(key);
    if (entry) {
      entry.count += 1;
      return;
    }
    this.evictOldestIfFull();
    this.failures.set(key, { count: 1, windowEndsAt: this.now() + this.windowMs });
  }

  /** A correct password clears the count: a user who mistyped a few times is not left near the limit. */
  recordSuccess(email: string, ip: string): void {
    this.failures.delete(limiterKey(email, ip));
  }

  private current(key: string): { count: number; windowEndsAt: number } | undefined {
    const entry = this.failures.get(key);
    if (entry && entry.windowEndsAt <= this.now()) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private evictOldestIfFull(): void {
    if (this.failures.size < this.maxKeys) return;
    // Maps iterate in insertion order, so the first key is the oldest window.
    const oldest = this.failures.keys().next().value;
    if (oldest !== undefined) this.failures.delete(oldest);
  }
}

function limiterKey(email: string, ip: string): string {
  return `${email.toLowerCase()}\u0000${ip}`;
}

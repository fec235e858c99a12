export interface RateLimitOptions {
  /** Failures of one email from one address allowed within the window before sign-in is refused; default 10. */
  maxFailures?: number;
  /** Failures of one email from all addresses together allowed within the window; default 30. */
  maxAccountFailures?: number;
  /** Default 15 minutes. */
  windowMs?: number;
  /** Bounds memory under a flood of distinct keys; the oldest entries go first. Default 100,000. */
  maxKeys?: number;
}

/**
 * Failed sign-ins in a fixed window, in this process's memory, counted twice: per email+address (10),
 * so that one guesser is stopped early while the user can still sign in from elsewhere, and per email
 * from every address together (30), so that guessing from ever new addresses (a botnet, or forged
 * X-Forwarded-For where proxies are trusted wrongly) stops too: a locked account stays locked
 * whatever the address. The price: anyone who knows an email can lock its user out for the window.
 * Per process because API processes are stateless — with N processes behind a balancer the effective
 * limit is up to N×, which still turns online guessing against a 12-character password hopeless.
 */
export class SignInRateLimiter {
  private readonly failures = new Map<string, { count: number; windowEndsAt: number }>();
  private readonly maxFailures: number;
  private readonly maxAccountFailures: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(
    options: RateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.maxFailures = options.maxFailures ?? 10;
    this.maxAccountFailures = options.maxAccountFailures ?? 30;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Seconds until sign-in may be tried again, or 0 when it may be tried now. */
  retryAfterSeconds(email: string, ip: string): number {
    return Math.max(
      this.lockedFor(addressKey(email, ip), this.maxFailures),
      this.lockedFor(accountKey(email), this.maxAccountFailures),
    );
  }

  recordFailure(email: string, ip: string): void {
    this.count(addressKey(email, ip));
    this.count(accountKey(email));
  }

  /** Takes back a failure counted for an attempt whose password was never checked (hashing refused it). */
  withdrawFailure(email: string, ip: string): void {
    this.uncount(addressKey(email, ip));
    this.uncount(accountKey(email));
  }

  /** A correct password clears the counts: a user who mistyped a few times is not left near the limit. */
  recordSuccess(email: string, ip: string): void {
    this.failures.delete(addressKey(email, ip));
    this.failures.delete(accountKey(email));
  }

  private lockedFor(key: string, max: number): number {
    const entry = this.current(key);
    if (!entry || entry.count < max) return 0;
    return Math.max(1, Math.ceil((entry.windowEndsAt - this.now()) / 1000));
  }

  private count(key: string): void {
    const entry = this.current(key);
    if (entry) {
      entry.count += 1;
      return;
    }
    this.evictOldestIfFull();
    this.failures.set(key, { count: 1, windowEndsAt: this.now() + this.windowMs });
  }

  private uncount(key: string): void {
    const entry = this.current(key);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count <= 0) this.failures.delete(key);
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

// U+0000 separates: neither an email nor an address holds it.
const addressKey = (email: string, ip: string) => `${email.toLowerCase()}\u0000${ip}`;
const accountKey = (email: string) => `${email.toLowerCase()}\u0000*`;

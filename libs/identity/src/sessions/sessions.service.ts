import { randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Optional, UnauthorizedException } from '@nestjs/common';
import type pg from 'pg';
import type { z } from 'zod';
import { PG_POOL, ProblemException } from '#libs/platform';
import { UsersService, type UserView } from '../users/users.service.js';
import type { SignInInput } from '../users/user-input.js';
import { PasswordHashingBusy } from '../passwords/password-hash.js';
import { sessionTokenDigest } from './session-lookup.js';
import type { signedInResponse } from './sessions.response.js';
import { SignInRateLimiter, type RateLimitOptions } from './sign-in-rate-limiter.js';

export const IDENTITY_OPTIONS = Symbol('IdentityOptions');

export interface IdentityOptions {
  /** Session lifetime; default 12 hours (a working day, so a shared computer does not stay signed in overnight). */
  sessionTtlMs?: number;
  signInRateLimit?: RateLimitOptions;
}

export type SignedIn = z.output<typeof signedInResponse>;

/** One message for an unknown email, a wrong password and a disabled account: none tells which. */
export const SIGN_IN_FAILED = 'The email or password is wrong';

/**
 * Sign-in sessions: an opaque random bearer token per sign-in, of which only the SHA-256 is stored,
 * so a copy of the table cannot be used to act as anyone. Opaque rather than self-contained (JWT)
 * so that sign-out, disabling a user and revoking a role take effect on the next request.
 */
@Injectable()
export class SessionsService {
  private readonly ttlMs: number;
  private readonly limiter: SignInRateLimiter;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(UsersService) private readonly users: UsersService,
    @Optional() @Inject(IDENTITY_OPTIONS) options?: IdentityOptions,
  ) {
    this.ttlMs = options?.sessionTtlMs ?? 12 * 60 * 60_000;
    this.limiter = new SignInRateLimiter(options?.signInRateLimit);
  }

  /**
   * 401 with one generic message on bad credentials; 429 once the email has failed too often (from this
   * address or all); 503 when too many password hashes already wait (PasswordHashingBusy).
   */
  async signIn(input: SignInInput, ip: string): Promise<SignedIn> {
    const retryAfter = this.limiter.retryAfterSeconds(input.email, ip);
    if (retryAfter > 0) throw new TooManySignInAttempts(retryAfter);
    // Counted as a failure before the hash, cleared if the password is right: counted after it, guesses
    // sent at once were each let through before any had failed (40 in a burst were all hashed, past a
    // limit of 10, the more easily as hashes wait their turn).
    this.limiter.recordFailure(input.email, ip);
    const user = await this.verifyOrWithdrawFailure(input, ip);
    if (!user) throw new UnauthorizedException(SIGN_IN_FAILED);
    this.limiter.recordSuccess(input.email, ip);
    return this.openSession(user);
  }

  /** A 503 from hashing (too many waiting) checked no password, so it counts as no failure. */
  private async verifyOrWithdrawFailure(input: SignInInput, ip: string): Promise<UserView | undefined> {
    try {
      return await this.users.verifyCredentials(input.email, input.password);
    } catch (error) {
      if (error instanceof PasswordHashingBusy) this.limiter.withdrawFailure(input.email, ip);
      throw error;
    }
  }

  /** Idempotent: signing out of a session already ended changes nothing. */
  async signOut(token: string): Promise<void> {
    await this.pool.query(
      'update identity_sessions set revoked_at = now() where token_hash = $1 and revoked_at is null',
      [sessionTokenDigest(token)],
    );
  }

  private async openSession(user: UserView): Promise<SignedIn> {
    // 256 random bits: unguessable, so a fast digest (not a KDF) is enough to store it.
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlMs);
    await this.pool.query('insert into identity_sessions (token_hash, user_id, expires_at) values ($1, $2, $3)', [
      sessionTokenDigest(token),
      user.id,
      expiresAt,
    ]);
    await this.forgetOldSessions(user.id);
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      user: { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles },
    };
  }

  /** Housekeeping at sign-in instead of a job: a day after they end, sessions are of no use. */
  private async forgetOldSessions(userId: string): Promise<void> {
    await this.pool.query(
      `delete from identity_sessions
        where user_id = $1 and (expires_at < now() - interval '1 day' or revoked_at < now() - interval '1 day')`,
      [userId],
    );
  }
}

/** 429 that carries its wait, so the controller can send it as `Retry-After` too. */
export class TooManySignInAttempts extends ProblemException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many failed sign-ins for this email: try again in ${retryAfterSeconds} s`,
      {
        retryAfterSeconds,
      },
    );
  }
}

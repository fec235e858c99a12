import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '#libs/platform';
import { HashQueue } from './hash-queue.js';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * scrypt at N=2^15, r=8, p=1 (32 MiB, ~100 ms on one core): OWASP's minimum for scrypt. Stored
 * hashes carry their own parameters, so raising these later re-hashes each user at next sign-in.
 */
export const PASSWORD_PARAMS: ScryptParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });
let passwordParams: ScryptParams = PASSWORD_PARAMS;

/**
 * For a benchmark that generates years of sign-ups in one sitting (bench/national.bench.ts: 36,108
 * hashes, an hour of a core at PASSWORD_PARAMS): this process hashes new passwords at `params` from now
 * on. The platform never calls it, and no setting reaches it.
 */
export function lowerPasswordCostForBenchmarks(params: ScryptParams): void {
  passwordParams = Object.freeze({ ...params });
}
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Hashing cost grows with the input; an upper bound stops a huge "password" being a cheap DoS. */
export const MAX_PASSWORD_LENGTH = 1024;

/** `scrypt$N$r$p$<salt>$<hash>` (base64url), with a fresh random salt per password. */
export async function hashPassword(password: string, params: ScryptParams = passwordParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, KEY_LENGTH, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Constant-time comparison; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.hash.length, parsed.params);
  return timingSafeEqual(actual, parsed.hash);
}

/** True when the stored hash was made with weaker parameters than today's. */
export function needsRehash(stored: string, params: ScryptParams = passwordParams): boolean {
  const parsed = parseStoredHash(stored);
  return !parsed || parsed.params.N < params.N || parsed.params.r < params.r || parsed.params.p < params.p;
}

function parseStoredHash(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return undefined;
  const salt = Buffer.from(parts[4], 'base64url');
  const hash = Buffer.from(parts[5], 'base64url');
  if (salt.length === 0 || hash.length === 0) return undefined;
  return { params: { N, r, p }, salt, hash };
}

/**
 * Hashes running at once: all of libuv's thread pool but one thread (4 threads unless UV_THREADPOOL_SIZE
 * says otherwise). The pool also serves the database client (a new connection's SCRAM key), DNS and
 * file I/O: a burst of sign-ins given every thread queued those behind seconds of hashing, and every read
 * model a command waits for stood still meanwhile. The other hashes wait in order. (Half the pool
 * was measured too: on a shared 2-core host it gave the hashes a smaller share of the CPU, and a run's
 * sign-ins took ~1.6 times as long.)
 */
export const HASHES_IN_FLIGHT = Math.max(1, Number(process.env.UV_THREADPOOL_SIZE || 4) - 1);
/**
 * Hashes allowed to wait; one more is refused at once (503). Unbounded, sign-ins spread over many
 * emails and addresses (each under the sign-in limits) grew the queue until every real sign-in waited
 * minutes. Measured on the shared 2-core host (2026-12-07): 132 ms a hash on one thread (load 6.4), and
 * 4.1-4.9 hashes/s three at once while other work held the load at 5.9-8.8; two free cores would do ~15/s.
 * So 32 waiting is ~2 s of hashing on two free cores, ~7 s on a host as loaded as that.
 */
export const MAX_HASHES_WAITING = 32;
/** Roughly how long the longest queue takes to drain on an idle 2-core host. */
export const HASHING_BUSY_RETRY_AFTER_SECONDS = 2;

/** For the routes that hash a password (OpenAPI). */
export const HASHING_BUSY_DESCRIPTION = `Too many passwords (and LRS client secrets) are being checked at once (more than ${MAX_HASHES_WAITING} waiting): nothing was done; see Retry-After`;

/** 503 for a hash refused because too many wait: the password was never checked. */
export class PasswordHashingBusy extends ProblemException {
  readonly retryAfterSeconds = HASHING_BUSY_RETRY_AFTER_SECONDS;

  constructor() {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      `Too many passwords (and LRS client secrets) are being checked at once: try again in ${HASHING_BUSY_RETRY_AFTER_SECONDS} s`,
      { retryAfterSeconds: HASHING_BUSY_RETRY_AFTER_SECONDS },
    );
  }
}

/**
 * The hashes of this process: how many run, how many wait, and the most that ever waited. LRS client
 * secrets (#libs/xapi) are hashed here too, so a flood of wrong xAPI credentials is bounded as sign-ins are.
 */
export const passwordHashing = new HashQueue(HASHES_IN_FLIGHT, MAX_HASHES_WAITING, () => new PasswordHashingBusy());

function derive(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  return passwordHashing.run(() => scryptOf(password, salt, length, params));
}

function scryptOf(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  // maxmem must exceed 128·N·r or Node refuses the parameters.
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  // NFC: the same password typed on two keyboards may arrive composed or decomposed.
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

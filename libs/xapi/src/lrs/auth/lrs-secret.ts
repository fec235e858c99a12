import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import {
  HASHES_IN_FLIGHT,
  HASHING_BUSY_RETRY_AFTER_SECONDS,
  MAX_HASHES_WAITING,
  passwordHashing,
} from '#libs/identity';
import { ProblemException } from '#libs/platform';

/**
 * scrypt cost: about 50 ms per hash on one core (16 MiB) — a brute force is slow, and the guard caches
 * hits. Each hash takes its turn in the process's bounded hash queue, the one passwords use: unbounded,
 * a flood of wrong credentials took every libuv thread (the database client's too) and 16 MiB a hash.
 */
const DEFAULT_PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

/** URL-safe and colon-free, so a key can sit before the `:` of HTTP Basic and in a URL. */
export function newClientKey(): string {
  return randomBytes(18).toString('base64url');
}

export function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** `scrypt$N$r$p$<salt>$<hash>` (base64url), with a fresh salt per secret. */
export async function hashSecret(
  secret: string,
  params: { N: number; r: number; p: number } = DEFAULT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(secret, salt, KEY_LENGTH, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * A well-formed stored hash that no secret matches (a random 256-bit hash): verifying against it costs
 * the scrypt of a real client's, so an unknown key takes as long as a known one. Made without hashing.
 */
export function unmatchableSecretHash(): string {
  const { N, r, p } = DEFAULT_PARAMS;
  return [
    'scrypt',
    N,
    r,
    p,
    randomBytes(SALT_BYTES).toString('base64url'),
    randomBytes(KEY_LENGTH).toString('base64url'),
  ].join('$');
}

/** Constant-time comparison; a malformed stored hash never matches. SecretHashingBusy when too many wait. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (expected.length === 0) return false;
  const actual = await derive(secret, salt, expected.length, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/** For cache keys: the secret itself is never kept in memory longer than a request. */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** For the routes that hash a new client's secret (OpenAPI). */
export const SECRET_HASHING_BUSY_DESCRIPTION = `Too many secrets are being hashed at once (LRS client secrets and passwords, more than ${MAX_HASHES_WAITING} waiting): nothing was done; see Retry-After`;

/** 503: too many secrets were waiting to be hashed, so this one never was (nor compared, nor stored). */
export class SecretHashingBusy extends ProblemException {
  readonly retryAfterSeconds = HASHING_BUSY_RETRY_AFTER_SECONDS;

  constructor() {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      `Too many secrets are being hashed at once (LRS client secrets and passwords share ${HASHES_IN_FLIGHT} at a time and ${MAX_HASHES_WAITING} waiting): nothing was done; try again in ${HASHING_BUSY_RETRY_AFTER_SECONDS} s`,
      { retryAfterSeconds: HASHING_BUSY_RETRY_AFTER_SECONDS },
    );
  }
}

function derive(
  secret: string,
  salt: Buffer,
  length: number,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  return passwordHashing.run(
    () => scryptOf(secret, salt, length, params),
    () => new SecretHashingBusy(),
  );
}

function scryptOf(
  secret: string,
  salt: Buffer,
  length: number,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

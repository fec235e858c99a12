import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

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
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Hashing cost grows with the input; an upper bound stops a huge "password" being a cheap DoS. */
export const MAX_PASSWORD_LENGTH = 1024;

/** `scrypt$N$r$p$<salt>$<hash>` (base64url), with a fresh random salt per password. */
export async function hashPassword(password: string, params: ScryptParams = PASSWORD_PARAMS): Promise<string> {
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
export function needsRehash(stored: string, params: ScryptParams = PASSWORD_PARAMS): boolean {
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
 * model a command waits for stood still meanwhile. The other hashes wait here, in order. (Half the pool
 * was measured too: on a shared 2-core host it gave the hashes a smaller share of the CPU, and a run's
 * sign-ins took ~1.6 times as long.)
 */
export const HASHES_IN_FLIGHT = Math.max(1, Number(process.env.UV_THREADPOOL_SIZE || 4) - 1);
let hashing = 0;
const waitingToHash: (() => void)[] = [];

async function derive(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  if (hashing >= HASHES_IN_FLIGHT) await new Promise<void>((resolve) => waitingToHash.push(resolve));
  else hashing++;
  try {
    return await scryptOf(password, salt, length, params);
  } finally {
    // The thread passes straight to the next hash waiting, if any.
    const next = waitingToHash.shift();
    if (next) next();
    else hashing--;
  }
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

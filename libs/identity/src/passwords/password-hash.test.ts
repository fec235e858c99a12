import { pbkdf2 } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  lowerPasswordCostForBenchmarks,
  needsRehash,
  PASSWORD_PARAMS,
  verifyPassword,
} from './password-hash.js';

describe('password hashing (scrypt)', () => {
  it('verifies the password it hashed and rejects any other', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('stores scrypt with N=2^15, r=8, p=1 and a per-password salt', async () => {
    const a = await hashPassword('same password twice');
    const b = await hashPassword('same password twice');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password twice');
  });

  it('treats composed and decomposed forms of the same characters as one password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait please');
    expect(await verifyPassword('cafe\u0301 au lait please', stored)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$8$1$abc$def', 'bcrypt$1$2$3$4$5', 'scrypt$16384$8$1$$']) {
      expect(await verifyPassword('whatever password', stored)).toBe(false);
    }
  });

  it('verifies hashes made with other parameters and flags them for re-hashing', async () => {
    const weak = await hashPassword('an older stored password', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('an older stored password', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('a current stored password'))).toBe(false);
    expect(PASSWORD_PARAMS.N).toBeGreaterThanOrEqual(2 ** 15);
  });

  it('leaves libuv threads free during a burst of hashes: other thread-pool work is not queued behind them', async () => {
    // The database client derives a new connection's SCRAM key on the same pool (pbkdf2). Six hashes
    // fill libuv's four threads and queue two ahead of it, unless hashing is bounded.
    const order: string[] = [];
    const burst = Array.from({ length: 6 }, (_, i) =>
      hashPassword(`burst password ${i}`).then(() => order.push('hash')),
    );
    const other = new Promise<void>((resolve, reject) =>
      pbkdf2('connection', 'salt', 1, 32, 'sha256', (error) => (error ? reject(error) : resolve())),
    ).then(() => order.push('other'));
    await Promise.all([...burst, other]);
    expect(order[0]).toBe('other');
  });

  it("hashes at a benchmark's lower cost once told to, and a hash at the platform's cost still verifies", async () => {
    const before = await hashPassword('kept from before');
    lowerPasswordCostForBenchmarks({ N: 1024, r: 8, p: 1 });
    try {
      const cheap = await hashPassword('a respondent');
      expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
      expect(await verifyPassword('a respondent', cheap)).toBe(true);
      expect(needsRehash(cheap)).toBe(false);
      expect(await verifyPassword('kept from before', before)).toBe(true);
    } finally {
      lowerPasswordCostForBenchmarks(PASSWORD_PARAMS);
    }
    expect(needsRehash(await hashPassword('after'))).toBe(false);
    expect((await hashPassword('after')).startsWith(`scrypt$${PASSWORD_PARAMS.N}$`)).toBe(true);
  });
});

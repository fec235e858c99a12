import { describe, expect, it } from 'vitest';
import { basicCredentials } from './lrs-auth.guard.js';
import { LrsCredentialCache } from './lrs-credential-cache.js';
import { clientAuthority, type LrsPrincipal } from './lrs-principal.js';
import { hashSecret, newClientKey, newClientSecret, verifySecret } from './lrs-secret.js';

describe('secret hashing', () => {
  it('verifies the right secret and rejects others', async () => {
    const hash = await hashSecret('s3cret:with:colons');
    expect(await verifySecret('s3cret:with:colons', hash)).toBe(true);
    expect(await verifySecret('s3cret:with:colonz', hash)).toBe(false);
    expect(await verifySecret('', hash)).toBe(false);
  });

  it('salts each hash and stores its parameters with it', async () => {
    const [a, b] = await Promise.all([hashSecret('same'), hashSecret('same')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('same');
  });

  it('verifies hashes made with other parameters (they travel with the hash)', async () => {
    const cheap = await hashSecret('x', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifySecret('x', cheap)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$a$b$c$d$e', 'scrypt$1024$8$1$c2FsdA$', 'bcrypt$1$2$3$4$5']) {
      expect(await verifySecret('x', stored)).toBe(false);
    }
  });

  it('makes URL-safe, colon-free keys and long secrets', () => {
    const keys = new Set(Array.from({ length: 200 }, newClientKey));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(newClientSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('basicCredentials', () => {
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it('splits at the first colon: the secret may hold colons', () => {
    expect(basicCredentials(basic('key:se:cret'))).toEqual({ key: 'key', secret: 'se:cret' });
    expect(basicCredentials(`basic  ${Buffer.from('k:s').toString('base64')}`)).toEqual({ key: 'k', secret: 's' });
  });

  it('explains what is wrong otherwise', () => {
    expect(basicCredentials(undefined)).toMatch(/Basic .* is required/);
    expect(basicCredentials('Bearer abc')).toMatch(/Basic scheme/);
    expect(basicCredentials(basic('no-colon'))).toMatch(/non-empty key/);
    expect(basicCredentials(basic(':secret'))).toMatch(/non-empty key/);
  });
});

describe('LrsCredentialCache', () => {
  const principal = (clientId: string): LrsPrincipal => ({
    clientId,
    key: clientId,
    name: clientId,
    organisationId: 'default',
    scopes: ['all'],
    authority: clientAuthority({ name: clientId, key: clientId }),
  });

  it('forgets entries after the TTL', () => {
    let now = 0;
    const cache = new LrsCredentialCache(1000, 10, () => now);
    cache.set('a', principal('1'), cache.generation);
    now = 999;
    expect(cache.get('a')?.clientId).toBe('1');
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops a client at once on invalidation and refuses a verification that began before it', () => {
    const cache = new LrsCredentialCache(60_000);
    cache.set('a', principal('1'), cache.generation);
    cache.set('b', principal('2'), cache.generation);
    const before = cache.generation;
    cache.invalidateClient('1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.clientId).toBe('2');
    cache.set('a', principal('1'), before);
    expect(cache.get('a')).toBeUndefined();
  });

  it('stays within its size by dropping the oldest entry', () => {
    const cache = new LrsCredentialCache(60_000, 2);
    for (const k of ['a', 'b', 'c']) cache.set(k, principal(k), cache.generation);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')?.clientId).toBe('c');
  });

  it('caches nothing with a TTL of 0', () => {
    const cache = new LrsCredentialCache(0);
    cache.set('a', principal('1'), cache.generation);
    expect(cache.get('a')).toBeUndefined();
  });
});

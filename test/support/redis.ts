import { inject } from 'vitest';

/** The Redis URL for tests, or undefined with the reason it is missing (the global setup has printed it loudly). */
export function testRedis(): { url?: string; reason: string } {
  const url = inject('redisUrl');
  return url ? { url, reason: '' } : { reason: inject('redisUnavailableReason') };
}

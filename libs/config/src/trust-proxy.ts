import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which proxies' X-Forwarded-For this process believes, in the forms Fastify's `trustProxy` takes:
 * false (none, the default: the client is the TCP peer), true (every hop: only behind a proxy that
 * overwrites the header), a number of hops, or addresses / CIDR ranges of the proxies.
 */
export type TrustProxy = boolean | number | string[];

/** proxy-addr's names for ranges, accepted in the list beside addresses and CIDRs. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

export const trustProxySchema = z
  .string()
  .transform((value, ctx): TrustProxy => {
    const text = value.trim();
    if (text === 'false') return false;
    if (text === 'true') return true;
    if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 100) return Number(text);
    const entries = text.split(',').map((e) => e.trim());
    if (entries.every(isProxyAddress)) return entries;
    ctx.addIssue({
      code: 'custom',
      message:
        'must be false, true, a number of hops (1-100) or a comma-separated list of proxy addresses or CIDR ranges',
    });
    return z.NEVER;
  })
  .optional();

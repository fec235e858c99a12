/**
 * Proactive content negotiation (RFC 9110 12.5.1): the offered media type the client prefers, by the
 * quality of the most specific range in `Accept` that matches it (`type/subtype` over `type/*` over
 * `*\/*`); among equals, the first offered. No `Accept` accepts anything. Undefined when the client
 * accepts none of them (406).
 */
export function preferredMediaType(accept: string | undefined, offered: readonly string[]): string | undefined {
  if (!accept?.trim()) return offered[0];
  const ranges = accept
    .split(',')
    .map(parseRange)
    .filter((range) => range !== undefined);
  let best: { type: string; quality: number } | undefined;
  for (const type of offered) {
    const quality = qualityOf(type, ranges);
    if (quality > 0 && (!best || quality > best.quality)) best = { type, quality };
  }
  return best?.type;
}

interface MediaRange {
  type: string;
  subtype: string;
  quality: number;
}

function parseRange(text: string): MediaRange | undefined {
  const [range, ...parameters] = text.split(';').map((part) => part.trim());
  const [type, subtype] = (range ?? '').toLowerCase().split('/');
  if (!type || !subtype) return undefined;
  const q = parameters.map((p) => /^q=([0-9.]+)$/i.exec(p)?.[1]).find((value) => value !== undefined);
  const quality = q === undefined ? 1 : Number(q);
  return Number.isFinite(quality) ? { type, subtype, quality: Math.min(Math.max(quality, 0), 1) } : undefined;
}

function qualityOf(mediaType: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let specificity = -1;
  let quality = 0;
  for (const range of ranges) {
    const rank =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*'
            ? 0
            : -1;
    if (rank > specificity) {
      specificity = rank;
      quality = range.quality;
    }
  }
  return quality;
}

import type { LanguageMap } from '../types.js';

/**
 * Accept-Language handling for the `canonical` format (xAPI Communication 2.1.3.s4.b5): RFC 2616
 * 14.4 applied to each language map on its own rather than to the whole response.
 */

export interface LanguageRange {
  /** A language tag, or `*`. */
  range: string;
  q: number;
}

/** Parses an Accept-Language header into ranges ordered by preference (highest q first). */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  const ranges: Array<LanguageRange & { index: number }> = [];
  header.split(',').forEach((part, index) => {
    const [rangePart, ...params] = part.trim().split(';');
    const range = rangePart?.trim();
    if (!range) return;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.trim().split('=');
      if (name?.trim().toLowerCase() === 'q') q = Number(value);
    }
    if (Number.isFinite(q) && q > 0) ranges.push({ range, q, index });
  });
  ranges.sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges.map((r) => r.range);
}

/**
 * The key of `map` that best matches the preferred `languages` (most preferred first): a range
 * matches a tag equal to it or starting with it followed by "-" (RFC 2616 14.4), and `*` matches
 * anything. When nothing matches, a tag that the range starts with (en for en-GB, RFC 4647 lookup)
 * is next best, then the first key, so one entry is always chosen.
 */
export function bestLanguage(map: LanguageMap, languages: readonly string[]): string | undefined {
  const keys = Object.keys(map);
  if (keys.length <= 1) return keys[0];
  for (const range of languages) {
    const wanted = range.toLowerCase();
    if (wanted === '*') return keys[0];
    const match = keys.find((key) => {
      const tag = key.toLowerCase();
      return tag === wanted || tag.startsWith(`${wanted}-`);
    });
    if (match !== undefined) return match;
  }
  for (const range of languages) {
    const parts = range.toLowerCase().split('-');
    for (let n = parts.length - 1; n > 0; n--) {
      const prefix = parts.slice(0, n).join('-');
      const match = keys.find((key) => key.toLowerCase() === prefix);
      if (match !== undefined) return match;
    }
  }
  return keys[0];
}

/** The map reduced to its best-matching entry. */
export function filterLanguageMap(map: LanguageMap, languages: readonly string[]): LanguageMap {
  const key = bestLanguage(map, languages);
  return key === undefined ? {} : { [key]: map[key] as string };
}

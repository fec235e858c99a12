/**
 * RFC 5646 language tags. xAPI Data 2.2.s4.b2: the LRS MUST at least validate that the sequence of
 * token lengths matches RFC 5646; this follows the full ABNF (not the registry), case-insensitively.
 */

const LANGUAGE = '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})';
const SCRIPT = '(?:-[a-z]{4})';
const REGION = '(?:-(?:[a-z]{2}|[0-9]{3}))';
const VARIANT = '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))';
const EXTENSION = '(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)';
const PRIVATE_USE = '(?:x(?:-[a-z0-9]{1,8})+)';
const GRANDFATHERED =
  'en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|i-tsu|' +
  'sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang';

const LANGUAGE_TAG = new RegExp(
  `^(?:${LANGUAGE}${SCRIPT}?${REGION}?${VARIANT}*${EXTENSION}*(?:-${PRIVATE_USE})?|${PRIVATE_USE}|${GRANDFATHERED})$`,
  'i',
);

// Most keys are like "en" or "en-GB"; a cheap pattern settles those before the full grammar.
const COMMON = /^[a-zA-Z]{2,3}(?:-[a-zA-Z]{2})?$/;

export function isLanguageTag(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 128 && (COMMON.test(value) || LANGUAGE_TAG.test(value));
}

/**
 * Best-effort IRI/IRL checks (xAPI Data 2.2.s4.b6 allows best effort). What the LRS MUST reject is
 * an IRI without a scheme (2.2.s4.b1.b8), an empty string, and text that cannot be an IRI at all;
 * RFC 3987 allows non-ASCII characters, so those pass.
 */

// (No "u" flag: astral characters arrive as surrogate pairs, which pass, and the check runs faster.)
// scheme ":" then at least one character that RFC 3987 allows outside of "<>\"{}|\\^`", whitespace
// and controls; a "%" must start a percent-encoded octet.
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:%[0-9A-Fa-f]{2}|[^%\s<>"{}|\\^`\u0000-\u001F\u007F-\u009F])+$/;

export function isIri(value: unknown): value is string {
  return typeof value === 'string' && IRI.test(value);
}

/** An IRL is an IRI meant to be dereferenced; the syntax is the same. */
export function isIrl(value: unknown): value is string {
  return isIri(value);
}

// The spec requires "mailto:email address"; the local part and domain are checked loosely because
// RFC 5322 addresses are too varied for a regular expression to be both fast and exact.
const MAILTO = /^mailto:[^@\s]+@[^@\s.][^@\s]*$/;

export function isMailtoIri(value: unknown): value is string {
  return typeof value === 'string' && MAILTO.test(value);
}

const SHA1_HEX = /^[0-9a-fA-F]{40}$/;

export function isSha1Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA1_HEX.test(value);
}

// SHA-224, SHA-256, SHA-384 and SHA-512 as hex, the form X-Experience-API-Hash carries.
const SHA2_HEX = /^(?:[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128})$/;

export function isSha2Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA2_HEX.test(value);
}

// type "/" subtype, then optional parameters (RFC 2045 tokens, quoted strings allowed in values).
const MEDIA_TYPE =
  /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(?:\s*;\s*[A-Za-z0-9!#$&^_.+-]+=(?:[A-Za-z0-9!#$&^_.+-]+|"(?:[^"\\]|\\.)*"))*\s*$/;

export function isMediaType(value: unknown): value is string {
  return typeof value === 'string' && MEDIA_TYPE.test(value);
}

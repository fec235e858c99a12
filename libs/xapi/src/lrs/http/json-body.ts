import secureJson from 'secure-json-parse';
import type { FieldProblem } from '#libs/platform';

/**
 * Reading an application/json request body: strictly, so that bad bytes are refused rather than
 * repaired and stored, and without deep recursion anywhere after it.
 */

/**
 * Arrays and objects may nest this deep in a JSON body. Statement validation, canonical formats and
 * document merges walk a body recursively; a bound keeps a hostile body (10,000 levels) from
 * overflowing the stack. No xAPI statement or domain request needs a tenth of it.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * Input that cannot be read or kept; `statusCode` 400 lets every layer (Fastify, Nest) render it as a client
 * error. `fieldProblem`, where one field is at fault, lets /api name it as its other 400s do (`field`, `errors`).
 */
export class RequestInputError extends Error {
  readonly statusCode = 400;

  constructor(
    message: string,
    readonly fieldProblem?: FieldProblem,
  ) {
    super(message);
  }
}

/** What a string PostgreSQL cannot hold breaks. */
export const UNSTORABLE_TEXT_RULE = 'holds U+0000 or an unpaired UTF-16 surrogate, which cannot be stored';

/** The refusal of text PostgreSQL cannot hold in `field` (`where` says what the field is, for the message). */
export function unstorableTextError(field: string, where = field): RequestInputError {
  return new RequestInputError(`${where}: ${UNSTORABLE_TEXT_RULE}`, { field, rule: UNSTORABLE_TEXT_RULE });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The parsed body, or a RequestInputError naming what is wrong (bytes, nesting or syntax). A `__proto__`
 * or `constructor.prototype` key is refused too, as Fastify's own parser does, so that no later
 * Object.assign of a body can change an object's prototype.
 */
export function parseJsonBody(body: Buffer): unknown {
  const text = decodeUtf8(body);
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new RequestInputError(
      `Request body: JSON nested ${depth} levels deep; at most ${MAX_JSON_DEPTH} are accepted`,
    );
  }
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw new RequestInputError(`Request body: not valid JSON (${(error as Error).message})`);
  }
}

/** JSON is UTF-8 (RFC 8259 §8.1): a byte that is not (0xFF, the overlong C0 AF) is refused, not replaced by U+FFFD. */
function decodeUtf8(body: Buffer): string {
  try {
    return strictUtf8.decode(body);
  } catch {
    const at = firstInvalidUtf8Offset(body);
    throw new RequestInputError(
      `Request body: not valid UTF-8 (byte 0x${body[at].toString(16).toUpperCase()} at offset ${at})`,
    );
  }
}

/** Lossy decoding re-encodes byte for byte up to the first invalid sequence, where U+FFFD stands instead. */
function firstInvalidUtf8Offset(body: Buffer): number {
  const repaired = Buffer.from(body.toString('utf8'), 'utf8');
  let at = 0;
  while (at < body.length && body[at] === repaired[at]) at++;
  return Math.min(at, body.length - 1);
}

/** The deepest nesting of [ and { outside strings, found in one pass without recursion. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * PostgreSQL text cannot hold U+0000, and an unpaired UTF-16 surrogate has no UTF-8 form (the driver
 * would silently store U+FFFD instead): a string holding either cannot be kept as sent.
 */
export function isUnstorableText(text: string): boolean {
  return text.includes('\u0000') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** The path of the first property name or string value in a parsed body that cannot be stored, e.g. `identifiers[0].mbox`. */
export function unstorableTextPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isUnstorableText(value) ? path || 'body' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableTextPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (isUnstorableText(key)) return at;
    const found = unstorableTextPath(item, at);
    if (found) return found;
  }
  return undefined;
}

/** The body of an /api request, whose strings all end up in PostgreSQL text columns. */
export function parseStorableJsonBody(body: Buffer): unknown {
  const value = parseJsonBody(body);
  const path = unstorableTextPath(value);
  if (path) throw unstorableTextError(path);
  return value;
}

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface MultipartPart {
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Buffer;
}

export class MultipartError extends Error {}

/** The boundary parameter of a multipart Content-Type (quoted or token form, RFC 2046 5.1.1). */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Splits a multipart body held in memory (RFC 2046) into parts, e.g. a GET response with attachments
 * (requests are read as a stream instead: statements-upload.ts): the preamble before the first delimiter and the
 * epilogue after the closing one are ignored. Bare LF line ends, which some clients send, are
 * accepted in part headers.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  if (start < 0) throw new MultipartError(`no part starts with the boundary "${boundary}"`);
  const parts: MultipartPart[] = [];
  for (;;) {
    let cursor = start + delimiter.length;
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) return parts; // closing "--"
    cursor = skipLineEnd(body, cursor);
    const next = findDelimiter(body, delimiter, cursor);
    if (next < 0) throw new MultipartError('the closing boundary is missing');
    parts.push(parsePart(body.subarray(cursor, next.valueOf())));
    start = next + (body[next] === 0x0d ? 2 : body[next] === 0x0a ? 1 : 0);
  }
}

/** The next delimiter, which is preceded by CRLF (or LF); returns the index of that line end. */
function findDelimiter(body: Buffer, delimiter: Buffer, from: number): number {
  let index = from;
  for (;;) {
    const at = body.indexOf(delimiter, index);
    if (at < 0) return -1;
    if (at >= 2 && body[at - 2] === 0x0d && body[at - 1] === 0x0a) return at - 2;
    if (at >= 1 && body[at - 1] === 0x0a) return at - 1;
    if (at === from) return at;
    index = at + 1;
  }
}

function skipLineEnd(body: Buffer, cursor: number): number {
  // Transport padding (spaces) may follow the boundary before the line end.
  while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++;
  if (body[cursor] === 0x0d && body[cursor + 1] === 0x0a) return cursor + 2;
  if (body[cursor] === 0x0a) return cursor + 1;
  throw new MultipartError('a boundary line must end with CRLF');
}

function parsePart(raw: Buffer): MultipartPart {
  let end = raw.indexOf(HEADER_END);
  let bodyStart = end + 4;
  const lfEnd = raw.indexOf('\n\n');
  if (end < 0 || (lfEnd >= 0 && lfEnd < end)) {
    end = lfEnd;
    bodyStart = lfEnd + 2;
  }
  if (raw.subarray(0, CRLF.length).equals(CRLF) || raw[0] === 0x0a) {
    // No headers at all: the part starts with the blank line.
    return { headers: {}, body: raw.subarray(raw[0] === 0x0a ? 1 : 2) };
  }
  if (end < 0) throw new MultipartError('a part has no blank line between its headers and its content');
  const headers: Record<string, string> = {};
  for (const line of raw.subarray(0, end).toString('utf8').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`a part header line is malformed: "${line.slice(0, 80)}"`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.subarray(bodyStart) };
}

/** Builds a multipart/mixed body; the boundary is random, so it cannot occur in the parts. */
export function buildMultipart(parts: readonly MultipartPart[]): { contentType: string; body: Buffer } {
  const boundary = randomBoundary();
  const chunks: Buffer[] = [];
  for (const part of parts) chunks.push(partHead(boundary, part.headers), part.body, CRLF);
  chunks.push(closingDelimiter(boundary));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** A part whose content is read only as the body is sent, and whose size is known beforehand. */
export interface StreamedPart {
  headers: Record<string, string>;
  length: number;
  content(): AsyncIterable<Buffer>;
}

/**
 * A multipart/mixed body sent as it is read: one part's chunk in memory at a time. Its length is
 * known beforehand, so the response keeps a Content-Length.
 */
export function streamMultipart(parts: readonly StreamedPart[]): {
  contentType: string;
  length: number;
  body: Readable;
} {
  const boundary = randomBoundary();
  const heads = parts.map((part) => partHead(boundary, part.headers));
  const closing = closingDelimiter(boundary);
  const length = parts.reduce((sum, part, i) => sum + heads[i].length + part.length + CRLF.length, 0) + closing.length;
  async function* body(): AsyncIterable<Buffer> {
    for (const [i, part] of parts.entries()) {
      yield heads[i];
      yield* part.content();
      yield CRLF;
    }
    yield closing;
  }
  return { contentType: `multipart/mixed; boundary=${boundary}`, length, body: Readable.from(body()) };
}

function randomBoundary(): string {
  return `xapi-${randomBytes(16).toString('hex')}`;
}

function partHead(boundary: string, headers: Record<string, string>): Buffer {
  const lines = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return Buffer.from(`--${boundary}\r\n${lines}\r\n`);
}

function closingDelimiter(boundary: string): Buffer {
  return Buffer.from(`--${boundary}--\r\n`);
}

/** A Content-Type split into its media type (lower case) and parameters (names lower case, values unquoted). */
export interface MediaType {
  type: string;
  parameters: Map<string, string>;
}

const PARAMETER = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;

/** Parses `type/subtype; name=value; name="quoted value"` (RFC 2045 5.1); undefined when there is no type/subtype. */
export function parseMediaType(contentType: string): MediaType | undefined {
  const semicolon = contentType.indexOf(';');
  const type = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  if (!/^[^\s/]+\/[^\s/]+$/.test(type)) return undefined;
  const parameters = new Map<string, string>();
  if (semicolon >= 0) {
    for (const [, name, raw] of contentType.slice(semicolon).matchAll(PARAMETER)) {
      const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.trim();
      parameters.set(name.toLowerCase(), value);
    }
  }
  return { type, parameters };
}

/**
 * Whether an attachment's `contentType` and its part's Content-Type header agree (xAPI Communication
 * 1.5.2.s2.b2.b7: where both are given they MUST match). The type and subtype compare
 * case-insensitively (RFC 2045 5.1). A parameter given on one side only does not conflict: the
 * spec's own example (1.5.2.s6) declares `text/plain; charset=ascii` and sends the part as
 * `text/plain`. A parameter given on both sides must have the same value, compared
 * case-insensitively (as `charset` values are, RFC 2046 4.1.2; a case-only difference is not taken
 * as a conflict for other parameters either).
 */
export function mediaTypesMatch(declared: string, sent: string): boolean {
  const a = parseMediaType(declared);
  const b = parseMediaType(sent);
  if (!a || !b || a.type !== b.type) return false;
  for (const [name, value] of a.parameters) {
    const other = b.parameters.get(name);
    if (other === undefined) continue;
    if (other.toLowerCase() !== value.toLowerCase()) return false;
  }
  return true;
}

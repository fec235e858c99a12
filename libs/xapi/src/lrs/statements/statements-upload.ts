import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Dicer } from '@fastify/busboy';
import { parseJsonBody, RequestInputError } from '../http/json-body.js';
import { badRequest, payloadTooLarge, XapiHttpError } from '../http/xapi-errors.js';
import { multipartBoundary } from './multipart.js';

/**
 * A multipart/mixed statements request (Communication 1.5.2) read as it arrives: the statements part
 * is parsed in memory (bounded by MAX_REQUEST_BYTES), each attachment part goes to a file of its own in
 * a folder for this request while its SHA-2 is computed, so no attachment is ever held whole in memory.
 * The statements come first, so each later part is checked against the attachments they name as soon
 * as its headers arrive: a part no attachment names, or one too many for its sha2, is refused before
 * any byte of it is kept, and the request is answered without waiting for the rest of the body.
 */

/** What the checks of a part against its attachment need (Communication 1.5.2.s2.b2.b6-b7). */
export interface AttachmentPart {
  /** The part's Content-Type header, or the reader's default when the part has none. */
  contentType: string;
  /**
   * False when the part had no Content-Type header, so `contentType` is only a default and there is
   * nothing to compare with the attachment's contentType (the header is a SHOULD, and values must
   * match only where both are given).
   */
  hasContentType: boolean;
}

/** An attachment part as received: its headers, and its content in the request's spool. */
export interface ReceivedAttachment extends AttachmentPart {
  /** The content's size in bytes. */
  length: number;
  /** The content, in chunks of at most `chunkBytes`, read back from the spool. */
  chunks(chunkBytes: number): AsyncIterable<Buffer>;
  /** The whole content: only for parts that are small by nature (a signature's JWS). */
  read(): Promise<Buffer>;
}

export interface StatementsUpload {
  /** The statements part, parsed as strictly as an application/json body. */
  json: unknown;
  /** The attachment parts by their X-Experience-API-Hash (lower case). */
  parts: Map<string, ReceivedAttachment>;
  /** Removes the spooled parts; called once the request is answered, however it ended. Idempotent. */
  discard(): Promise<void>;
}

export interface UploadLimits {
  /** The whole request body (MAX_ATTACHMENT_BYTES). */
  maxBytes: number;
  /** The statements part, held in memory (MAX_REQUEST_BYTES). */
  maxStatementsBytes: number;
  /** Where this request's folder is made (ATTACHMENT_SPOOL_DIR). */
  spoolDir: string;
}

export function isStatementsUpload(body: unknown): body is StatementsUpload {
  return body instanceof SpooledUpload;
}

/**
 * Reads a multipart/mixed statements body from `payload`. Throws an XapiHttpError: 413 over a limit
 * (by the declared Content-Length before anything is read, else as soon as the running count passes
 * it), 400 for a body that breaks RFC 2046 or Communication 1.5.2. On any failure, the client's
 * disconnection included, whatever was spooled is removed.
 */
export async function receiveStatementsUpload(
  contentType: string,
  declaredLength: number | undefined,
  payload: Readable,
  limits: UploadLimits,
): Promise<StatementsUpload> {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw badRequest('Content-Type: multipart/mixed needs a boundary parameter (RFC 2046)');
  if (declaredLength !== undefined && declaredLength > limits.maxBytes) {
    throw payloadTooLarge(`request body: Content-Length ${declaredLength}; ${overTheLimit(limits.maxBytes)}`);
  }
  await mkdir(limits.spoolDir, { recursive: true });
  const upload = new SpooledUpload(await mkdtemp(join(limits.spoolDir, 'xapi-attachments-')));
  const reader = new PartsReader(upload, boundary, limits);
  try {
    await reader.read(payload, new ByteCount(limits.maxBytes));
    await reader.allWritten();
    upload.json = reader.statements();
    return upload;
  } catch (error) {
    reader.abort();
    await upload.discard();
    throw asXapiError(error);
  }
}

function overTheLimit(maxBytes: number): string {
  return `a statements request with attachments takes at most ${maxBytes} bytes (MAX_ATTACHMENT_BYTES)`;
}

class SpooledUpload implements StatementsUpload {
  json: unknown;
  readonly parts = new Map<string, ReceivedAttachment>();

  constructor(readonly folder: string) {}

  async discard(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}

/** Splits the body with Dicer (the streaming multipart parser inside @fastify/busboy) and routes each part. */
class PartsReader {
  readonly parser: Dicer;
  private count = 0;
  private parsedStatements: unknown;
  /** The attachments the statements part names, by sha2; settled once that part is parsed. */
  private named: Promise<NamedAttachments> = Promise.resolve(new Map());
  /** Attachment parts received so far, by sha2. */
  private readonly received = new Map<string, number>();
  /** Each part's work (the statements read, an attachment written to its file), settled or not. */
  private readonly work: Promise<unknown>[] = [];
  /** Parts still being read: destroyed when the body fails, so that no file is left open. */
  private readonly open = new Set<Dicer.PartStream>();
  /** Fails `read`: Dicer hides its own early 'finish', so once the body is in, destroying it is a no-op. */
  private failRead: (error: unknown) => void = () => {};

  constructor(
    private readonly upload: SpooledUpload,
    boundary: string,
    private readonly limits: UploadLimits,
  ) {
    this.parser = new Dicer({ boundary });
    this.parser.on('part', (part: Dicer.PartStream) => this.onPart(part));
  }

  /**
   * Resolves on the parser's own 'finish' (the closing delimiter read and every part consumed), not
   * through stream.pipeline: when the chunk holding the closing delimiter paused the parser, Dicer keeps
   * that chunk's write callback forever, so a pipeline waiting for the writable to close never settles.
   */
  read(payload: Readable, counter: ByteCount): Promise<void> {
    return new Promise((resolve, reject) => {
      this.failRead = reject;
      this.parser.once('finish', () => {
        // Whatever follows the closing delimiter (an epilogue) is read and dropped.
        payload.unpipe(counter);
        payload.resume();
        resolve();
      });
      this.parser.once('error', reject);
      counter.once('error', reject);
      payload.once('error', reject);
      // A client that goes away mid-body: the request stream closes without having ended.
      payload.once('close', () => {
        if (!payload.readableEnded) reject(new ClientGone());
      });
      payload.pipe(counter).pipe(this.parser);
    });
  }

  /** Every part has been read and every attachment file is complete (the parser may finish first). */
  async allWritten(): Promise<void> {
    await Promise.all(this.work);
  }

  statements(): unknown {
    if (this.count === 0) throw badRequest('request body: the multipart body has no parts (Communication 1.5.2)');
    return this.parsedStatements;
  }

  abort(): void {
    for (const part of this.open) part.destroy(new Error('the request body failed'));
  }

  private onPart(part: Dicer.PartStream): void {
    const index = this.count++;
    this.open.add(part);
    // A part cut short by the end of the body reports it here; the parser reports it too.
    part.on('error', () => {});
    part.once('header', (header: Record<string, string[]>) => {
      const headers = firstValues(header);
      if (index === 0) this.named = this.readStatements(part, headers);
      const read = index === 0 ? this.named : this.readAttachment(part, headers, index + 1);
      const work = read.finally(() => this.open.delete(part));
      // A refused part stops the whole body: reading it rejects with this error.
      work.catch((error: unknown) => {
        this.failRead(error);
        this.parser.destroy(error as Error);
      });
      this.work.push(work);
    });
  }

  private async readStatements(part: Dicer.PartStream, headers: Record<string, string>): Promise<NamedAttachments> {
    if (!(headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      throw badRequest(
        'first multipart part: Content-Type must be application/json and hold the statements (Communication 1.5.2.s2.b2.b1)',
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > this.limits.maxStatementsBytes) {
        throw payloadTooLarge(
          `first multipart part: more than ${this.limits.maxStatementsBytes} bytes of statements (MAX_REQUEST_BYTES)`,
        );
      }
      chunks.push(chunk);
    }
    // The same reading as an application/json body: strict UTF-8, bounded nesting, no __proto__.
    try {
      this.parsedStatements = parseJsonBody(Buffer.concat(chunks));
    } catch (error) {
      if (error instanceof RequestInputError)
        throw badRequest(error.message.replace(/^Request body:/, 'first multipart part:'));
      throw error;
    }
    return namedAttachments(this.parsedStatements);
  }

  private async readAttachment(part: Dicer.PartStream, headers: Record<string, string>, number: number) {
    const name = `multipart part ${number}`;
    const sha2 = headers['x-experience-api-hash']?.toLowerCase();
    if (!sha2) throw badRequest(`${name}: X-Experience-API-Hash header is required (Communication 1.5.2.s2.b2.b3)`);
    const encoding = headers['content-transfer-encoding'];
    if (encoding && encoding.toLowerCase() !== 'binary') {
      throw badRequest(`${name}: Content-Transfer-Encoding must be binary (Communication 1.5.2.s2.b2.b4)`);
    }
    // The statements part ended before this part began, but its parsing may still be under way.
    const copy = this.claim(sha2, name, await this.named);
    const digest = new Digest(sha2);
    const file = join(this.upload.folder, `part-${number}`);
    // A further copy of content already received (sending one copy is only a SHOULD, 1.5.2.s2.b2.b5)
    // is checked against its hash, never written.
    await pipeline(part, digest, copy === 1 ? createWriteStream(file) : new Discard());
    if (!digest.matches()) {
      throw badRequest(
        `${name}: X-Experience-API-Hash ${sha2} is not the SHA-2 of the part's content (Communication 1.5.2.s1.b4)`,
      );
    }
    if (copy === 1) this.upload.parts.set(sha2, spooledPart(file, digest.length, headers));
  }

  /**
   * Counts a part against the attachments naming its sha2, on its headers alone: a part that no
   * attachment names, or one more than the attachments naming its sha2, is refused before any of its
   * content is read. Every part thus names an attachment, so a body holds at most one part per
   * attachment object after the statements. Returns which copy of that content the part is, from 1.
   */
  private claim(sha2: string, name: string, named: NamedAttachments): number {
    const naming = named.get(sha2) ?? 0;
    if (naming === 0) {
      throw badRequest(
        `${name}: X-Experience-API-Hash ${sha2} is the sha2 of no attachment of the statements in the first part; each part after it holds the raw data of one of their attachments (Communication 1.5.2.s2.b2.b2)`,
      );
    }
    const copy = (this.received.get(sha2) ?? 0) + 1;
    if (copy > naming) {
      throw badRequest(
        `${name}: X-Experience-API-Hash ${sha2} again: ${naming === 1 ? 'one attachment' : `${naming} attachments`} of the statements ${naming === 1 ? 'has' : 'have'} this sha2, and a request holds at most one part per attachment, one per sha2 being enough (Communication 1.5.2.s2.b2.b2, 1.5.2.s2.b2.b5)`,
      );
    }
    this.received.set(sha2, copy);
    return copy;
  }
}

/** How many attachment objects of the statements have each sha2 (lower case). */
type NamedAttachments = Map<string, number>;

/**
 * The attachments of the statements part, parsed but not yet validated: each statement's and its
 * SubStatement object's, as the writer matches parts to them (statement-writer.service.ts). What is not
 * shaped as an attachment names nothing; the writer refuses such statements anyway.
 */
function namedAttachments(json: unknown): NamedAttachments {
  const named: NamedAttachments = new Map();
  const count = (attachments: unknown) => {
    if (!Array.isArray(attachments)) return;
    for (const attachment of attachments as unknown[]) {
      const sha2 = (attachment as { sha2?: unknown } | null)?.sha2;
      if (typeof sha2 === 'string') named.set(sha2.toLowerCase(), (named.get(sha2.toLowerCase()) ?? 0) + 1);
    }
  };
  for (const statement of Array.isArray(json) ? (json as unknown[]) : [json]) {
    if (typeof statement !== 'object' || statement === null) continue;
    const { attachments, object } = statement as { attachments?: unknown; object?: unknown };
    count(attachments);
    const sub = object as { objectType?: unknown; attachments?: unknown } | null | undefined;
    if (sub?.objectType === 'SubStatement') count(sub.attachments);
  }
  return named;
}

/** Drops what it is given: the sink of a part that is only checked. */
class Discard extends Writable {
  override _write(_chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    callback();
  }
}

function spooledPart(file: string, length: number, headers: Record<string, string>): ReceivedAttachment {
  return {
    contentType: headers['content-type'] ?? 'application/octet-stream',
    hasContentType: 'content-type' in headers,
    length,
    async *chunks(chunkBytes: number) {
      const stream = createReadStream(file, { highWaterMark: chunkBytes });
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
      } finally {
        stream.destroy();
      }
    },
    read: () => readFile(file),
  };
}

/** Part headers as Dicer gives them (names lower-cased, every value of a repeated header), first value each. */
function firstValues(header: Record<string, string[]>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(header)) headers[name] = (values[0] ?? '').trim();
  return headers;
}

/** Passes bytes through while hashing them with the algorithm the declared SHA-2 implies by its length. */
class Digest extends Transform {
  length = 0;
  private readonly hash?: Hash;

  constructor(private readonly declared: string) {
    super();
    const algorithm =
      declared.length === 64 ? 'sha256' : declared.length === 96 ? 'sha384' : declared.length === 128 ? 'sha512' : '';
    if (algorithm) this.hash = createHash(algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.length += chunk.length;
    this.hash?.update(chunk);
    callback(null, chunk);
  }

  matches(): boolean {
    return this.hash !== undefined && this.hash.digest('hex') === this.declared;
  }
}

/** Fails the body as soon as more than `maxBytes` have arrived (a chunked body declares no length). */
class ByteCount extends Transform {
  private received = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.maxBytes) {
      callback(payloadTooLarge(`request body: more than ${this.maxBytes} bytes; ${overTheLimit(this.maxBytes)}`));
      return;
    }
    callback(null, chunk);
  }
}

/** Nobody reads the answer; a 400 keeps it from being logged as a server error. */
class ClientGone extends Error {}

/** A refusal stays as thrown; what the parser says about a broken body is a 400 naming RFC 2046. */
function asXapiError(error: unknown): unknown {
  if (error instanceof XapiHttpError) return error;
  const code = (error as { code?: unknown }).code;
  if (error instanceof ClientGone || code === 'ECONNRESET') {
    return badRequest('request body: the connection closed before the body ended');
  }
  if (error instanceof Error && /multipart|part|header/i.test(error.message)) {
    return badRequest(`request body: not valid multipart/mixed: ${error.message} (RFC 2046)`);
  }
  return error;
}

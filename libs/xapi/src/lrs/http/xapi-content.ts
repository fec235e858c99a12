import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { tmpdir } from 'node:os';
import { parse as parseQueryString } from 'node:querystring';
import type { Readable } from 'node:stream';
import { isStatementsUpload, receiveStatementsUpload, type UploadLimits } from '../statements/statements-upload.js';
import { parseJsonBody, parseStorableJsonBody, unstorableTextError, unstorableTextPath } from './json-body.js';
import { isXapiPath } from './xapi-errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received, for every request with a body (documents are stored as sent). */
    rawBody?: Buffer;
  }
}

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Body parsers for the whole app (Nest's own are switched off in createApiApp): JSON and forms are
 * parsed and also kept raw on `request.rawBody`; a multipart/mixed PUT or POST of statements is read as
 * a stream (its attachments spooled, see statements-upload.ts); every other content type (documents)
 * arrives as the raw Buffer, for the resource to interpret.
 */
export function registerXapiContentParsers(
  fastify: FastifyInstance,
  uploads: UploadLimits = {
    maxBytes: 67_108_864,
    maxStatementsBytes: fastify.initialConfig.bodyLimit ?? 1_048_576,
    spoolDir: tmpdir(),
  },
): void {
  fastify.addContentTypeParser('multipart/mixed', async (request: FastifyRequest, payload: Readable) => {
    if (isStatementsWrite(request)) {
      const length = request.headers['content-length'];
      return receiveStatementsUpload(
        request.headers['content-type'] ?? '',
        length === undefined ? undefined : Number(length),
        payload,
        uploads,
      );
    }
    const body = await readWhole(request, payload, fastify.initialConfig.bodyLimit ?? 1_048_576);
    request.rawBody = body;
    return body;
  });
  // Spooled attachments are removed however the request ended: stored, refused by a guard after the
  // body was read, or failed in the handler.
  fastify.addHook('onResponse', async (request: FastifyRequest) => {
    if (isStatementsUpload(request.body)) await request.body.discard();
  });
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: Buffer, done: Done) => {
      request.rawBody = body;
      // An empty JSON body is not an error at this layer: a DELETE or GET may carry the header without content.
      if (body.length === 0) return done(null, undefined);
      try {
        // /xapi stores statements through the event store (which names the statement holding such text)
        // and documents as bytes; everything else ends up in PostgreSQL text.
        done(null, isXapiPath(request.url) ? parseJsonBody(body) : parseStorableJsonBody(body));
      } catch (error) {
        done(error as Error);
      }
    },
  );
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: Buffer, done: Done) => {
      request.rawBody = body;
      const form = { ...parseQueryString(body.toString('utf8')) };
      // As for JSON: /xapi reads a form as an alternate request, whose parts its own rules check.
      const unstorable = isXapiPath(request.url) ? undefined : unstorableTextPath(form);
      if (unstorable) return done(unstorableTextError(unstorable));
      done(null, form);
    },
  );
  // Fastify's built-in text/plain parser would hand over a string and lose the exact bytes.
  fastify.addContentTypeParser(
    'text/plain',
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: Buffer, done: Done) => {
      request.rawBody = body;
      done(null, body);
    },
  );
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done: Done) => {
    request.rawBody = body;
    done(null, body);
  });
}

function isStatementsWrite(request: FastifyRequest): boolean {
  return (request.method === 'POST' || request.method === 'PUT') && request.url.split('?')[0] === '/xapi/statements';
}

/** The body as one Buffer, refused past the body limit as Fastify's own buffering parsers do. */
async function readWhole(request: FastifyRequest, payload: Readable, limit: number): Promise<Buffer> {
  if (Number(request.headers['content-length']) > limit) throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

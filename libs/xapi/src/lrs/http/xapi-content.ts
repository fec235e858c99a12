import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';
import { parseJsonBody, parseStorableJsonBody } from './json-body.js';
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
 * parsed and also kept raw on `request.rawBody`; every other content type (documents, multipart/mixed
 * statements with attachments) arrives as the raw Buffer, for the resource to interpret.
 */
export function registerXapiContentParsers(fastify: FastifyInstance): void {
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
      done(null, { ...parseQueryString(body.toString('utf8')) });
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

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';

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
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done: Done) => {
    request.rawBody = body;
    // An empty JSON body is not an error at this layer: a DELETE or GET may carry the header without content.
    if (body.length === 0) return done(null, undefined);
    parseJson(request, body.toString('utf8'), (error: Error | null, value?: unknown) => {
      if (error) return done(Object.assign(new Error(`Request body: not valid JSON (${error.message})`), { statusCode: 400 }));
      done(null, value);
    });
  });
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: Buffer, done: Done) => {
      request.rawBody = body;
      done(null, { ...parseQueryString(body.toString('utf8')) });
    },
  );
  // Fastify's built-in text/plain parser would hand over a string and lose the exact bytes.
  fastify.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done: Done) => {
    request.rawBody = body;
    done(null, body);
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done: Done) => {
    request.rawBody = body;
    done(null, body);
  });
}

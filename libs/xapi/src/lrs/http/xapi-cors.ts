import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isXapiPath } from './xapi-errors.js';

const ALLOWED_METHODS = 'GET, HEAD, PUT, POST, DELETE, OPTIONS';
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Content-Length',
  'If-Match',
  'If-None-Match',
  'X-Experience-API-Version',
  'Accept',
  'Accept-Language',
  'X-Requested-With',
].join(', ');
const EXPOSED_HEADERS = [
  'ETag',
  'Last-Modified',
  'X-Experience-API-Version',
  'X-Experience-API-Consistent-Through',
  'Content-Type',
].join(', ');

/**
 * CORS for /xapi so browser-based content packages on any origin can call the LRS (Communication
 * Appendix C). The origin is echoed rather than `*` because `*` cannot cover the Authorization header.
 */
export function registerXapiCors(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'OPTIONS' || !isXapiPath(request.url)) return;
    applyCorsHeaders(request, reply);
    reply
      .header('access-control-allow-methods', ALLOWED_METHODS)
      .header('access-control-allow-headers', requestedHeaders(request) ?? ALLOWED_HEADERS)
      .header('access-control-max-age', '86400');
    await reply.status(204).send();
    return reply;
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (isXapiPath(request.url)) applyCorsHeaders(request, reply);
    return payload;
  });
}

function applyCorsHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  reply.header('access-control-allow-origin', origin ?? '*');
  if (origin) {
    reply.header('access-control-allow-credentials', 'true');
    reply.header('vary', 'Origin');
  }
  reply.header('access-control-expose-headers', EXPOSED_HEADERS);
}

/** Allow exactly what the browser asks for, plus the xAPI headers (any custom header a package adds is harmless). */
function requestedHeaders(request: FastifyRequest): string | undefined {
  const asked = request.headers['access-control-request-headers'];
  if (typeof asked !== 'string' || asked.trim() === '') return undefined;
  return `${ALLOWED_HEADERS}, ${asked}`;
}

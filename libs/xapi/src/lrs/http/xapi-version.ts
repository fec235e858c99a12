import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { XapiVersion } from '../../statement-model/types.js';
import { isXapiPath } from './xapi-errors.js';

export type { XapiVersion } from '../../statement-model/types.js';

export const VERSION_HEADER = 'x-experience-api-version';
export const LATEST_VERSION: XapiVersion = '2.0.0';
/** What a response to a request without the header carries: such a client predates 2.0 (Communication 3.3). */
export const VERSION_WITHOUT_HEADER: XapiVersion = '1.0.3';

declare module 'fastify' {
  interface FastifyRequest {
    /** The xAPI version negotiated from `X-Experience-API-Version` (set on every /xapi request). */
    xapiVersion?: XapiVersion;
  }
}

/**
 * Maps a requested version to the latest patch this LRS implements (Communication 3.3.s3): `1.0`
 * and `1.0.x` speak 1.0.3; `2.0` and `2.0.x` speak 2.0.0; anything else is refused.
 */
export function negotiateVersion(header: string | undefined): XapiVersion | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^1\.0(\.\d+)?$/.test(value)) return '1.0.3';
  if (/^2\.0(\.\d+)?$/.test(value)) return '2.0.0';
  return undefined;
}

/**
 * GET /xapi/about is how a client learns the versions, so it needs no version header; nor do the xAPI
 * Profiles under /xapi/profiles/, documents for people (a browser) and tools, not LRS resources.
 */
function isExempt(request: FastifyRequest): boolean {
  if (request.method === 'OPTIONS') return true;
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0]!;
  return path === '/xapi/about' || path === '/xapi/about/' || path.startsWith('/xapi/profiles/');
}

/**
 * Requires `X-Experience-API-Version` on every /xapi request and echoes the latest patch of the
 * negotiated version on every /xapi response, errors included; a request without the header (the 400,
 * or About) is answered as 1.0.3, which such a client can read (Communication 3.3, XAPI-00331). As
 * Fastify hooks (not a Nest interceptor) so it runs before authentication and also covers 401s and 404s.
 */
export function registerXapiVersionHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isXapiPath(request.url)) return;
    const header = request.headers[VERSION_HEADER];
    const raw = Array.isArray(header) ? header[0] : header;
    const version = negotiateVersion(raw);
    if (version) {
      request.xapiVersion = version;
      return;
    }
    if (isExempt(request) || isAlternateSyntax(request)) return;
    const message = raw
      ? `X-Experience-API-Version header: "${raw}" is not supported; this LRS accepts 1.0, 1.0.x, 2.0 and 2.0.x (Communication 3.3.s3.b4-b6)`
      : 'X-Experience-API-Version header: required on every request (Communication 3.3.s4.b1)';
    await reply
      .status(400)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ error: { status: 400, message } });
    return reply;
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (isXapiPath(request.url)) {
      const negotiated =
        request.xapiVersion ??
        (reply.getHeader(VERSION_HEADER) as XapiVersion | undefined) ??
        unnegotiatedVersion(request);
      reply.header(VERSION_HEADER, negotiated);
    }
    return payload;
  });
}

function unnegotiatedVersion(request: FastifyRequest): XapiVersion {
  return request.headers[VERSION_HEADER] === undefined ? VERSION_WITHOUT_HEADER : LATEST_VERSION;
}

/** POST with `?method=`: the version header travels in the form body (Communication 1.3). */
export function isAlternateSyntax(request: FastifyRequest): boolean {
  return request.method === 'POST' && /[?&]method=/.test(request.url);
}

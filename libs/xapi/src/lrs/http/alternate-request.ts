import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { negotiateVersion, VERSION_HEADER } from './xapi-version.js';

/** Form fields that stand for headers (Communication 1.3.s3.b6); matched case-insensitively. */
const HEADER_FIELDS = new Set([
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
]);
const METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);
/** Response headers Fastify sets itself for the outer reply. */
const HOP_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

type Form = Record<string, string | string[] | undefined>;

interface RewrittenRequest {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/**
 * The 1.0.3 alternate request syntax (Communication 1.3): `POST <resource>?method=PUT` with headers,
 * parameters and `content` as form fields. It is turned into the ordinary request and run through the
 * whole app with `inject`, so every resource supports it with its own auth, validation and headers.
 * xAPI 2.0 removed the syntax, so a 2.0 request using it gets a 400.
 */
export function registerAlternateRequestSyntax(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isAlternateRequest(request)) return;
    const rewritten = rewrite(request);
    if ('error' in rewritten) {
      await sendError(reply, rewritten.error);
      return reply;
    }
    const response = await fastify.inject({
      method: rewritten.method,
      url: rewritten.url,
      headers: rewritten.headers,
      payload: rewritten.payload,
    });
    for (const [name, value] of Object.entries(response.headers)) {
      if (!HOP_HEADERS.has(name.toLowerCase()) && value !== undefined) reply.header(name, value);
    }
    await reply.status(response.statusCode).send(response.rawPayload);
    return reply;
  });
  // Resources without a POST handler (about, activities, agents) must still accept the syntax.
  fastify.route({
    method: 'POST',
    url: '/xapi/*',
    handler: async (_request, reply) => {
      await sendError(reply, { status: 405, message: 'POST is not supported on this resource' }, 405);
    },
  });
}

function isAlternateRequest(request: FastifyRequest): boolean {
  if (request.method !== 'POST') return false;
  const path = request.url.split('?')[0];
  if (path !== '/xapi' && !path.startsWith('/xapi/')) return false;
  return new URLSearchParams(request.url.split('?')[1] ?? '').has('method');
}

function rewrite(request: FastifyRequest): RewrittenRequest | { error: { status: number; message: string } } {
  const [path, search = ''] = request.url.split('?');
  const query = new URLSearchParams(search);
  const method = (query.get('method') ?? '').toUpperCase();
  if (!METHODS.has(method)) {
    return {
      error: {
        status: 400,
        message: `method query parameter: must be one of ${[...METHODS].join(', ')} (Communication 1.3.s3.b2)`,
      },
    };
  }
  const others = [...query.keys()].filter((k) => k !== 'method');
  if (others.length > 0) {
    return {
      error: {
        status: 400,
        message: `query parameter ${others[0]}: not allowed with the alternate request syntax; send it as a form field (Communication 1.3.s3.b3)`,
      },
    };
  }
  const contentType = String(request.headers['content-type'] ?? '');
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return {
      error: {
        status: 400,
        message:
          'Content-Type: the alternate request syntax needs application/x-www-form-urlencoded (Communication 1.3.s3.b9)',
      },
    };
  }
  const form = (request.body ?? {}) as Form;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!['content-type', 'content-length', 'host', 'transfer-encoding'].includes(name) && typeof value === 'string')
      headers[name] = value;
  }
  const params = new URLSearchParams();
  let content: string | undefined;
  for (const [field, value] of Object.entries(form)) {
    const single = Array.isArray(value) ? value[value.length - 1] : value;
    if (single === undefined) continue;
    const lower = field.toLowerCase();
    if (field === 'content') content = single;
    else if (HEADER_FIELDS.has(lower)) {
      if (lower !== 'content-length') headers[lower] = single;
    } else params.append(field, single);
  }
  const version = negotiateVersion(headers[VERSION_HEADER]);
  if (version === '2.0.0') {
    return {
      error: {
        status: 400,
        message: 'method query parameter: the alternate request syntax was removed in xAPI 2.0 (use 1.0.3)',
      },
    };
  }
  if (content !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  if (content === undefined) delete headers['content-type'];
  const queryString = params.toString();
  return {
    method: method as RewrittenRequest['method'],
    url: queryString ? `${path}?${queryString}` : path,
    headers,
    payload: content,
  };
}

async function sendError(
  reply: FastifyReply,
  error: { status: number; message: string },
  status = error.status,
): Promise<void> {
  await reply
    .status(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ error: { status, message: error.message } });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUnstorableText, RequestInputError } from './json-body.js';

/**
 * Every query and path parameter of every route (/api and /xapi) must be text PostgreSQL can hold: a
 * `stateId=a%00b` or a worker id with U+0000 is refused here with a 400 naming the parameter, before any
 * handler could pass it to a query (where it was a 500) or store it.
 */
export function registerRequestTextRules(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    const bad = unstorableParameter(request.query, 'query') ?? unstorableParameter(request.params, 'path');
    if (bad)
      throw new RequestInputError(`${bad}: holds U+0000 or an unpaired UTF-16 surrogate, which cannot be stored`);
  });
}

function unstorableParameter(values: unknown, where: 'query' | 'path'): string | undefined {
  if (typeof values !== 'object' || values === null) return undefined;
  for (const [name, value] of Object.entries(values)) {
    const texts = Array.isArray(value) ? value : [value];
    if (isUnstorableText(name) || texts.some((t) => typeof t === 'string' && isUnstorableText(t))) {
      return `${JSON.stringify(name).slice(1, -1)} ${where} parameter`;
    }
  }
  return undefined;
}

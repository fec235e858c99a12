import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUnstorableText, unstorableTextError } from './json-body.js';

/**
 * Every query and path parameter of every route (/api and /xapi) must be text PostgreSQL can hold: a
 * `stateId=a%00b` or a worker id with U+0000 is refused here with a 400 naming the parameter, before any
 * handler could pass it to a query (where it was a 500) or store it.
 */
export function registerRequestTextRules(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    const bad = unstorableParameter(request.query, 'query') ?? unstorableParameter(request.params, 'path');
    // The message spells U+0000 in a name as an escape, so a log line shows where it was.
    if (bad) throw unstorableTextError(bad.name, `${JSON.stringify(bad.name).slice(1, -1)} ${bad.where} parameter`);
  });
}

function unstorableParameter(values: unknown, where: 'query' | 'path'): { name: string; where: string } | undefined {
  if (typeof values !== 'object' || values === null) return undefined;
  for (const [name, value] of Object.entries(values)) {
    const texts = Array.isArray(value) ? value : [value];
    if (isUnstorableText(name) || texts.some((t) => typeof t === 'string' && isUnstorableText(t))) {
      return { name, where };
    }
  }
  return undefined;
}

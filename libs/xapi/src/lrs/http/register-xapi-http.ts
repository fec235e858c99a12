import type { FastifyInstance } from 'fastify';
import { registerAlternateRequestSyntax } from './alternate-request.js';
import { registerRequestTextRules } from './request-text.js';
import { registerXapiContentParsers } from './xapi-content.js';
import { registerXapiCors } from './xapi-cors.js';
import { registerXapiVersionHooks } from './xapi-version.js';

/** Everything /xapi needs below Nest: body parsers, CORS, the version header, the alternate syntax. */
export function registerXapiHttp(fastify: FastifyInstance): void {
  registerRequestTextRules(fastify);
  registerXapiContentParsers(fastify);
  registerXapiCors(fastify);
  registerXapiVersionHooks(fastify);
  registerAlternateRequestSyntax(fastify);
}

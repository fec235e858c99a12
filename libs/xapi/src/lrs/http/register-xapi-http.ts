import type { FastifyInstance } from 'fastify';
import type { UploadLimits } from '../statements/statements-upload.js';
import { registerAlternateRequestSyntax } from './alternate-request.js';
import { registerRequestTextRules } from './request-text.js';
import { registerXapiContentParsers } from './xapi-content.js';
import { registerXapiCors } from './xapi-cors.js';
import { registerXapiVersionHooks } from './xapi-version.js';

/**
 * Everything /xapi needs below Nest: body parsers, CORS, the version header, the alternate syntax.
 * `uploads` defaults to the configuration's defaults (MAX_ATTACHMENT_BYTES, the OS temp folder).
 */
export function registerXapiHttp(fastify: FastifyInstance, uploads?: UploadLimits): void {
  registerRequestTextRules(fastify);
  registerXapiContentParsers(fastify, uploads);
  registerXapiCors(fastify);
  registerXapiVersionHooks(fastify);
  registerAlternateRequestSyntax(fastify);
}

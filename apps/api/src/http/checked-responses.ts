import type { OpenAPIObject } from '@nestjs/swagger';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { instanceOf, PROBLEM_JSON, problemOf, ProblemException } from '#libs/platform';
import { openApiPath } from './openapi-paths.js';

// ajv-formats is CommonJS with a default export; under nodenext its plugin function is on `.default`.
const addFormats = addFormatsModule.default;

type Responses = Record<string, { content?: Record<string, { schema?: object }> }>;

/** A documented success answer of one operation: its status, the media types it names, its JSON schema. */
export interface SuccessAnswer {
  /** "METHOD /api/path/{param}" */
  operation: string;
  status: string;
  mediaTypes: string[];
  schema?: object;
}

/** Every 2xx answer the document gives an /api operation. */
export function successAnswers(document: OpenAPIObject): SuccessAnswer[] {
  const answers: SuccessAnswer[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, operation] of Object.entries(operations as Record<string, { responses?: Responses }>)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!/^2\d\d$/.test(status)) continue;
        const content = response.content ?? {};
        answers.push({
          operation: `${method.toUpperCase()} ${path}`,
          status,
          mediaTypes: Object.keys(content),
          schema: content['application/json']?.schema,
        });
      }
    }
  }
  return answers;
}

/**
 * Checks every 2xx JSON answer of /api against the schema the OpenAPI document gives its operation and
 * status (VALIDATE_API_RESPONSES, on in the test suite), so every test that calls a route also checks
 * its documentation. An answer that strays (a property the schema does not name, a wrong type, a status
 * the document does not list) becomes a 500 problem naming the route, the status and where it strays.
 * Operations whose successes the document gives no JSON schema yet are left alone; the coverage test
 * (documented-responses.http.test.ts) names those.
 */
export function checkResponsesAgainstDocument(fastify: FastifyInstance, document: OpenAPIObject): void {
  const answers = documentedOperations(document);
  const validators = new Validators(document);
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode < 200 || reply.statusCode > 299 || request.method === 'HEAD') return payload;
    const operation = `${request.method} ${openApiPath(request.routeOptions.url ?? '')}`;
    const documented = answers.get(operation);
    if (!documented || !isJson(reply.getHeader('content-type'))) return payload;
    const status = String(reply.statusCode);
    const stray = strayFrom(documented, status, payload, validators);
    if (stray === undefined) return payload;
    const detail = `${operation} answered ${status} off its documented response: ${stray}`;
    reply.code(500).header('content-type', `${PROBLEM_JSON}; charset=utf-8`);
    request.log.error(detail);
    return JSON.stringify(problemOf(new ProblemException(500, detail), instanceOf(request)));
  });
}

/** Operations with at least one JSON schema among their successes → each documented success by status. */
function documentedOperations(document: OpenAPIObject): Map<string, Map<string, SuccessAnswer>> {
  const operations = new Map<string, Map<string, SuccessAnswer>>();
  for (const answer of successAnswers(document)) {
    const statuses = operations.get(answer.operation) ?? new Map<string, SuccessAnswer>();
    operations.set(answer.operation, statuses.set(answer.status, answer));
  }
  for (const [operation, statuses] of operations)
    if (![...statuses.values()].some((answer) => answer.schema)) operations.delete(operation);
  return operations;
}

/** How an answer strays from the document, in words, or undefined when it does not. */
function strayFrom(
  documented: Map<string, SuccessAnswer>,
  status: string,
  payload: unknown,
  validators: Validators,
): string | undefined {
  const answer = documented.get(status);
  if (!answer) return `the document lists only ${[...documented.keys()].join(', ')}`;
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
  // A stream (a download) is not read here: its route declares a media type of its own.
  if (text === undefined) return undefined;
  if (!answer.schema) return text === '' ? undefined : 'the document gives this status no JSON body';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the body is not JSON';
  }
  const validate = validators.for(answer);
  if (validate(body)) return undefined;
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(the body)'} ${e.message}${extraProperty(e.params)}`)
    .join('; ');
}

function extraProperty(params: Record<string, unknown>): string {
  return typeof params.additionalProperty === 'string' ? ` (${params.additionalProperty})` : '';
}

/** One compiled validator per documented answer, compiled on first use; `$ref`s resolve into the components. */
class Validators {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly compiled = new Map<SuccessAnswer, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    addFormats(this.ajv);
  }

  for(answer: SuccessAnswer): ValidateFunction {
    let validate = this.compiled.get(answer);
    if (!validate) {
      // The response schema inside a root that holds the components, where its `#/components/...` point.
      validate = this.ajv.compile({ allOf: [answer.schema], components: this.document.components });
      this.compiled.set(answer, validate);
    }
    return validate;
  }
}

function isJson(contentType: unknown): boolean {
  return typeof contentType === 'string' && /^application\/(?:[\w.+-]+\+)?json\b/.test(contentType);
}

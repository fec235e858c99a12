import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidInput } from '#libs/platform';

type Schema = {
  $ref?: string;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};

/**
 * Issue 14 §10: a misspelt property (`scope` for `roles`) must not be silently ignored. A route whose
 * documented body schema says `additionalProperties: false` refuses any top-level property it does not
 * name, with a 400 naming it. The rule comes from the OpenAPI document itself, so what is documented is
 * what is accepted. A schema made of alternatives (`oneOf`, one per evidence kind) names the union of theirs.
 */
export function refuseUndocumentedProperties(fastify: FastifyInstance, document: OpenAPIObject): void {
  const closed = closedBodies(document);
  fastify.addHook('preHandler', async (request: FastifyRequest) => {
    const allowed = closed.get(`${request.method} ${openApiPath(request.routeOptions.url ?? '')}`);
    if (!allowed || !isPlainObject(request.body)) return;
    const unknown = Object.keys(request.body).find((name) => !allowed.includes(name));
    if (unknown === undefined) return;
    throw invalidInput([
      { field: unknown, rule: `is not a property of this request body (it takes ${allowed.join(', ')})` },
    ]);
  });
}

/** "METHOD /api/path/{param}" → the property names its closed body schema allows. */
export function closedBodies(document: OpenAPIObject): Map<string, string[]> {
  const closed = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(
      operations as Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>,
    )) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      const allowed = schema ? allowedProperties(schema, document) : undefined;
      if (allowed) closed.set(`${method.toUpperCase()} ${path}`, allowed);
    }
  }
  return closed;
}

/** The names a closed schema allows, or undefined when it is open (says nothing, or allows more). */
function allowedProperties(reference: Schema, document: OpenAPIObject): string[] | undefined {
  const schema = resolve(reference, document);
  if (!schema) return undefined;
  const alternatives = schema.oneOf ?? schema.anyOf ?? schema.allOf;
  if (alternatives) {
    const each = alternatives.map((s) => allowedProperties(s, document));
    return each.every((names) => names !== undefined) ? [...new Set(each.flat() as string[])] : undefined;
  }
  return schema.additionalProperties === false ? Object.keys(schema.properties ?? {}) : undefined;
}

function resolve(schema: Schema, document: OpenAPIObject): Schema | undefined {
  if (!schema.$ref) return schema;
  return document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] as Schema | undefined;
}

/** Fastify's `/api/workers/:id` as OpenAPI writes it: `/api/workers/{id}`. */
function openApiPath(route: string): string {
  return route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidInput } from '#libs/platform';
import { openApiPath } from './openapi-paths.js';

type Schema = {
  $ref?: string;
  properties?: Record<string, { enum?: unknown[] }>;
  discriminator?: { propertyName: string };
  additionalProperties?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};

/**
 * Issue 14 §10: a misspelt property (`scope` for `roles`) must not be silently ignored. A route whose
 * documented body schema says `additionalProperties: false` refuses any top-level property it does not
 * name, with a 400 naming it. The rule comes from the OpenAPI document itself, so what is documented is
 * what is accepted. A schema made of alternatives names the union of theirs, or, told apart by a
 * discriminator (`kind`, one schema per evidence kind), the names of the alternative the body chose.
 */
export function refuseUndocumentedProperties(fastify: FastifyInstance, document: OpenAPIObject): void {
  const closed = closedBodies(document);
  fastify.addHook('preHandler', async (request: FastifyRequest) => {
    const body = closed.get(`${request.method} ${openApiPath(request.routeOptions.url ?? '')}`);
    if (!body || !isPlainObject(request.body)) return;
    const allowed = allowedIn(body, request.body);
    if (!allowed) return;
    const unknown = Object.keys(request.body).find((name) => !allowed.includes(name));
    if (unknown === undefined) return;
    throw invalidInput([
      { field: unknown, rule: `is not a property of this request body (it takes ${allowed.join(', ')})` },
    ]);
  });
}

/** What a closed body allows: `names`, or, when a discriminator tells alternatives apart, each one's. */
export interface ClosedBody {
  names: string[];
  discriminated?: { property: string; names: Record<string, string[]> };
}

/**
 * The names a body may have. A body whose discriminator is missing or names no alternative is left to
 * the route, whose reader refuses the discriminator itself (`kind: must be one of ...`).
 */
export function allowedIn(closed: ClosedBody, body: Record<string, unknown>): string[] | undefined {
  if (!closed.discriminated) return closed.names;
  const value = body[closed.discriminated.property];
  return typeof value === 'string' ? closed.discriminated.names[value] : undefined;
}

/** "METHOD /api/path/{param}" → what its closed body schema allows. */
export function closedBodies(document: OpenAPIObject): Map<string, ClosedBody> {
  const closed = new Map<string, ClosedBody>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(
      operations as Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>,
    )) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      const allowed = schema ? closedBody(schema, document) : undefined;
      if (allowed) closed.set(`${method.toUpperCase()} ${path}`, allowed);
    }
  }
  return closed;
}

function closedBody(reference: Schema, document: OpenAPIObject): ClosedBody | undefined {
  const names = allowedProperties(reference, document);
  if (!names) return undefined;
  const schema = resolve(reference, document);
  const property = schema?.discriminator?.propertyName;
  if (!property || !schema?.oneOf) return { names };
  const byValue: Record<string, string[]> = {};
  for (const alternative of schema.oneOf.map((s) => resolve(s, document))) {
    for (const value of alternative?.properties?.[property]?.enum ?? [])
      byValue[String(value)] = allowedProperties(alternative!, document)!;
  }
  return { names, discriminated: { property, names: byValue } };
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

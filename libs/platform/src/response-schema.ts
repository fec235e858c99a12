import { z } from 'zod';

/**
 * The OpenAPI (3.0) schema of a response, generated from the zod schema whose inferred type the handler
 * returns, so what the document says a route answers cannot drift from what it is typed to answer
 * (issue 14 §8). Use it in `@ApiOkResponse({ schema: responseSchema(X) })` and type the handler's result
 * as `z.infer<typeof X>` (or `z.output`).
 */
export function responseSchema(type: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(type, {
    target: 'openapi-3.0',
    io: 'output',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return nullInEnums(schema) as Record<string, unknown>;
}

/**
 * OpenAPI 3.0.3 says `nullable: true` adds null to the types only: an `enum` beside it still refuses null
 * unless it lists null itself, and zod leaves it out (`z.enum([...]).nullable()`). Validators that follow
 * the specification (ajv) then refuse a null the type allows, so the enum gets its null here.
 */
export function nullInEnums(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullInEnums);
  if (typeof schema !== 'object' || schema === null) return schema;
  const node = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, nullInEnums(value)]));
  if (node.nullable === true && Array.isArray(node.enum) && !node.enum.includes(null))
    node.enum = [...(node.enum as unknown[]), null];
  return node;
}

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
  return schema;
}

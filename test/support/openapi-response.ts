import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';
import { expect } from 'vitest';

const addFormats = addFormatsModule.default;

/**
 * Asserts that a 2xx JSON body is what the OpenAPI document says the operation answers with that status
 * (issue 14 §8), for tests of a lib's own HTTP module outside apps/api (whose test runs check every answer).
 */
export function expectDocumentedResponse(
  document: OpenAPIObject,
  operation: { method: string; path: string; status: number },
  body: unknown,
): void {
  const { method, path, status } = operation;
  const responses = (document.paths[path] as Record<string, { responses?: Record<string, any> }> | undefined)?.[
    method.toLowerCase()
  ]?.responses;
  const schema = responses?.[String(status)]?.content?.['application/json']?.schema;
  expect(schema, `${method} ${path} documents a ${status} JSON schema`).toBeDefined();
  const validate = validatorFor(document, schema);
  expect(validate(body) ? [] : validate.errors, `${method} ${path} ${status}`).toEqual([]);
}

function validatorFor(document: OpenAPIObject, schema: object): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // Component references resolve inside the document itself.
  ajv.addSchema({ components: document.components ?? {} }, 'openapi');
  return ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')));
}

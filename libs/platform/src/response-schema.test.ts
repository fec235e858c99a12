import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSchema } from './response-schema.js';

describe('responseSchema', () => {
  it('writes OpenAPI 3.0: nullable instead of a null type, no $schema, closed objects', () => {
    const schema = responseSchema(z.object({ name: z.string().nullable(), count: z.number().int().optional() }));
    expect(schema).not.toHaveProperty('$schema');
    expect(schema).toMatchObject({
      type: 'object',
      properties: { name: { type: 'string', nullable: true }, count: { type: 'integer' } },
      required: ['name'],
      additionalProperties: false,
    });
  });

  it('lists null in the enum of a nullable enum, which OpenAPI 3.0.3 otherwise reads as refusing null', () => {
    const schema = responseSchema(z.object({ stage: z.enum(['informed', 'skilled']).nullable() }));
    expect(schema).toMatchObject({
      properties: { stage: { type: 'string', nullable: true, enum: ['informed', 'skilled', null] } },
    });
  });
});

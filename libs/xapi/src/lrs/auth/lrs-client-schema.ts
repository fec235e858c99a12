import { LRS_SCOPES } from './lrs-principal.js';

/** The body that creates an LRS client; the admin route also takes the client's organisation. */
export function newLrsClientBodySchema(extra: Record<string, object> = {}) {
  return {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', maxLength: 200 },
      ...extra,
      scopes: {
        type: 'array',
        items: { type: 'string', enum: [...LRS_SCOPES] },
        description: 'xAPI OAuth scope names; default statements/write, statements/read/mine',
      },
    },
  };
}

import { LRS_SCOPES } from './lrs-principal.js';

/** An LRS client as the /api routes show it (OpenAPI): never its secret, which only creation returns. */
export const LRS_CLIENT_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    key: { type: 'string', description: 'The HTTP Basic user name' },
    name: { type: 'string' },
    organisationId: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string', enum: [...LRS_SCOPES] } },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: 'string', format: 'date-time', nullable: true },
  },
};

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

/** Creation's answer: the client and, this once, its secret. */
export const CREATED_LRS_CLIENT_SCHEMA = {
  ...LRS_CLIENT_SCHEMA,
  properties: { ...LRS_CLIENT_SCHEMA.properties, secret: { type: 'string' } },
};

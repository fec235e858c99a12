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

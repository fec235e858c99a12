import { ACCESS_ROLE_KINDS } from '../access/viewer.js';

/** OpenAPI shapes of the identity request bodies. */
export const roleSchema = {
  type: 'object',
  required: ['kind'],
  description:
    'worker {workerId}; line-manager {organisationId, workerIds}; learning-lead {organisationId}; ' +
    'evaluator {organisationId?} (absent = national); platform-admin {}',
  properties: {
    kind: { type: 'string', enum: [...ACCESS_ROLE_KINDS] },
    workerId: { type: 'string' },
    organisationId: { type: 'string' },
    workerIds: { type: 'array', items: { type: 'string' } },
  },
};

export const newUserBodySchema = {
  type: 'object',
  required: ['email', 'displayName', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email', description: 'Unique, case-insensitively' },
    displayName: { type: 'string', maxLength: 200 },
    password: { type: 'string', minLength: 12, maxLength: 1024 },
    roles: { type: 'array', items: roleSchema },
  },
};

export const roleChangeBodySchema = {
  type: 'object',
  required: ['roles'],
  additionalProperties: false,
  properties: { roles: { type: 'array', minItems: 1, items: roleSchema } },
};

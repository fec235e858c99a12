import { z } from 'zod';
import { LRS_SCOPES, type LrsScope } from './lrs-principal.js';

// What the /api LRS client routes answer (issue 14 §8): the views are these schemas' types, and the
// OpenAPI document's response schemas are generated from them.

/** An LRS client as the /api routes show it: never its secret, which only creation returns. */
export const lrsClientResponse = z.object({
  id: z.guid(),
  key: z.string().describe('The HTTP Basic user name'),
  name: z.string(),
  organisationId: z.string(),
  scopes: z.array(z.enum(LRS_SCOPES as [LrsScope, ...LrsScope[]])),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});

/** Creation's answer: the client and, this once, its secret. */
export const createdLrsClientResponse = lrsClientResponse.extend({
  secret: z.string().describe('The HTTP Basic password; shown only here, only its hash is kept'),
});

export const lrsClientsResponse = z.array(lrsClientResponse);

/** One page of an organisation's clients. */
export const lrsClientPageResponse = z.object({
  organisationId: z.string(),
  clients: z.array(lrsClientResponse),
  next: z.string().nullable().describe('Pass as ?after= for the next page; null on the last'),
});

import { z } from 'zod';
import { requestBody } from '#libs/platform';
import { DEFAULT_LRS_SCOPES, LRS_SCOPES, type LrsScope } from '../lrs-principal.js';

/** Organisations are not a domain concept yet (a later issue adds them): clients get this one by default. */
export const DEFAULT_ORGANISATION_ID = 'default';

const NAME_MAX = 200;
const ORGANISATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const name = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .refine((value) => value.trim().length > 0, { error: 'must not be blank', abort: true })
  .max(NAME_MAX, { error: `must be at most ${NAME_MAX} characters` })
  .overwrite((value) => value.trim());

const ORGANISATION_RULE =
  'must be 1-128 characters of letters, digits, ".", "_", ":" or "-", starting with a letter or digit';
const organisationId = z
  .string({ error: ORGANISATION_RULE })
  .regex(ORGANISATION_ID, { error: ORGANISATION_RULE })
  .default(DEFAULT_ORGANISATION_ID)
  .meta({ description: 'Default "default" (Default organisation)' });

const scope = z.enum(LRS_SCOPES as readonly LrsScope[] as [LrsScope, ...LrsScope[]], {
  error: (issue) => `must be one of ${LRS_SCOPES.join(', ')} (got ${JSON.stringify(issue.input)})`,
});
const scopes = z
  .array(scope, { error: 'must be an array of scope names' })
  .min(1, { error: 'must not be empty (omit it for the default: statements/write, statements/read/mine)' })
  .refine((list) => new Set(list).size === list.length, { error: 'must not repeat a scope' })
  .default(() => [...DEFAULT_LRS_SCOPES])
  .meta({ description: 'xAPI OAuth scope names; default statements/write, statements/read/mine' });

/** The body of `POST /api/admin/lrs-clients`: the client's organisation is in it. */
export const newLrsClientRequest = requestBody({ name, organisationId, scopes }, { sketched: true });

/** The body of `POST /api/organisations/:organisationId/lrs-clients`: the organisation is the path's. */
export const newOrganisationLrsClientRequest = requestBody({ name, scopes }, { sketched: true });

import { problemsIn, type FieldProblem } from '#libs/platform';
import type { LrsScope } from './lrs-principal.js';
import {
  DEFAULT_ORGANISATION_ID,
  newLrsClientRequest,
  newOrganisationLrsClientRequest,
} from './register-lrs-client/register-lrs-client.request.js';

export { DEFAULT_ORGANISATION_ID };
export const DEFAULT_ORGANISATION_NAME = 'Default organisation';

export interface NewLrsClient {
  name: string;
  organisationId: string;
  scopes: LrsScope[];
}

/**
 * Reads a new client's body; each problem names the field and the rule it breaks (the 400's `errors`). The admin API
 * takes `organisationId` in the body; an organisation's own route passes it from its path as `fixedOrganisationId`
 * (its body has no `organisationId`: the closed body refuses one).
 */
export function parseNewLrsClient(
  body: unknown,
  fixedOrganisationId?: string,
): { client: NewLrsClient; problems: [] } | { client?: undefined; problems: FieldProblem[] } {
  const parsed =
    fixedOrganisationId === undefined
      ? newLrsClientRequest.safeParse(body)
      : newOrganisationLrsClientRequest.safeParse(body);
  if (!parsed.success) return { problems: problemsIn(parsed.error) };
  return { client: { organisationId: fixedOrganisationId ?? DEFAULT_ORGANISATION_ID, ...parsed.data }, problems: [] };
}

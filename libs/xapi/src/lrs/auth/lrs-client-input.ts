import type { FieldProblem } from '#libs/platform';
import { DEFAULT_LRS_SCOPES, isLrsScope, LRS_SCOPES, type LrsScope } from './lrs-principal.js';

/** Organisations are not a domain concept yet (a later issue adds them): clients get this one by default. */
export const DEFAULT_ORGANISATION_ID = 'default';
export const DEFAULT_ORGANISATION_NAME = 'Default organisation';

export interface NewLrsClient {
  name: string;
  organisationId: string;
  scopes: LrsScope[];
}

const ORGANISATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Checks a new client's body; each problem names the field and the rule it breaks (the 400's `errors`). The admin API
 * takes `organisationId` in the body; an organisation's own route passes it from its path as `fixedOrganisationId`
 * (its body has no `organisationId`, and one sent is ignored here: the closed body schema refuses it first).
 */
export function parseNewLrsClient(
  body: unknown,
  fixedOrganisationId?: string,
): { client: NewLrsClient; problems: [] } | { client?: undefined; problems: FieldProblem[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const shape = fixedOrganisationId === undefined ? '{ name, organisationId?, scopes? }' : '{ name, scopes? }';
    return { problems: [{ field: 'body', rule: `must be a JSON object ${shape}` }] };
  }
  const input =
    fixedOrganisationId === undefined
      ? (body as Record<string, unknown>)
      : { ...(body as Record<string, unknown>), organisationId: fixedOrganisationId };
  const problems = [
    ...nameProblems(input.name),
    ...organisationProblems(input.organisationId),
    ...scopeProblems(input.scopes),
  ];
  if (problems.length > 0) return { problems };
  return {
    client: {
      name: (input.name as string).trim(),
      organisationId: (input.organisationId as string | undefined) ?? DEFAULT_ORGANISATION_ID,
      scopes: input.scopes === undefined ? [...DEFAULT_LRS_SCOPES] : [...(input.scopes as LrsScope[])],
    },
    problems: [],
  };
}

function nameProblems(name: unknown): FieldProblem[] {
  if (name === undefined) return [{ field: 'name', rule: 'is required' }];
  if (typeof name !== 'string') return [{ field: 'name', rule: 'must be a string' }];
  if (name.trim().length === 0) return [{ field: 'name', rule: 'must not be blank' }];
  if (name.length > 200) return [{ field: 'name', rule: 'must be at most 200 characters' }];
  return [];
}

function organisationProblems(organisationId: unknown): FieldProblem[] {
  if (organisationId === undefined) return [];
  if (typeof organisationId !== 'string' || !ORGANISATION_ID.test(organisationId)) {
    return [
      {
        field: 'organisationId',
        rule: 'must be 1-128 characters of letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
      },
    ];
  }
  return [];
}

function scopeProblems(scopes: unknown): FieldProblem[] {
  if (scopes === undefined) return [];
  if (!Array.isArray(scopes)) return [{ field: 'scopes', rule: 'must be an array of scope names' }];
  if (scopes.length === 0)
    return [
      { field: 'scopes', rule: 'must not be empty (omit it for the default: statements/write, statements/read/mine)' },
    ];
  const problems: FieldProblem[] = [];
  scopes.forEach((scope, index) => {
    if (!isLrsScope(scope))
      problems.push({
        field: `scopes[${index}]`,
        rule: `must be one of ${LRS_SCOPES.join(', ')} (got ${JSON.stringify(scope)})`,
      });
  });
  if (new Set(scopes).size !== scopes.length) problems.push({ field: 'scopes', rule: 'must not repeat a scope' });
  return problems;
}

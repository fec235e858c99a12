/** The xAPI OAuth scope names (xAPI-Communication 4.1.5 / 1.0.3 §6.4.2), used here for Basic clients too. */
export type LrsScope =
  'statements/write' | 'statements/read' | 'statements/read/mine' | 'state' | 'profile' | 'define' | 'all/read' | 'all';

export const LRS_SCOPES: readonly LrsScope[] = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'profile',
  'define',
  'all/read',
  'all',
];

/** The spec's default when a client asks for no scope: write statements and read its own. */
export const DEFAULT_LRS_SCOPES: readonly LrsScope[] = ['statements/write', 'statements/read/mine'];

export function isLrsScope(value: unknown): value is LrsScope {
  return typeof value === 'string' && (LRS_SCOPES as readonly string[]).includes(value);
}

/** Who is calling /xapi: one LRS client of one organisation. */
export interface LrsPrincipal {
  clientId: string;
  key: string;
  name: string;
  organisationId: string;
  scopes: LrsScope[];
  /** The LRS sets this as the `authority` of the statements the client stores. */
  authority: { objectType: 'Agent'; name?: string; account: { homePage: string; name: string } };
}

/** Scopes that only read: `all/read` stands in for these. */
const READ_SCOPES: ReadonlySet<LrsScope> = new Set(['statements/read', 'statements/read/mine', 'all/read']);

/**
 * Whether the principal holds `needed`: `all` covers everything; `all/read` covers every read scope;
 * `statements/read` covers `statements/read/mine`. `state`, `profile` and `define` are covered only by
 * themselves and `all` — for reads of documents the handler also lists `all/read` (see RequireScope).
 */
export function hasScope(principal: LrsPrincipal, needed: LrsScope): boolean {
  const held = principal.scopes;
  if (held.includes('all') || held.includes(needed)) return true;
  if (READ_SCOPES.has(needed) && held.includes('all/read')) return true;
  if (needed === 'statements/read/mine' && held.includes('statements/read')) return true;
  return false;
}

export function hasAnyScope(principal: LrsPrincipal, anyOf: readonly LrsScope[]): boolean {
  return anyOf.some((scope) => hasScope(principal, scope));
}

/**
 * True when the principal may read statements but only those it stored itself (its authority):
 * it has `statements/read/mine` and nothing wider. The statements resource filters by authority then.
 */
export function readsOnlyOwnStatements(principal: LrsPrincipal): boolean {
  return !hasScope(principal, 'statements/read') && hasScope(principal, 'statements/read/mine');
}

/** Where client authorities point when no public base URL is configured. */
export const LRS_CLIENT_HOME_PAGE = 'urn:continuum:lrs-client';

export function clientAuthority(
  client: { name: string; key: string },
  homePage = LRS_CLIENT_HOME_PAGE,
): LrsPrincipal['authority'] {
  return { objectType: 'Agent', name: client.name, account: { homePage, name: client.key } };
}

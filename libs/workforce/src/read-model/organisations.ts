import type pg from 'pg';
import { z } from 'zod';
import { pageLimit } from '#libs/platform';
import { invalid } from '../domain/errors.js';
import { schema } from './indicator-judgements.js';
import { Instant, NextPage, StageNameSchema } from './response-parts.js';

export const OrganisationSummary = z.object({
  id: z.string(),
  name: z.string(),
  sector: z.enum(['public', 'private', 'voluntary']),
  region: z.string(),
  serviceType: z.string(),
  sizeBand: z.enum(['micro', 'small', 'medium', 'large']),
  registeredAt: Instant,
});
export type OrganisationSummary = z.output<typeof OrganisationSummary>;

/** A job role with its requirements (a person specification is not personal data). */
export const RoleSummary = z.object({
  id: z.string(),
  organisationId: z.string(),
  name: z.string(),
  requirements: z.array(z.object({ capabilityId: z.string(), stage: StageNameSchema })),
  qualifications: z.array(z.string()),
  training: z.array(z.string()),
});
export type RoleSummary = z.output<typeof RoleSummary>;

export const OrganisationsPage = z.object({ organisations: z.array(OrganisationSummary), next: NextPage });
export type OrganisationsPage = z.output<typeof OrganisationsPage>;

export const OrganisationRolesPage = z.object({
  organisationId: z.string(),
  organisationName: z
    .string()
    .describe("The organisation's name, to group its roles under it beside another employer's (its id if it has none)"),
  roles: z.array(RoleSummary),
  next: NextPage,
});
export type OrganisationRolesPage = z.output<typeof OrganisationRolesPage>;

export interface Page {
  limit: number;
  /** Opaque cursor from the previous page's `next`. */
  after?: string;
}

/**
 * Organisations by id, keyset-paginated; `only` restricts to these ids (a learning lead's own), `search`
 * to those whose name or id holds it, in any case (a plain substring: `%` and `_` are not wildcards).
 */
export async function listOrganisations(
  db: pg.Pool,
  page: Page,
  only?: readonly string[],
  search?: string,
): Promise<OrganisationsPage> {
  const { rows } = await db.query(
    `select id, name, sector, region, service_type as "serviceType", size_band as "sizeBand", registered_at as "registeredAt"
     from ${schema()}.organisations
     where ($1::text[] is null or id = any($1)) and ($2::text is null or id > $2)
       and ($4::text is null or strpos(lower(name), lower($4)) > 0 or strpos(lower(id), lower($4)) > 0)
     order by id limit $3`,
    [only ?? null, page.after ? decodeCursor(page.after) : null, page.limit + 1, search ?? null],
  );
  const organisations = rows
    .slice(0, page.limit)
    .map((r) => ({ ...r, registeredAt: new Date(r.registeredAt).toISOString() }) as OrganisationSummary);
  return { organisations, next: nextCursor(rows.length > page.limit, organisations) };
}

/** An organisation's job roles by id, keyset-paginated. */
export async function listRoles(db: pg.Pool, organisationId: string, page: Page): Promise<OrganisationRolesPage> {
  const { rows } = await db.query<RoleSummary>(
    `select id, organisation_id as "organisationId", name, requirements, qualifications, training
     from ${schema()}.roles where organisation_id = $1 and ($2::text is null or id > $2)
     order by id limit $3`,
    [organisationId, page.after ? decodeCursor(page.after) : null, page.limit + 1],
  );
  const roles = rows.slice(0, page.limit);
  // The bootstrap LRS client's `default` organisation is not registered, so it has no name.
  const organisationName = (await organisationNames(db, [organisationId])).get(organisationId) ?? organisationId;
  return { organisationId, organisationName, roles, next: nextCursor(rows.length > page.limit, roles) };
}

/** The names of these organisations by id; an id not registered is left out. */
export async function organisationNames(
  db: pg.Pool,
  organisationIds: readonly string[],
): Promise<ReadonlyMap<string, string>> {
  if (organisationIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; name: string }>(
    `select id, name from ${schema()}.organisations where id = any($1::text[])`,
    [organisationIds],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function organisationRegistered(db: pg.Pool, organisationId: string): Promise<boolean> {
  const { rows } = await db.query(`select 1 from ${schema()}.organisations where id = $1`, [organisationId]);
  return rows.length > 0;
}

/** `?limit=`: 1-500, default 50, unless a route pages by other bounds. */
export function pageOf(
  query: { limit?: string; after?: string },
  { defaultLimit = 50, maxLimit = 500 }: { defaultLimit?: number; maxLimit?: number } = {},
): Page {
  const limit = pageLimit(query.limit, { defaultLimit, maxLimit });
  if (limit === undefined) return invalid('limit', `must be a whole number from 1 to ${maxLimit}`);
  if (query.after !== undefined) decodeCursor(query.after);
  return { limit, ...(query.after !== undefined ? { after: query.after } : {}) };
}

/** The longest `?q=`: an organisation's name is one line of text. */
export const SEARCH_MAX_LENGTH = 100;

/** `?q=`, what an organisation's name or id holds: absent, or 1-100 characters once trimmed. */
export function searchOf(q: unknown): string | undefined {
  if (q === undefined) return undefined;
  const search = typeof q === 'string' ? q.trim() : '';
  if (!search || search.length > SEARCH_MAX_LENGTH)
    invalid('q', `must be text of 1 to ${SEARCH_MAX_LENGTH} characters (part of a name or id)`);
  return search;
}

export function nextCursor(more: boolean, page: { id: string }[]): string | null {
  const last = page[page.length - 1];
  return more && last ? Buffer.from(JSON.stringify([last.id])).toString('base64url') : null;
}

export function decodeCursor(cursor: string): string {
  try {
    const [id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    // A forged cursor reaches SQL, whose text cannot hold U+0000.
    if (typeof id === 'string' && !id.includes('\u0000')) return id;
  } catch {
    // falls through to the 400 below
  }
  return invalid('after', "must be a cursor from a previous page's next");
}

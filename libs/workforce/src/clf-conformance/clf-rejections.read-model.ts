import type pg from 'pg';
import { z } from 'zod';
import { pageLimit } from '#libs/platform';
import { liveSchema } from '#libs/projections';
import { invalid } from '../domain/errors.js';
import { Instant, NextPage } from '../read-model/response-parts.js';
import { CLF_REJECTIONS_PROJECTION, REJECTIONS_KEPT_PER_CLIENT } from './clf-rejections.projection.js';

export interface RejectionsPage {
  limit: number;
  /** The log position the previous page ended at. */
  after?: number;
}

const BrokenRuleSchema = z.object({
  template: z.string(),
  location: z
    .string()
    .describe("The rule's location (and selector), or object / context.statement for a StatementRef requirement"),
  problem: z.string().describe("What is wrong, in the specification's terms"),
  rule: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('The rule as the profile states it (absent for a StatementRef requirement), with its scopeNote'),
});

export const RejectionView = z.object({
  statementId: z.string(),
  stored: Instant,
  client: z.string().describe('The LRS client (key) that sent it'),
  verb: z.string().nullable(),
  objectId: z.string().nullable(),
  reason: z.string().describe('Why it counts for nothing'),
  templates: z.object({
    matched: z.array(z.string()).describe('The statement templates of the CLF profile it matches'),
    broken: z.array(BrokenRuleSchema).describe('The template rules it breaks'),
  }),
});
export type RejectionView = z.output<typeof RejectionView>;

export const RejectionsList = z.object({
  keptPerClient: z.number().int().describe('How many are kept per LRS client: older ones are dropped'),
  rejections: z.array(RejectionView).describe('Newest first'),
  next: NextPage,
});
export type RejectionsList = z.output<typeof RejectionsList>;

/** `limit` 1-100 (default 50) and `after`, a previous page's `next`; bad values are an InvalidInputError naming them. */
export function rejectionsPageOf(query: { limit?: unknown; after?: unknown }): RejectionsPage {
  const limit = pageLimit(query.limit, { defaultLimit: 50, maxLimit: REJECTIONS_KEPT_PER_CLIENT });
  if (limit === undefined) return invalid('limit', `must be a whole number from 1 to ${REJECTIONS_KEPT_PER_CLIENT}`);
  if (query.after === undefined) return { limit };
  return { limit, after: decodeCursor(query.after) };
}

/** The organisation's rejections, newest first; only `client`'s when given. */
export async function listRejections(
  pool: pg.Pool,
  organisationId: string,
  client: string | undefined,
  page: RejectionsPage,
): Promise<RejectionsList> {
  const { rows } = await pool.query<{
    seq: string;
    statement_id: string;
    stored: Date;
    client_key: string;
    verb: string | null;
    object_id: string | null;
    reason: string;
    templates: RejectionView['templates'];
  }>(
    `select seq, statement_id, stored, client_key, verb, object_id, reason, templates
       from ${liveSchema(CLF_REJECTIONS_PROJECTION)}.rejections
      where organisation_id = $1 and ($2::text is null or client_key = $2) and ($3::bigint is null or seq < $3)
      order by seq desc
      limit $4`,
    [organisationId, client ?? null, page.after ?? null, page.limit + 1],
  );
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  return {
    keptPerClient: REJECTIONS_KEPT_PER_CLIENT,
    rejections: shown.map((r) => ({
      statementId: r.statement_id,
      stored: r.stored.toISOString(),
      client: r.client_key,
      verb: r.verb,
      objectId: r.object_id,
      reason: r.reason,
      templates: r.templates,
    })),
    next: more ? Buffer.from(JSON.stringify([Number(shown.at(-1)!.seq)])).toString('base64url') : null,
  };
}

function decodeCursor(cursor: unknown): number {
  try {
    const [seq] = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(seq) && (seq as number) >= 0) return seq as number;
  } catch {
    // falls through to the 400 below
  }
  return invalid('after', "must be a cursor from a previous page's next");
}

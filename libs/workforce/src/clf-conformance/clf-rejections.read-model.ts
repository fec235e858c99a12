import type pg from 'pg';
import { liveSchema } from '#libs/projections';
import { invalid } from '../domain/errors.js';
import {
  CLF_REJECTIONS_PROJECTION,
  REJECTIONS_KEPT_PER_CLIENT,
  type RejectionRow,
} from './clf-rejections.projection.js';

export interface RejectionsPage {
  limit: number;
  /** The log position the previous page ended at. */
  after?: number;
}

export interface RejectionView {
  statementId: string;
  stored: string;
  /** The LRS client (key) that sent it. */
  client: string;
  verb: string | null;
  objectId: string | null;
  /** Why it counts for nothing. */
  reason: string;
  templates: RejectionRow['templates'];
}

export interface RejectionsList {
  /** How many are kept per LRS client: older ones are dropped. */
  keptPerClient: number;
  /** Newest first. */
  rejections: RejectionView[];
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}

/** `limit` 1-100 (default 50) and `after`, a previous page's `next`; bad values are an InvalidInputError naming them. */
export function rejectionsPageOf(query: { limit?: unknown; after?: unknown }): RejectionsPage {
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > REJECTIONS_KEPT_PER_CLIENT)
    invalid('limit', `must be a whole number from 1 to ${REJECTIONS_KEPT_PER_CLIENT}`);
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
    templates: RejectionRow['templates'];
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

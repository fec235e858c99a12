import { pageLimit } from './request-fields.js';

/** Where a page ordered by creation resumes: after this row (creation time, then id). */
export interface CreationCursor {
  /** created_at in microseconds since the epoch, as decimal text (beyond Number's exact range). */
  createdMicros: string;
  id: string;
}

export interface CreationPage {
  limit: number;
  after?: CreationCursor;
}

/** A route's bounds of `?limit=` and its words for an `?after=` that is not a cursor it gave. */
export interface CreationPageRules {
  defaultLimit: number;
  maxLimit: number;
  afterRule: string;
}

export type ParsedCreationPage =
  | { page: CreationPage; problem?: undefined }
  | { page?: undefined; problem: { field: 'limit' | 'after'; rule: string } };

/**
 * `?limit=` and `?after=` (the `next` of the page before) of a list ordered by creation time, or the
 * problem naming the parameter and its rule. A repeated parameter (an array) is refused like a bad one.
 */
export function parseCreationPage(
  query: { limit?: unknown; after?: unknown },
  { defaultLimit, maxLimit, afterRule }: CreationPageRules,
): ParsedCreationPage {
  const limit = pageLimit(query.limit, { defaultLimit, maxLimit });
  if (limit === undefined) return { problem: { field: 'limit', rule: `must be a whole number from 1 to ${maxLimit}` } };
  if (query.after === undefined) return { page: { limit } };
  const after = typeof query.after === 'string' ? decodeCreationCursor(query.after) : undefined;
  if (!after) return { problem: { field: 'after', rule: afterRule } };
  return { page: { limit, after } };
}

export function encodeCreationCursor(cursor: CreationCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdMicros, cursor.id])).toString('base64url');
}

const MICROS = /^[0-9]{1,18}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A forged cursor reaches SQL as a bigint and a uuid: anything else is refused here, not there. */
function decodeCreationCursor(text: string): CreationCursor | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
    const [createdMicros, id] = decoded as unknown[];
    if (typeof createdMicros !== 'string' || !MICROS.test(createdMicros)) return undefined;
    if (typeof id !== 'string' || !UUID.test(id)) return undefined;
    return { createdMicros, id };
  } catch {
    return undefined;
  }
}

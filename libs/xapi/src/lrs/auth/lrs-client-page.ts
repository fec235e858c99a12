/** Where a page of an organisation's LRS clients resumes: after this client (creation time, then id). */
export interface ClientCursor {
  /** created_at in microseconds since the epoch, as decimal text (beyond Number's exact range). */
  createdMicros: string;
  id: string;
}

export interface ClientPage {
  limit: number;
  after?: ClientCursor;
}

/** `?limit=` and `?after=` as the organisation routes take them: 1-500, default 50, and the cursor of `next`. */
export const CLIENT_PAGE_LIMITS = { defaultLimit: 50, maxLimit: 500 } as const;

/** The page asked for, or the problem naming the parameter and its rule. */
export function parseClientPage(query: {
  limit?: string;
  after?: string;
}): { page: ClientPage; problem?: undefined } | { page?: undefined; problem: { field: string; rule: string } } {
  const { defaultLimit, maxLimit } = CLIENT_PAGE_LIMITS;
  const limit = query.limit === undefined ? defaultLimit : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    return { problem: { field: 'limit', rule: `must be a whole number from 1 to ${maxLimit}` } };
  }
  if (query.after === undefined) return { page: { limit } };
  const after = decodeClientCursor(query.after);
  if (!after) return { problem: { field: 'after', rule: "must be a cursor from a previous page's next" } };
  return { page: { limit, after } };
}

export function encodeClientCursor(cursor: ClientCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdMicros, cursor.id])).toString('base64url');
}

const MICROS = /^[0-9]{1,18}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A forged cursor reaches SQL as a bigint and a uuid: anything else is refused here, not there. */
function decodeClientCursor(text: string): ClientCursor | undefined {
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

import type { Parsed } from '../user-input.js';

/** Where a page of users resumes: after this user (creation time in microseconds as text, then id). */
export interface UserCursor {
  createdMicros: string;
  id: string;
}

export interface UsersPage {
  limit: number;
  after?: UserCursor;
}

/** `?limit=` 1-500 (default 100) and `?after=`, the `next` of the page before. */
export const USERS_PAGE_LIMITS = { defaultLimit: 100, maxLimit: 500 } as const;

/** The page asked for, or the 400's problem naming the parameter and its rule. */
export function parseUsersPage(query: { limit?: unknown; after?: unknown }): Parsed<UsersPage> {
  const { defaultLimit, maxLimit } = USERS_PAGE_LIMITS;
  const limit = query.limit === undefined ? defaultLimit : Number(query.limit);
  if (typeof (query.limit ?? '') !== 'string' || !Number.isInteger(limit) || limit < 1 || limit > maxLimit)
    return refused('limit', `must be a whole number from 1 to ${maxLimit}`);
  if (query.after === undefined) return { ok: true, value: { limit } };
  const after = typeof query.after === 'string' ? decodeUserCursor(query.after) : undefined;
  if (!after) return refused('after', 'must be the next of a previous page');
  return { ok: true, value: { limit, after } };
}

const refused = (field: string, rule: string): Parsed<never> => ({ ok: false, problems: [{ field, rule }] });

export function encodeUserCursor(cursor: UserCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdMicros, cursor.id])).toString('base64url');
}

const MICROS = /^[0-9]{1,18}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A forged cursor reaches SQL as a bigint and a uuid: anything else is refused here, not there. */
function decodeUserCursor(text: string): UserCursor | undefined {
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

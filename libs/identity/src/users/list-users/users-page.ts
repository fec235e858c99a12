import { parseCreationPage, type CreationPage } from '#libs/platform';
import type { Parsed } from '../user-input.js';

/** Users oldest first: `after` resumes after this user (creation time in microseconds as text, then id). */
export type UsersPage = CreationPage;

/** `?limit=` 1-500 (default 100) and `?after=`, the `next` of the page before. */
export const USERS_PAGE_LIMITS = { defaultLimit: 100, maxLimit: 500 } as const;

/** The page asked for, or the 400's problem naming the parameter and its rule. */
export function parseUsersPage(query: { limit?: unknown; after?: unknown }): Parsed<UsersPage> {
  const parsed = parseCreationPage(query, { ...USERS_PAGE_LIMITS, afterRule: 'must be the next of a previous page' });
  return parsed.page ? { ok: true, value: parsed.page } : { ok: false, problems: [parsed.problem] };
}

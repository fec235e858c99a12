import { parseCreationPage, type CreationPage } from '#libs/platform';

/** An organisation's LRS clients oldest first: `after` resumes after this client (creation time, then id). */
export type ClientPage = CreationPage;

/** `?limit=` and `?after=` as the organisation routes take them: 1-500, default 50, and the cursor of `next`. */
export const CLIENT_PAGE_LIMITS = { defaultLimit: 50, maxLimit: 500 } as const;

/** The page asked for, or the problem naming the parameter and its rule. */
export const parseClientPage = (query: { limit?: string; after?: string }) =>
  parseCreationPage(query, { ...CLIENT_PAGE_LIMITS, afterRule: "must be a cursor from a previous page's next" });

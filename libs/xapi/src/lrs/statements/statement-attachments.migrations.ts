import type { Migration } from '#libs/database';

/**
 * Attachment content lives beside the log, not in it: an event is limited to 1 MiB by default and
 * attachments may be far larger. Rows are content-addressed (organisation, sha2) and immutable, so
 * they are written before the statement event that references them: if that append then fails, the
 * row is an unreferenced orphan that no query can reach (content is served only for a stored
 * statement naming its sha2), and a retry finds it already there. No partial state is visible.
 */
export const statementAttachmentMigrations: readonly Migration[] = [
  {
    id: 'xapi/002-statement-attachments',
    sql: `
      create table xapi_attachments (
        organisation_id text not null,
        sha2 text not null,
        content_type text not null,
        length bigint not null,
        content bytea not null,
        created_at timestamptz not null default now(),
        primary key (organisation_id, sha2)
      );
    `,
  },
];

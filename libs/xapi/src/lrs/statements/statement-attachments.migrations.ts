import type { Migration } from '#libs/database';

/**
 * Attachment content lives beside the log, not in it: an event is limited to 1 MiB by default and
 * attachments may be far larger. Rows are content-addressed (organisation, sha2) and immutable. The
 * writer commits them before the statements naming them are appended (StatementWriter.storeAttachments),
 * so a stored statement always has its content; an append that fails after them leaves rows no statement
 * names, which the next statement with that sha2 uses, or the cleanup removes (attachment-cleanup.ts).
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
  {
    // Content in rows of at most 1 MiB, written and read one row at a time, so that neither storing nor
    // serving an attachment holds all of it in memory. Content stored before moves over as one chunk.
    id: 'xapi/007-attachment-chunks',
    sql: `
      create table xapi_attachment_chunks (
        organisation_id text not null,
        sha2 text not null,
        seq integer not null,
        data bytea not null,
        primary key (organisation_id, sha2, seq),
        foreign key (organisation_id, sha2) references xapi_attachments on delete cascade
      );
      insert into xapi_attachment_chunks (organisation_id, sha2, seq, data)
        select organisation_id, sha2, 0, content from xapi_attachments;
      alter table xapi_attachments drop column content;
    `,
  },
  {
    // When a writer last stored or reused the content: the cleanup leaves content touched within its
    // grace period, which a request still on its way to appending a statement may be about to name.
    id: 'xapi/008-attachment-touched-at',
    sql: `alter table xapi_attachments add column touched_at timestamptz not null default now();`,
  },
];

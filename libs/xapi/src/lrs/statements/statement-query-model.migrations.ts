import type { Migration } from '#libs/database';

/**
 * Changes of the statements query model's layout. When rows written before cannot follow, the read
 * model is dropped with its checkpoint, and the projection builds it again from the log when it next
 * runs (X-Experience-API-Consistent-Through tells clients how far it has got); an added index is
 * added in place. The log is untouched.
 */
export const statementQueryModelMigrations: readonly Migration[] = [
  {
    // Statement bodies are read from the log, and an agent or activity is indexed once per statement.
    id: 'xapi/003-statement-query-model-from-log',
    sql: `
      drop schema if exists rm_xapi_statements cascade;
      drop schema if exists rm_xapi_statements__rebuild cascade;
      delete from projection_checkpoints where name = 'xapi-statements';
    `,
  },
  {
    // Statements that refer to a statement, found to pass on keys it gains late (StatementRef chains).
    id: 'xapi/004-statement-referrers-index',
    sql: `
      do $$ begin
        if to_regclass('rm_xapi_statements.statements') is not null then
          create index if not exists statements_ref_target on rm_xapi_statements.statements (organisation_id, ref_target) where ref_target is not null;
        end if;
        if to_regclass('rm_xapi_statements__rebuild.statements') is not null then
          create index if not exists statements_ref_target on rm_xapi_statements__rebuild.statements (organisation_id, ref_target) where ref_target is not null;
        end if;
      end $$;
    `,
  },
  {
    // A statement's attachment hashes now include those with a fileUrl whose data came as a part too
    // (XAPI-00161): rows written before lack them, so the read model is built again from the log.
    id: 'xapi/006-attachment-hashes-with-file-url',
    sql: `
      drop schema if exists rm_xapi_statements cascade;
      drop schema if exists rm_xapi_statements__rebuild cascade;
      delete from projection_checkpoints where name = 'xapi-statements';
    `,
  },
  {
    // The statements with attachments, which the hourly attachment cleanup reads (it read every statement).
    id: 'xapi/009-statements-with-attachments-index',
    sql: `
      do $$ begin
        if to_regclass('rm_xapi_statements.statements') is not null then
          create index if not exists statements_with_attachments on rm_xapi_statements.statements (organisation_id) where cardinality(attachments) > 0;
        end if;
        if to_regclass('rm_xapi_statements__rebuild.statements') is not null then
          create index if not exists statements_with_attachments on rm_xapi_statements__rebuild.statements (organisation_id) where cardinality(attachments) > 0;
        end if;
      end $$;
    `,
  },
];

/**
 * Only where the log is in this database (the PostgreSQL adapter; libs/composition runs these with the
 * event store's migrations): statements are found by id through its stream index and by time through
 * its positions, so the query model's own indexes of ids and times go (two B-tree insertions per
 * statement less). Processes of the version before keep working, scanning instead, until replaced.
 */
export const statementQueryModelLogMigrations: readonly Migration[] = [
  {
    id: 'xapi/005-statements-found-through-the-log',
    sql: `
      alter table if exists rm_xapi_statements.statements drop constraint if exists statements_organisation_id_statement_id_key;
      alter table if exists rm_xapi_statements__rebuild.statements drop constraint if exists statements_organisation_id_statement_id_key;
      drop index if exists rm_xapi_statements.statements_stored;
      drop index if exists rm_xapi_statements__rebuild.statements_stored;
    `,
  },
];

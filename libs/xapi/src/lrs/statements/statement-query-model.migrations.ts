import type { Migration } from '#libs/database';

/**
 * Changes of the statements query model's layout that rows written before cannot follow: the read
 * model is dropped with its checkpoint, and the projection builds it again from the log when it next
 * runs (X-Experience-API-Consistent-Through tells clients how far it has got). The log is untouched.
 * Imports nothing at run time (libs/platform lists it).
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
];

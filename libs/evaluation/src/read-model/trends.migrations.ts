import type { Migration } from '#libs/database';

/** The read model dropped with its checkpoint: the projection builds it again from the log when it next runs. */
const REBUILT_FROM_THE_LOG = `
      drop schema if exists rm_trends cascade;
      drop schema if exists rm_trends__rebuild cascade;
      delete from projection_checkpoints where name = 'trends';
    `;

/** Changes of the trends read model's layout that rows written before cannot follow. */
export const trendsMigrations: readonly Migration[] = [
  {
    // National cells are also kept added up per grain (the dimensions a question names): a new key column.
    id: 'evaluation/001-trend-cells-by-grain',
    sql: REBUILT_FROM_THE_LOG,
  },
  {
    // An organisation's first day is worked out from its facts when read (its registration day is kept, not a running minimum).
    id: 'evaluation/002-organisations-registered-on',
    sql: REBUILT_FROM_THE_LOG,
  },
  {
    // A personal-capabilities cell keeps all 17 capabilities side by side (a new column, `wide`) instead of a cell per capability.
    id: 'evaluation/003-trend-cells-packed-capabilities',
    sql: REBUILT_FROM_THE_LOG,
  },
  {
    // Records keep their instants as text (`YYYY-MM-DDTHH:mm:ss.sssZ`, as storableInstant gives them): read back as they are compared.
    id: 'evaluation/004-trend-records-instants-as-text',
    sql: REBUILT_FROM_THE_LOG,
  },
];

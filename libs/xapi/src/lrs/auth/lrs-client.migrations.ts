import type { Migration } from '#libs/database';

/**
 * LRS client credentials (exported from `#libs/xapi`; libs/composition runs them).
 */
export const lrsClientMigrations: readonly Migration[] = [
  {
    id: 'xapi/001-lrs-clients',
    sql: `
      create table lrs_clients (
        id uuid primary key,
        key text not null unique,
        -- scrypt$N$r$p$salt$hash: the parameters travel with the hash so they can be raised later.
        secret_hash text not null,
        name text not null,
        organisation_id text not null,
        scopes text[] not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      );
      create index lrs_clients_organisation on lrs_clients (organisation_id);
    `,
  },
];

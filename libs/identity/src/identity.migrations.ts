import type { Migration } from '#libs/database';

/**
 * Users, their role grants and sessions (exported from `#libs/identity`; libs/composition runs them).
 *
 * These tables are authoritative for sign-in and access (not a projection of the log): a new
 * grant, a revocation or a disabled account must take effect on the next request, and password
 * hashes and session token digests must never enter the immutable, replayed, exported log. The
 * `identity.*` events keep the history of who was registered and granted what.
 */
export const identityMigrations: readonly Migration[] = [
  {
    id: 'identity/001-users-roles-sessions',
    sql: `
      create table identity_users (
        id uuid primary key,
        email text not null,
        display_name text not null,
        -- scrypt$N$r$p$salt$hash: the parameters travel with the hash so they can be raised later.
        password_hash text not null,
        disabled boolean not null default false,
        created_at timestamptz not null default now()
      );
      -- Case-insensitive uniqueness: Mary@Example.org and mary@example.org are one person.
      create unique index identity_users_email on identity_users (lower(email));

      -- One row per grant; a line manager has one row per managed worker so that adding or
      -- removing a worker from a team is one insert or delete.
      create table identity_user_roles (
        user_id uuid not null references identity_users (id) on delete cascade,
        kind text not null check (kind in ('worker', 'line-manager', 'learning-lead', 'evaluator', 'platform-admin')),
        organisation_id text not null default '',
        worker_id text not null default '',
        granted_at timestamptz not null default now(),
        primary key (user_id, kind, organisation_id, worker_id)
      );
      create index identity_user_roles_organisation on identity_user_roles (organisation_id) where organisation_id <> '';

      -- Only the SHA-256 of a session token is kept: a leaked table cannot be replayed as sessions.
      create table identity_sessions (
        token_hash bytea primary key,
        user_id uuid not null references identity_users (id) on delete cascade,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz
      );
      create index identity_sessions_user on identity_sessions (user_id);
    `,
  },
  {
    // The organisation whose learning lead registered the user (null: a platform admin did): its lead
    // may change that user's roles within it (issue 11). Users from before have roles to tell instead.
    id: 'identity/002-user-organisation',
    sql: `alter table identity_users add column organisation_id text`,
  },
];

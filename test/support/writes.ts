import type pg from 'pg';

/**
 * Everything a request can write: the head of the event log and the row counts of the tables kept
 * outside it (identity, LRS credentials, attachments). Equal snapshots around a refused request
 * mean it wrote nothing. Read models are left out: projections write them later, from the log.
 */
export async function writesSnapshot(pool: pg.Pool): Promise<Record<string, string>> {
  const { rows } = await pool.query(`
    select (select coalesce(max(global_position), -1) from events)::text as log_head,
           (select count(*) from identity_users)::text as users,
           (select count(*) from identity_user_roles)::text as user_roles,
           (select count(*) from identity_sessions)::text as sessions,
           (select count(*) from lrs_clients)::text as lrs_clients,
           (select count(*) from xapi_attachments)::text as attachments`);
  return rows[0] as Record<string, string>;
}

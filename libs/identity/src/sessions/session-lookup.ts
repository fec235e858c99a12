import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Viewer } from '../access/viewer.js';
import { rowsToRoles, type RoleRow } from '../users/role-rows.js';

export type SessionLookup =
  { status: 'valid'; viewer: Viewer; expiresAt: Date } | { status: 'expired' } | { status: 'unknown' };

/** Tokens are stored as digests only; SHA-256 suffices because tokens are 256 random bits, not passwords. */
export function sessionTokenDigest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * The viewer behind a session token, in one query: the session, its user and the user's grants.
 * A revoked session, a disabled user or an unknown token are all "unknown" to the caller, so the
 * 401 tells an attacker nothing about which it was; only expiry is told apart, to help the user.
 */
export async function lookUpSession(pool: pg.Pool, token: string): Promise<SessionLookup> {
  const { rows } = await pool.query<{
    user_id: string;
    email: string;
    display_name: string;
    expires_at: Date;
    expired: boolean;
    roles: RoleRow[] | null;
  }>(
    `select s.user_id, u.email, u.display_name, s.expires_at, s.expires_at <= now() as expired,
            (select json_agg(json_build_object('kind', r.kind, 'organisation_id', r.organisation_id, 'worker_id', r.worker_id)
                             order by r.kind, r.organisation_id, r.worker_id)
               from identity_user_roles r where r.user_id = u.id) as roles
       from identity_sessions s join identity_users u on u.id = s.user_id
      where s.token_hash = $1 and s.revoked_at is null and not u.disabled`,
    [sessionTokenDigest(token)],
  );
  const row = rows[0];
  if (!row) return { status: 'unknown' };
  if (row.expired) return { status: 'expired' };
  return {
    status: 'valid',
    expiresAt: row.expires_at,
    viewer: {
      userId: row.user_id,
      email: row.email,
      displayName: row.display_name,
      roles: rowsToRoles(row.roles ?? []),
    },
  };
}

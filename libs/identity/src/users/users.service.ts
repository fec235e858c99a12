import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { z } from 'zod';
import { inTransaction } from '#libs/database';
import type { EventStore, NewEvent } from '#libs/event-store';
import { encodeCreationCursor, EVENT_STORE, fieldProblem, PG_POOL } from '#libs/platform';
import type { AccessRole } from '../access/viewer.js';
import { hashPassword, needsRehash, PasswordHashingBusy, verifyPassword } from '../passwords/password-hash.js';
import { roleToRows, rowsToRoles, type RoleRow } from './role-rows.js';
import type { NewUser } from './user-input.js';
import type { UsersPage } from './list-users/users-page.js';
import type { userResponse, usersPageResponse } from './user.response.js';

export const IDENTITY_EVENTS = {
  userRegistered: 'identity.UserRegistered',
  roleGranted: 'identity.RoleGranted',
  roleRevoked: 'identity.RoleRevoked',
  userDisabled: 'identity.UserDisabled',
  userEnabled: 'identity.UserEnabled',
} as const;

/** One page of users; `next` is the `after` of the page after it, null on the last. */
export type UsersList = z.output<typeof usersPageResponse>;

/** created_at in whole microseconds (its full precision), so a cursor resumes exactly after its user. */
const CREATED_MICROS = '(extract(epoch from u.created_at) * 1000000)::bigint';

export type UserView = z.output<typeof userResponse>;

/** Who asked for a change, for the events' metadata. */
export interface ChangeContext {
  actor: string;
  /** The organisation on whose behalf the change was made (the events' tenant), when there is one. */
  organisationId?: string;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  disabled: boolean;
  created_at: Date;
}

/** Postgres' unique_violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * Users and their grants.
 *
 * The `identity_*` tables are authoritative for sign-in and access, written in the same transaction
 * as the event recording the change is appended: access must change on the very next request (a
 * projection would lag the log), and password hashes must never enter the log, which is immutable,
 * replayed and exported. The events (never with the password or its hash) keep the history: who was
 * registered, granted and revoked what, when and by whom. The event is appended while the row's
 * transaction is open, so a failed append leaves no row; only a failed commit after a successful
 * append could leave an event without a row, and then the table (no change) decides.
 */
@Injectable()
export class UsersService {
  private dummyHash?: Promise<string>;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** 409 when the email (case-insensitively) is taken. */
  async register(input: NewUser, context: ChangeContext): Promise<UserView> {
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password);
    try {
      return await inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<UserRow>(
          `insert into identity_users (id, email, display_name, password_hash, organisation_id) values ($1, $2, $3, $4, $5) returning *`,
          [id, input.email, input.displayName, passwordHash, context.organisationId ?? null],
        );
        await insertRoleRows(client, id, input.roles.flatMap(roleToRows));
        const roles = await readRoles(client, id);
        await this.record(
          client,
          id,
          context,
          [
            {
              type: IDENTITY_EVENTS.userRegistered,
              data: { userId: id, email: input.email, displayName: input.displayName, roles },
            },
          ],
          'no_stream',
        );
        return toView(rows[0], roles);
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw fieldProblem(409, [{ field: 'email', rule: 'is already registered to another user' }]);
      }
      throw error;
    }
  }

  async get(userId: string): Promise<UserView | undefined> {
    if (!isUuid(userId)) return undefined;
    const { rows } = await this.pool.query<UserRow>('select * from identity_users where id = $1', [userId]);
    return rows[0] ? toView(rows[0], await readRoles(this.pool, userId)) : undefined;
  }

  /**
   * Whether the user is one of the organisation's people: registered by it (through its users route),
   * or holding a role in it. What a learning lead may change the roles of.
   */
  async belongsTo(userId: string, organisationId: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const { rows } = await this.pool.query<{ belongs: boolean }>(
      `select exists (select 1 from identity_users where id = $1 and organisation_id = $2)
           or exists (select 1 from identity_user_roles where user_id = $1 and organisation_id = $2) as belongs`,
      [userId, organisationId],
    );
    return rows[0]!.belongs;
  }

  /** One page, oldest first; `next` resumes after its last user, null on the last page. */
  async list(page: UsersPage): Promise<UsersList> {
    const { rows } = await this.pool.query<UserRow & { roles: RoleRow[] | null; position: string }>(
      `select u.*, ${CREATED_MICROS}::text as position,
              (select json_agg(json_build_object('kind', r.kind, 'organisation_id', r.organisation_id, 'worker_id', r.worker_id)
                                    order by r.kind, r.organisation_id, r.worker_id)
                      from identity_user_roles r where r.user_id = u.id) as roles
         from identity_users u
        where $1::bigint is null or (${CREATED_MICROS}, u.id) > ($1::bigint, $2::uuid)
        order by u.created_at, u.id limit $3`,
      [page.after?.createdMicros ?? null, page.after?.id ?? null, page.limit + 1],
    );
    const users = rows.slice(0, page.limit);
    const last = users.at(-1);
    return {
      users: users.map((row) => toView(row, rowsToRoles(row.roles ?? []))),
      next:
        rows.length > page.limit && last ? encodeCreationCursor({ createdMicros: last.position, id: last.id }) : null,
    };
  }

  /**
   * Adds grants; grants already held change nothing and are not recorded again. Each role that
   * added something yields one `identity.RoleGranted` with only what it added (for a line manager,
   * the newly named workers). Undefined when there is no such user.
   */
  async grantRoles(
    userId: string,
    roles: readonly AccessRole[],
    context: ChangeContext,
  ): Promise<UserView | undefined> {
    return this.changeRoles(userId, roles, context, 'grant');
  }

  /** Removes grants; grants not held change nothing. For a line manager, removes the named workers from the team. */
  async revokeRoles(
    userId: string,
    roles: readonly AccessRole[],
    context: ChangeContext,
  ): Promise<UserView | undefined> {
    return this.changeRoles(userId, roles, context, 'revoke');
  }

  /** Disabling ends every session at once (sign-in and the guard both refuse a disabled user). */
  async setDisabled(userId: string, disabled: boolean, context: ChangeContext): Promise<UserView | undefined> {
    if (!isUuid(userId)) return undefined;
    return inTransaction(this.pool, async (client) => {
      const row = await lockUser(client, userId);
      if (!row) return undefined;
      if (row.disabled !== disabled) {
        await client.query('update identity_users set disabled = $2 where id = $1', [userId, disabled]);
        if (disabled)
          await client.query(
            'update identity_sessions set revoked_at = now() where user_id = $1 and revoked_at is null',
            [userId],
          );
      }
      const view = toView({ ...row, disabled }, await readRoles(client, userId));
      if (row.disabled !== disabled) {
        const type = disabled ? IDENTITY_EVENTS.userDisabled : IDENTITY_EVENTS.userEnabled;
        await this.record(client, userId, context, [{ type, data: { userId } }]);
      }
      return view;
    });
  }

  /**
   * The user whose email and password these are, or undefined; also undefined for a disabled user.
   * Spends one scrypt whatever happens, so response times do not tell which emails exist.
   */
  async verifyCredentials(email: string, password: string): Promise<UserView | undefined> {
    const { rows } = await this.pool.query<UserRow>('select * from identity_users where lower(email) = lower($1)', [
      email,
    ]);
    const row = rows[0];
    if (!row) {
      await verifyPassword(password, await this.dummyPasswordHash());
      return undefined;
    }
    if (!(await verifyPassword(password, row.password_hash)) || row.disabled) return undefined;
    if (needsRehash(row.password_hash)) await this.rehash(row.id, password);
    return toView(row, await readRoles(this.pool, row.id));
  }

  private async changeRoles(
    userId: string,
    roles: readonly AccessRole[],
    context: ChangeContext,
    change: 'grant' | 'revoke',
  ): Promise<UserView | undefined> {
    if (!isUuid(userId)) return undefined;
    return inTransaction(this.pool, async (client) => {
      const row = await lockUser(client, userId);
      if (!row) return undefined;
      const events: Omit<NewEvent, 'metadata'>[] = [];
      for (const role of roles) {
        const rows = roleToRows(role);
        const changed =
          change === 'grant' ? await insertRoleRows(client, userId, rows) : await deleteRoleRows(client, userId, rows);
        if (changed.length === 0) continue;
        const type = change === 'grant' ? IDENTITY_EVENTS.roleGranted : IDENTITY_EVENTS.roleRevoked;
        events.push({ type, data: { userId, role: rowsToRoles(changed)[0] } });
      }
      const view = toView(row, await readRoles(client, userId));
      if (events.length > 0) await this.record(client, userId, context, events);
      return view;
    });
  }

  /** Left for the next sign-in when hashing is busy: the password was right, so this sign-in stands. */
  private async rehash(userId: string, password: string): Promise<void> {
    let passwordHash: string;
    try {
      passwordHash = await hashPassword(password);
    } catch (error) {
      if (error instanceof PasswordHashingBusy) return;
      throw error;
    }
    await this.pool.query('update identity_users set password_hash = $2 where id = $1', [userId, passwordHash]);
  }

  private dummyPasswordHash(): Promise<string> {
    // A refused first hash (PasswordHashingBusy) must not stay cached: the next sign-in tries again.
    this.dummyHash ??= hashPassword(randomUUID()).catch((error: unknown) => {
      this.dummyHash = undefined;
      throw error;
    });
    return this.dummyHash;
  }

  /**
   * The user's events, in the transaction of the rows they describe (EventStore.appendWithin): both
   * commit or neither, even if the process is killed between them. The transaction's last write.
   */
  private async record(
    transaction: pg.ClientBase,
    userId: string,
    context: ChangeContext,
    events: Omit<NewEvent, 'metadata'>[],
    expectedRevision: 'no_stream' | 'stream_exists' = 'stream_exists',
  ): Promise<void> {
    const metadata = { actor: context.actor, ...(context.organisationId ? { tenantId: context.organisationId } : {}) };
    await this.store.appendWithin(transaction, {
      streamId: userStreamId(userId),
      expectedRevision,
      events: events.map((event) => ({ ...event, version: 1, metadata })),
    });
  }
}

export function userStreamId(userId: string): string {
  return `identity-user-${userId}`;
}

async function lockUser(client: pg.PoolClient, userId: string): Promise<UserRow | undefined> {
  const { rows } = await client.query<UserRow>('select * from identity_users where id = $1 for update', [userId]);
  return rows[0];
}

/** Inserts the rows not already held and returns those it inserted. */
async function insertRoleRows(client: pg.PoolClient, userId: string, rows: readonly RoleRow[]): Promise<RoleRow[]> {
  if (rows.length === 0) return [];
  const { rows: inserted } = await client.query<RoleRow>(
    `insert into identity_user_roles (user_id, kind, organisation_id, worker_id)
     select $1, * from unnest($2::text[], $3::text[], $4::text[])
     on conflict do nothing
     returning kind, organisation_id, worker_id`,
    [userId, rows.map((r) => r.kind), rows.map((r) => r.organisation_id), rows.map((r) => r.worker_id)],
  );
  return inserted;
}

async function deleteRoleRows(client: pg.PoolClient, userId: string, rows: readonly RoleRow[]): Promise<RoleRow[]> {
  if (rows.length === 0) return [];
  const { rows: deleted } = await client.query<RoleRow>(
    `delete from identity_user_roles r
      using unnest($2::text[], $3::text[], $4::text[]) as g(kind, organisation_id, worker_id)
      where r.user_id = $1 and r.kind = g.kind and r.organisation_id = g.organisation_id and r.worker_id = g.worker_id
      returning r.kind, r.organisation_id, r.worker_id`,
    [userId, rows.map((r) => r.kind), rows.map((r) => r.organisation_id), rows.map((r) => r.worker_id)],
  );
  return deleted;
}

async function readRoles(db: pg.Pool | pg.PoolClient, userId: string): Promise<AccessRole[]> {
  const { rows } = await db.query<RoleRow>(
    `select kind, organisation_id, worker_id from identity_user_roles where user_id = $1 order by kind, organisation_id, worker_id`,
    [userId],
  );
  return rowsToRoles(rows);
}

function toView(row: UserRow, roles: AccessRole[]): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

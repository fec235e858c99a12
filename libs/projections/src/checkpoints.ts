import type pg from 'pg';
import { preparedQuery, type Migration } from '#libs/database';
import { formatPosition, parsePosition, START, type Position } from '#libs/event-store';

export const projectionMigrations: Migration[] = [
  {
    id: 'projections/001-checkpoints',
    sql: `
      create table if not exists projection_checkpoints (
        name text primary key,
        position text not null,
        events_applied bigint not null default 0,
        updated_at timestamptz not null default now(),
        runner text,
        lease_acquired_at timestamptz,
        rebuilt_at timestamptz
      );
    `,
  },
];

// Two-key advisory locks: (class, hashtext(name)). The lease is held by a session for as long as a
// runner owns the projection; the batch lock is taken per transaction by whoever writes (runner or swap).
export const LEASE_LOCK_CLASS = 7_246_201;
export const BATCH_LOCK_CLASS = 7_246_202;

export async function readCheckpoint(client: pg.ClientBase | pg.Pool, name: string, forUpdate = false): Promise<Position> {
  const { rows } = await client.query<{ position: string }>(
    preparedQuery(`select position from projection_checkpoints where name = $1 ${forUpdate ? 'for update' : ''}`, [name]),
  );
  return rows[0] ? parsePosition(rows[0].position) : START;
}

export async function writeCheckpoint(
  client: pg.ClientBase,
  name: string,
  position: Position,
  eventsApplied: number,
): Promise<void> {
  await client.query(
    preparedQuery(
      `insert into projection_checkpoints (name, position, events_applied, updated_at) values ($1, $2, $3, now())
       on conflict (name) do update set position = excluded.position,
         events_applied = projection_checkpoints.events_applied + excluded.events_applied, updated_at = now()`,
      [name, formatPosition(position), eventsApplied],
    ),
  );
}

export async function takeBatchLock(client: pg.ClientBase, name: string): Promise<void> {
  await client.query(preparedQuery('select pg_advisory_xact_lock($1, hashtext($2))', [BATCH_LOCK_CLASS, name]));
}

/** After a rebuild: the checkpoint and count are those of the rebuilt copy. */
export async function resetCheckpoint(client: pg.ClientBase, name: string, position: Position, eventsApplied: number) {
  await client.query(
    `insert into projection_checkpoints (name, position, events_applied, updated_at, rebuilt_at) values ($1, $2, $3, now(), now())
     on conflict (name) do update set position = excluded.position, events_applied = excluded.events_applied,
       updated_at = now(), rebuilt_at = now()`,
    [name, formatPosition(position), eventsApplied],
  );
}

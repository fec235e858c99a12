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

export async function readCheckpoint(client: pg.ClientBase | pg.Pool, name: string): Promise<Position> {
  const { rows } = await client.query<{ position: string }>(
    preparedQuery('select position from projection_checkpoints where name = $1', [name]),
  );
  return rows[0] ? parsePosition(rows[0].position) : START;
}

/**
 * Opens a runner's batch transaction in one round trip (begin, asynchronous commit, the batch lock,
 * the checkpoint locked for the compare-and-set): under load every round trip waits for a busy event
 * loop, and a batch's latency is what a writer waiting for its statements feels. The simple query
 * protocol takes no parameters, so the name goes in as an escaped literal.
 */
export async function beginBatch(client: pg.PoolClient, name: string): Promise<Position> {
  const literal = client.escapeLiteral(name);
  // A read model is rebuilt from the log, which every append commits durably: its own commits need
  // not wait for the disk. A crash can lose only the last batches, with their checkpoint, and they are
  // applied again.
  const results = (await client.query(
    `begin; set local synchronous_commit = off; select pg_advisory_xact_lock(${BATCH_LOCK_CLASS}, hashtext(${literal}));
     select position from projection_checkpoints where name = ${literal} for update`,
  )) as unknown as pg.QueryResult<{ position: string }>[];
  const row = results[results.length - 1]!.rows[0];
  return row ? parsePosition(row.position) : START;
}

/**
 * Moves the checkpoint and commits, in one round trip. `notify` also tells listeners on
 * CHECKPOINTS_CHANNEL (delivered at commit), for read models that writers wait for.
 */
export async function commitBatch(
  client: pg.PoolClient,
  name: string,
  position: Position,
  eventsApplied: number,
  notify: boolean,
): Promise<void> {
  const literal = client.escapeLiteral(name);
  const at = client.escapeLiteral(formatPosition(position));
  await client.query(
    `insert into projection_checkpoints (name, position, events_applied, updated_at) values (${literal}, ${at}, ${eventsApplied}, now())
       on conflict (name) do update set position = excluded.position,
         events_applied = projection_checkpoints.events_applied + excluded.events_applied, updated_at = now();
     ${notify ? `select pg_notify('${CHECKPOINTS_CHANNEL}', ${client.escapeLiteral(`${name} ${formatPosition(position)}`)});` : ''}
     commit`,
  );
}

/** Where runners announce the new checkpoint of an `awaited` projection: payload `<name> <position>`. */
export const CHECKPOINTS_CHANNEL = 'continuum_checkpoints';

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

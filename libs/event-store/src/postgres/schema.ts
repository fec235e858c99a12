import type { Migration } from '#libs/database';

export const eventStoreMigrations: Migration[] = [
  {
    id: 'event-store/001-events',
    sql: `
      create table if not exists events (
        global_position bigint primary key,
        stream_id text not null,
        stream_revision bigint not null,
        event_id uuid not null,
        type text not null,
        schema_version int not null,
        data jsonb not null,
        metadata jsonb not null,
        recorded_at timestamptz not null default clock_timestamp(),
        constraint events_stream_revision_unique unique (stream_id, stream_revision),
        constraint events_event_id_unique unique (event_id)
      );
      create index if not exists events_type_position on events (type, global_position);
      create sequence if not exists events_global_position_seq as bigint minvalue 0 start 0;
    `,
  },
];

/**
 * Appends hold this transaction-level advisory lock from their first insert until commit, so global
 * positions become visible in the order they were assigned and a reader that has seen position P can
 * never later find a smaller one appear: subscribers cannot skip an event.
 */
export const APPEND_LOCK_KEY = 7_246_100;
export const NEW_EVENTS_CHANNEL = 'continuum_events';

import type { Migration } from '#libs/database';

/**
 * Appends hold this transaction-level advisory lock from their first insert until commit, so global
 * positions become visible in the order they were assigned and a reader that has seen position P can
 * never later find a smaller one appear: subscribers cannot skip an event.
 */
export const APPEND_LOCK_KEY = 7_246_100;
export const NEW_EVENTS_CHANNEL = 'continuum_events';

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
  {
    id: 'event-store/002-append-function',
    // One round trip per append: the lock is taken, the expected revisions checked, the events inserted
    // and the notification sent inside one statement, so the lock is never held while the client is
    // busy elsewhere (a Node process under load can take milliseconds to send its next query).
    sql: appendFunction(
      'p_data jsonb[], p_metadata jsonb[]',
      `unnest(p_event_streams, p_event_ids, p_types, p_versions, p_data, p_metadata)
               with ordinality as e(si, event_id, type, version, data, metadata, ord)`,
    ),
  },
  {
    id: 'event-store/003-json-events',
    // Events are stored as the JSON text they were written as (json, not jsonb): nothing queries inside
    // them, and jsonb's conversion on every write and read cost a few per cent of LRS ingest. The
    // append takes them as two JSON arrays, which PostgreSQL splits in C, instead of SQL arrays of
    // strings that the client must escape one by one.
    sql: `
      alter table events alter column data type json using data::json, alter column metadata type json using metadata::json;
      drop function continuum_append(text[], text[], int[], uuid[], text[], int[], jsonb[], jsonb[]);
      ${appendFunction(
        'p_data json, p_metadata json',
        `unnest(p_event_streams, p_event_ids, p_types, p_versions) with ordinality as e(si, event_id, type, version, ord)
               join json_array_elements(p_data) with ordinality as d(data, ord) using (ord)
               join json_array_elements(p_metadata) with ordinality as m(metadata, ord) using (ord)`,
      )}
    `,
  },
  {
    id: 'event-store/004-event-ids-not-indexed',
    // Nothing reads events by id, and a unique index on random UUIDs cost a B-tree insertion at a
    // random place for every event, inside the append lock. Ids the store generates are random UUIDs;
    // EventStoreDB does not enforce unique ids across streams either.
    sql: `alter table events drop constraint if exists events_event_id_unique;`,
  },
];

/** The append function (see 002): `events` is the FROM item yielding si, event_id, type, version, data, metadata, ord. */
function appendFunction(dataParameters: string, events: string): string {
  return `
      create or replace function continuum_append(
        p_streams text[], p_expected text[],
        p_event_streams int[], p_event_ids uuid[], p_types text[], p_versions int[], ${dataParameters}
      ) returns table (head bigint, currents bigint[])
      language plpgsql as $fn$
      declare
        v_head bigint;
        v_currents bigint[];
        v_current bigint;
        v_expected text;
        i int;
      begin
        perform pg_advisory_xact_lock(${APPEND_LOCK_KEY});
        select coalesce(array_agg(r.revision order by s.ord), '{}') into v_currents
          from unnest(p_streams) with ordinality as s(id, ord)
          left join lateral (select max(stream_revision) as revision from events where stream_id = s.id) r on true;
        for i in 1 .. coalesce(array_length(p_streams, 1), 0) loop
          v_current := v_currents[i];
          v_expected := p_expected[i];
          -- coalesce: a comparison with a missing stream's null revision must count as a mismatch.
          if not coalesce(v_expected = 'any'
              or (v_expected = 'no_stream' and v_current is null)
              or (v_expected = 'stream_exists' and v_current is not null)
              or (v_expected not in ('any', 'no_stream', 'stream_exists') and v_current = v_expected::bigint), false) then
            raise exception using errcode = 'CT001', message = 'wrong expected revision',
              detail = json_build_object('index', i, 'actual', v_current::text)::text;
          end if;
        end loop;
        select coalesce(max(global_position), -1) into v_head from events;
        insert into events (global_position, stream_id, stream_revision, event_id, type, schema_version, data, metadata)
          select v_head + ord, p_streams[si],
                 coalesce(v_currents[si], -1) + row_number() over (partition by si order by ord),
                 event_id, type, version, data, metadata
          from ${events};
        perform pg_notify('${NEW_EVENTS_CHANNEL}', (v_head + coalesce(array_length(p_event_ids, 1), 0))::text);
        return query select v_head, v_currents;
      end
      $fn$;
    `;
}

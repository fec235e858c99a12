import type { Projection } from '../projection.js';

/** What the log holds, per event type: the operator's first look at a running platform. */
export const eventLogProjection: Projection = {
  name: 'event-log',
  description: 'Events per type, with the first and last time each type was recorded',
  async createTables(client, schema) {
    await client.query(`
      create table ${schema}.event_types (
        type text primary key,
        events bigint not null,
        first_recorded_at timestamptz not null,
        last_recorded_at timestamptz not null
      )`);
  },
  async apply(events, { client, schema }) {
    const byType = new Map<string, { events: number; first: string; last: string }>();
    for (const e of events) {
      const entry = byType.get(e.type);
      if (entry) {
        entry.events += 1;
        entry.last = e.recordedAt;
      } else {
        byType.set(e.type, { events: 1, first: e.recordedAt, last: e.recordedAt });
      }
    }
    const rows = [...byType.entries()];
    await client.query(
      `insert into ${schema}.event_types
       select * from unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::timestamptz[])
       on conflict (type) do update set events = event_types.events + excluded.events,
         last_recorded_at = greatest(event_types.last_recorded_at, excluded.last_recorded_at)`,
      [rows.map(([t]) => t), rows.map(([, v]) => v.events), rows.map(([, v]) => v.first), rows.map(([, v]) => v.last)],
    );
  },
};

import type pg from 'pg';
import type { RecordedEvent } from '#libs/event-store';
import type { Projection } from '#libs/projections';
import type { ActivityDefinition } from '../../statement-model/types.js';
import { STATEMENT_STORED, type StatementStoredData } from '../statements/statement-events.js';
import { nextCanonical } from './activity-definition.js';
import { definedActivities } from './statement-activities.js';

export const ACTIVITIES_PROJECTION = 'xapi-activities';

// The LRS client events (libs/xapi/src/lrs/auth): they carry each client's key and scopes, so which
// statements may (re)define Activities is decided from the log alone and a rebuild gives the same answer.
const CLIENT_REGISTERED = 'xapi.LrsClientRegistered';
const CLIENT_UPDATED = 'xapi.LrsClientUpdated';

interface ClientEventData {
  key?: string;
  scopes?: string[];
}

/**
 * The canonical definition of every Activity named in statements, per organisation: what the
 * Activities Resource returns (Communication 2.5) and what the statements resource can use for the
 * `canonical` format. One read and one upsert per batch.
 */
export const activitiesProjection: Projection = {
  name: ACTIVITIES_PROJECTION,
  description: 'Canonical xAPI Activity definitions merged from statements (define scope decides who may change them)',
  filter: { eventTypes: [STATEMENT_STORED, CLIENT_REGISTERED, CLIENT_UPDATED] },
  async createTables(client, schema) {
    await client.query(`
      create table ${schema}.activities (
        organisation_id text not null,
        activity_id text not null,
        definition jsonb not null,
        updated timestamptz not null,
        primary key (organisation_id, activity_id)
      )`);
    await client.query(`create table ${schema}.clients (key text primary key, can_define boolean not null)`);
  },
  async apply(events, { client, schema }) {
    const trusted = await loadClients(client, schema, events);
    const canonical = await loadDefinitions(client, schema, events);
    const clientChanges = new Map<string, boolean>();
    const changed = new Map<
      string,
      { organisationId: string; activityId: string; definition: ActivityDefinition; updated: string }
    >();
    for (const event of events) {
      if (event.type !== STATEMENT_STORED) {
        const data = event.data as ClientEventData;
        if (data.key && data.scopes) {
          trusted.set(data.key, canDefine(data.scopes));
          clientChanges.set(data.key, canDefine(data.scopes));
        }
        continue;
      }
      const organisationId = event.metadata.tenantId;
      const statement = (event.data as StatementStoredData).statement;
      if (!organisationId || !statement) continue;
      const mayDefine = trusted.get(clientKeyOf(event)) ?? false;
      for (const { id, definition } of definedActivities(statement)) {
        const key = JSON.stringify([organisationId, id]);
        const current = canonical.get(key);
        const next = nextCanonical(current, definition, mayDefine);
        // Most statements repeat the definition they always send: nothing to write then.
        if (!next || (current && JSON.stringify(next) === JSON.stringify(current))) continue;
        canonical.set(key, next);
        changed.set(key, { organisationId, activityId: id, definition: next, updated: event.recordedAt });
      }
    }
    await saveClients(client, schema, clientChanges);
    if (changed.size === 0) return;
    const rows = [...changed.values()];
    await client.query(
      `insert into ${schema}.activities (organisation_id, activity_id, definition, updated)
       select * from unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[])
       on conflict (organisation_id, activity_id) do update set definition = excluded.definition, updated = excluded.updated`,
      [
        rows.map((r) => r.organisationId),
        rows.map((r) => r.activityId),
        rows.map((r) => JSON.stringify(r.definition)),
        rows.map((r) => r.updated),
      ],
    );
  },
};

function canDefine(scopes: readonly string[]): boolean {
  return scopes.includes('define') || scopes.includes('all');
}

/** The client that stored the statement: the event's actor, else the key in the LRS-set authority. */
function clientKeyOf(event: RecordedEvent): string {
  const authority = (event.data as StatementStoredData).statement?.authority as
    { account?: { name?: string } } | undefined;
  return event.metadata.actor ?? authority?.account?.name ?? '';
}

async function loadClients(
  client: pg.PoolClient,
  schema: string,
  events: readonly RecordedEvent[],
): Promise<Map<string, boolean>> {
  const keys = [...new Set(events.filter((e) => e.type === STATEMENT_STORED).map(clientKeyOf))];
  const { rows } = await client.query<{ key: string; can_define: boolean }>(
    `select key, can_define from ${schema}.clients where key = any($1::text[])`,
    [keys],
  );
  return new Map(rows.map((row) => [row.key, row.can_define]));
}

async function saveClients(client: pg.PoolClient, schema: string, changes: Map<string, boolean>): Promise<void> {
  if (changes.size === 0) return;
  await client.query(
    `insert into ${schema}.clients (key, can_define) select * from unnest($1::text[], $2::boolean[])
     on conflict (key) do update set can_define = excluded.can_define`,
    [[...changes.keys()], [...changes.values()]],
  );
}

async function loadDefinitions(
  client: pg.PoolClient,
  schema: string,
  events: readonly RecordedEvent[],
): Promise<Map<string, ActivityDefinition>> {
  const organisations: string[] = [];
  const ids: string[] = [];
  for (const event of events) {
    const statement = event.type === STATEMENT_STORED ? (event.data as StatementStoredData).statement : undefined;
    if (!statement || !event.metadata.tenantId) continue;
    for (const { id } of definedActivities(statement)) {
      organisations.push(event.metadata.tenantId);
      ids.push(id);
    }
  }
  if (ids.length === 0) return new Map();
  const { rows } = await client.query<{ organisation_id: string; activity_id: string; definition: ActivityDefinition }>(
    `select a.organisation_id, a.activity_id, a.definition from ${schema}.activities a
     join (select distinct * from unnest($1::text[], $2::text[]) as x(o, id)) x on a.organisation_id = x.o and a.activity_id = x.id`,
    [organisations, ids],
  );
  return new Map(rows.map((row) => [JSON.stringify([row.organisation_id, row.activity_id]), row.definition]));
}

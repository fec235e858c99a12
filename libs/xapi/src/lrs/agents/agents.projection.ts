import type { Projection } from '#libs/projections';
import { STATEMENT_STORED, type StatementStoredData } from '../statements/statement-events.js';
import { namedAgents } from './statement-agents.js';

export const AGENTS_PROJECTION = 'xapi-agents';

/**
 * The names statements have used for each Agent identifier, per organisation, in the order first
 * seen: what the Agents Resource combines into a Person Object (Communication 2.4). One insert per batch.
 */
export const agentsProjection: Projection = {
  name: AGENTS_PROJECTION,
  description: 'Names used for each xAPI Agent identifier in statements (for the Person Object)',
  filter: { eventTypes: [STATEMENT_STORED] },
  async createTables(client, schema) {
    await client.query(`
      create table ${schema}.agent_names (
        organisation_id text not null,
        ifi text not null,
        name text not null,
        first_seen bigint not null,
        primary key (organisation_id, ifi, name)
      )`);
  },
  async apply(events, { client, schema }) {
    const rows = new Map<string, { organisationId: string; ifi: string; name: string; seen: string }>();
    for (const event of events) {
      const organisationId = event.metadata.tenantId;
      const statement = (event.data as StatementStoredData).statement;
      if (!organisationId || !statement) continue;
      for (const { ifi, name } of namedAgents(statement)) {
        const key = JSON.stringify([organisationId, ifi, name]);
        if (!rows.has(key)) rows.set(key, { organisationId, ifi, name, seen: event.position.commit.toString() });
      }
    }
    if (rows.size === 0) return;
    const list = [...rows.values()];
    await client.query(
      `insert into ${schema}.agent_names (organisation_id, ifi, name, first_seen)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
       on conflict do nothing`,
      [list.map((r) => r.organisationId), list.map((r) => r.ifi), list.map((r) => r.name), list.map((r) => r.seen)],
    );
  },
};

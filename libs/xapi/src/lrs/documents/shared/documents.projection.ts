import type { RecordedEvent } from '#libs/event-store';
import type { Projection } from '#libs/projections';
import { DOCUMENT_DELETED, DOCUMENT_SAVED, keyFromData, type DocumentKeyData } from './document-events.js';
import type { DocumentKey } from './document-key.js';
import { DOCUMENT_STREAM_PREFIX } from './document-key.js';

export const DOCUMENTS_PROJECTION = 'xapi-documents';

/**
 * Which documents exist, per organisation, resource and key, with when each last changed: what the
 * multiple-document GET (ids, `since`) and the multiple-document DELETE read. The contents stay in
 * the log; single-document reads go to the document's stream.
 */
export const documentsProjection: Projection = {
  name: DOCUMENTS_PROJECTION,
  description: 'xAPI State, Activity Profile and Agent Profile documents that exist, with their last change',
  filter: { eventTypes: [DOCUMENT_SAVED, DOCUMENT_DELETED], streamPrefixes: [DOCUMENT_STREAM_PREFIX] },
  async createTables(client, schema) {
    // The primary key's prefixes serve every list: (org, resource, activity, agent[, registration]).
    await client.query(`
      create table ${schema}.documents (
        organisation_id text not null,
        resource text not null,
        activity_id text not null,
        agent_ifi text not null,
        registration text not null,
        document_id text not null,
        stream_id text not null,
        revision bigint not null,
        updated timestamptz not null,
        primary key (organisation_id, resource, activity_id, agent_ifi, registration, document_id)
      )`);
  },
  async apply(events, { client, schema }) {
    const { saved, deleted } = lastChangePerDocument(events);
    if (deleted.length > 0) {
      await client.query(
        `delete from ${schema}.documents d
         using unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as x(o, r, a, g, reg, id)
         where d.organisation_id = x.o and d.resource = x.r and d.activity_id = x.a and d.agent_ifi = x.g
           and d.registration = x.reg and d.document_id = x.id`,
        keyColumns(deleted),
      );
    }
    if (saved.length > 0) {
      await client.query(
        `insert into ${schema}.documents
           (organisation_id, resource, activity_id, agent_ifi, registration, document_id, stream_id, revision, updated)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::timestamptz[])
         on conflict (organisation_id, resource, activity_id, agent_ifi, registration, document_id)
         do update set stream_id = excluded.stream_id, revision = excluded.revision, updated = excluded.updated`,
        [
          ...keyColumns(saved),
          saved.map((row) => row.streamId),
          saved.map((row) => row.revision.toString()),
          saved.map((row) => row.updated),
        ],
      );
    }
  },
};

interface DocumentRow {
  organisationId: string;
  key: DocumentKey;
  streamId: string;
  revision: bigint;
  updated: string;
}

/** Only the last event of each document in the batch matters: one statement per kind of change. */
function lastChangePerDocument(events: readonly RecordedEvent[]): { saved: DocumentRow[]; deleted: DocumentRow[] } {
  const last = new Map<string, { event: RecordedEvent; row: DocumentRow }>();
  for (const event of events) {
    const organisationId = event.metadata.tenantId;
    if (!organisationId) continue;
    const row: DocumentRow = {
      organisationId,
      key: keyFromData(event.data as DocumentKeyData),
      streamId: event.streamId,
      revision: event.revision,
      updated: event.metadata.occurredAt,
    };
    last.set(event.streamId, { event, row });
  }
  const saved: DocumentRow[] = [];
  const deleted: DocumentRow[] = [];
  for (const { event, row } of last.values()) (event.type === DOCUMENT_SAVED ? saved : deleted).push(row);
  return { saved, deleted };
}

function keyColumns(rows: readonly DocumentRow[]): string[][] {
  return [
    rows.map((r) => r.organisationId),
    rows.map((r) => r.key.resource),
    rows.map((r) => r.key.activityId),
    rows.map((r) => r.key.agentIfi),
    rows.map((r) => r.key.registration),
    rows.map((r) => r.key.documentId),
  ];
}

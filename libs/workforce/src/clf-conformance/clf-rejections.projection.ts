import type pg from 'pg';
import type { RecordedEvent } from '#libs/event-store';
import { checkClfStatement, type BrokenRule } from '#libs/framework';
import type { Projection } from '#libs/projections';
import { STATEMENT_STORED, type StatementStoredData, storedStatement } from '#libs/xapi';

export const CLF_REJECTIONS_PROJECTION = 'clf-rejections';

/** How many rejections are kept per LRS client: the most recent, by log position. */
export const REJECTIONS_KEPT_PER_CLIENT = 100;

/** Texts from a statement (IRIs in reasons, verb and object ids) are cut to this many characters. */
const MAX_TEXT = 500;
/** Broken rules kept per rejection (a statement matches one template, which has at most a dozen rules). */
const MAX_BROKEN_RULES = 20;

export interface RejectionRow {
  seq: number;
  organisationId: string;
  clientKey: string;
  statementId: string;
  stored: string;
  verb: string | null;
  objectId: string | null;
  reason: string;
  templates: { matched: readonly string[]; broken: readonly BrokenRule[] };
}

/**
 * The CLF statements each LRS client sent that count for nothing (`checkClfStatement` outcome
 * `not-recognised`, one naming another organisation than the client's included), with the reason and the template rules they break: the most recent
 * REJECTIONS_KEPT_PER_CLIENT per client (key) and organisation. The statements stay stored: they are valid
 * xAPI. Kept from `xapi.StatementStored` alone, so a rebuild from the log gives the same rows (the same
 * most recent ones survive, whatever the batches).
 */
export const clfRejectionsProjection: Projection = {
  name: CLF_REJECTIONS_PROJECTION,
  description: `CLF statements that count for nothing, with the reasons: the ${REJECTIONS_KEPT_PER_CLIENT} most recent per LRS client`,
  filter: { eventTypes: [STATEMENT_STORED] },
  async createTables(client, schema) {
    await client.query(`
      create table ${schema}.rejections (
        organisation_id text not null,
        client_key text not null,
        seq bigint not null,
        statement_id text not null,
        stored timestamptz not null,
        verb text,
        object_id text,
        reason text not null,
        templates jsonb not null,
        primary key (organisation_id, client_key, seq)
      );
      create index rejections_by_organisation on ${schema}.rejections (organisation_id, seq);`);
  },
  async apply(events, { client, schema }) {
    const rows = events.flatMap((e) => (e.type === STATEMENT_STORED ? rejectionOf(e) : []));
    if (rows.length === 0) return;
    await insertRejections(client, schema, rows);
    await keepMostRecent(client, schema, rows);
  },
};

/** The rejection a stored statement makes, if it is a CLF statement that is not recognised. */
export function rejectionOf(event: RecordedEvent): RejectionRow[] {
  const statement = storedStatement(event.data as StatementStoredData, event.recordedAt) as unknown as Record<
    string,
    unknown
  >;
  const organisationId = event.metadata.tenantId ?? 'default';
  const check = checkClfStatement(statement, { organisationId });
  if (check.outcome !== 'not-recognised') return [];
  const verb = (statement.verb as { id?: unknown } | undefined)?.id;
  const objectId = (statement.object as { id?: unknown } | undefined)?.id;
  return [
    {
      seq: Number(event.position.commit),
      organisationId,
      clientKey: event.metadata.actor ?? 'unknown',
      statementId: String(statement.id).toLowerCase(),
      stored: String(statement.stored),
      verb: typeof verb === 'string' ? cut(verb) : null,
      objectId: typeof objectId === 'string' ? cut(objectId) : null,
      reason: cut(check.reason!),
      templates: {
        matched: check.templates.matched,
        broken: check.templates.broken.slice(0, MAX_BROKEN_RULES).map((b) => ({ ...b, problem: cut(b.problem) })),
      },
    },
  ];
}

const cut = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

async function insertRejections(client: pg.PoolClient, schema: string, rows: readonly RejectionRow[]): Promise<void> {
  await client.query(
    `insert into ${schema}.rejections (organisation_id, client_key, seq, statement_id, stored, verb, object_id, reason, templates)
     select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::jsonb[])`,
    [
      rows.map((r) => r.organisationId),
      rows.map((r) => r.clientKey),
      rows.map((r) => r.seq),
      rows.map((r) => r.statementId),
      rows.map((r) => r.stored),
      rows.map((r) => r.verb),
      rows.map((r) => r.objectId),
      rows.map((r) => r.reason),
      rows.map((r) => JSON.stringify(r.templates)),
    ],
  );
}

/** Deletes, for each client the batch added to, all but its most recent REJECTIONS_KEPT_PER_CLIENT. */
async function keepMostRecent(client: pg.PoolClient, schema: string, rows: readonly RejectionRow[]): Promise<void> {
  const clients = [...new Map(rows.map((r) => [JSON.stringify([r.organisationId, r.clientKey]), r])).values()];
  await client.query(
    `delete from ${schema}.rejections r
     using unnest($1::text[], $2::text[]) as c(organisation_id, client_key),
       lateral (select seq from ${schema}.rejections k
                where k.organisation_id = c.organisation_id and k.client_key = c.client_key
                order by seq desc offset $3 limit 1) as oldest_dropped
     where r.organisation_id = c.organisation_id and r.client_key = c.client_key and r.seq <= oldest_dropped.seq`,
    [clients.map((r) => r.organisationId), clients.map((r) => r.clientKey), REJECTIONS_KEPT_PER_CLIENT],
  );
}

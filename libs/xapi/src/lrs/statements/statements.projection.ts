import { hash } from 'node:crypto';
import type pg from 'pg';
import { preparedQuery } from '#libs/database';
import type { RecordedEvent } from '#libs/event-store';
import type { Projection } from '#libs/projections';
import { agentIfi } from '../../statement-model/helpers/agent-ifi.js';
import type { Statement } from '../../statement-model/types.js';
import { attachmentHashes, STATEMENT_STORED, type StatementStoredData } from './statement-events.js';
import {
  isVoidingStatement,
  registrationKey,
  statementIndexKeys,
  statementRefTarget,
  withoutShadowedKeys,
} from './statement-index-keys.js';
import { statementSource, type StatementKey, type StatementSource } from './statement-source.js';

export const STATEMENTS_PROJECTION = 'xapi-statements';

interface StatementRow {
  seq: number;
  organisationId: string;
  statementId: string;
  stored: string;
  /** Null when the log keeps the statement (see StatementSource). */
  body: string | null;
  refTarget: string | null;
  /** Its StatementRef target is not stored yet: linked when the target arrives. */
  refDangling: boolean;
  isVoiding: boolean;
  authority: string | null;
  attachments: string[];
  keys: string[];
}

interface ExistingRow {
  seq: number;
  organisation_id: string;
  statement_id: string;
  ref_target: string | null;
  is_voiding: boolean;
  statement: string;
  index_keys: string[] | null;
}

/**
 * The statement query model. `statements` holds each statement once, in log order (`seq` is the
 * log position); where its JSON is kept and how ids and times are found is the StatementSource's
 * (statement-source.ts: through the log when it is queryable in this database).
 * `statement_index` holds one row per query key (agent, verb, activity, registration: see
 * statement-index-keys.ts) with the primary key (key_hash, seq), key_hash standing for the
 * organisation and the key (`indexKeyHash`), so a filtered page is one backwards range scan of one key
 * and costs the same at any store size. A statement that targets another (StatementRef) also carries the
 * target's keys, as the filter rules for StatementRefs ask (Communication 2.1.3.s3).
 */
export const statementsProjection: Projection = {
  name: STATEMENTS_PROJECTION,
  description: 'xAPI statements and their query indexes (agent, verb, activity, registration)',
  filter: { eventTypes: [STATEMENT_STORED] },
  // PUT and POST wait for it (XAPI_WRITE_WAIT_MS).
  awaited: true,
  async createTables(client, schema, store) {
    const source = statementSource(store);
    await client.query(`
      create table ${schema}.statements (
        seq bigint not null,
        organisation_id text not null,
        statement_id uuid not null,
        stored timestamptz not null,
        body text,
        ref_target uuid,
        is_voiding boolean not null,
        voided boolean not null default false,
        authority text,
        attachments text[] not null default '{}',
        -- Only for statements with a StatementRef object: their own keys plus those inherited from the
        -- target. Other statements' keys are derived from body when needed.
        index_keys jsonb,
        primary key (organisation_id, seq)${source.idConstraint}
      );
      ${source.timeIndex(schema)}
      -- Statements with a StatementRef object (few): found by their target, to pass on keys it gains late.
      create index statements_ref_target on ${schema}.statements (organisation_id, ref_target) where ref_target is not null;
      -- Statements with attachments (few): what the attachment cleanup reads, without a pass over every statement.
      create index statements_with_attachments on ${schema}.statements (organisation_id) where cardinality(attachments) > 0;
      -- Statements whose StatementRef target was not stored yet: few or none, so every batch can look cheaply.
      create table ${schema}.dangling_references (
        organisation_id text not null,
        seq bigint not null,
        target uuid not null,
        primary key (organisation_id, seq)
      );
      create index dangling_references_target on ${schema}.dangling_references (target);
      create table ${schema}.statement_index (
        key_hash bigint not null,
        seq bigint not null,
        primary key (key_hash, seq)
      );`);
  },
  async apply(events, { client, schema, store }) {
    const source = statementSource(store);
    const rows = events.filter((e) => e.type === STATEMENT_STORED).map((e) => toRow(e, source));
    if (rows.length === 0) return;
    await inheritTargetKeys(client, schema, rows, source);
    const waiting = await insertStatementsAndIndex(client, schema, rows, source);
    await linkWaitingReferrers(client, schema, rows, waiting, source);
    await recordDanglingReferences(client, schema, rows);
    const voided = rows
      .filter((r) => r.isVoiding)
      .map((r) => ({ organisationId: r.organisationId, statementId: r.refTarget! }));
    await voidTargets(client, schema, voided, source);
  },
};

function toRow(event: RecordedEvent, source: StatementSource): StatementRow {
  const data = event.data as StatementStoredData;
  // The statement as accepted: `stored` (the log's time, to the millisecond) is a column of its own.
  const statement = data.statement;
  return {
    seq: Number(event.position.commit),
    organisationId: event.metadata.tenantId ?? 'default',
    statementId: statement.id!.toLowerCase(),
    stored: new Date(event.recordedAt).toISOString(),
    body: source.bodyOf(data, event.recordedAt),
    refTarget: statementRefTarget(statement) ?? null,
    refDangling: false,
    isVoiding: isVoidingStatement(statement),
    authority: agentIfi(statement.authority) ?? null,
    attachments: attachmentHashes(statement),
    keys: statementIndexKeys(statement),
  };
}

function existingRows(schema: string, where: string, source: StatementSource): string {
  return `select s.seq, s.organisation_id, s.statement_id::text, s.ref_target::text, s.is_voiding, s.index_keys,
            ${source.textColumn} as statement
     from ${schema}.statements s where ${where}`;
}

/**
 * A new statement with a StatementRef inherits its target's keys (the target's own inherited keys
 * included, so chains match recursively), whether the target is in this batch or stored earlier.
 */
async function inheritTargetKeys(
  client: pg.PoolClient,
  schema: string,
  rows: StatementRow[],
  source: StatementSource,
): Promise<void> {
  const referring = rows.filter((r) => r.refTarget);
  if (referring.length === 0) return;
  const byId = new Map(rows.map((r) => [`${r.organisationId} ${r.statementId}`, r]));
  const targets = source.withStatementIds(
    referring.map((r) => ({ organisationId: r.organisationId, statementId: r.refTarget! })),
  );
  const { rows: stored } = await client.query<ExistingRow>(
    preparedQuery(existingRows(schema, targets.condition, source), targets.params),
  );
  const storedById = new Map(stored.map((t) => [`${t.organisation_id} ${t.statement_id}`, t]));
  for (const row of referring) {
    const key = `${row.organisationId} ${row.refTarget}`;
    const target = byId.get(key) ?? storedById.get(key);
    row.refDangling = !target;
    const targetKeys = target ? ('keys' in target ? target.keys : keysOf(target)) : [];
    row.keys = withoutShadowedKeys([...row.keys, ...targetKeys]);
  }
}

/**
 * Statements stored earlier that were waiting for a target in this batch: they gain its keys and,
 * for a voiding one, void it.
 */
async function linkWaitingReferrers(
  client: pg.PoolClient,
  schema: string,
  rows: StatementRow[],
  waiting: ExistingRow[],
  source: StatementSource,
): Promise<void> {
  if (waiting.length === 0) return;
  const byId = new Map(rows.map((r) => [`${r.organisationId} ${r.statementId}`, r]));
  const voided: StatementKey[] = [];
  for (const referrer of waiting) {
    const target = byId.get(`${referrer.organisation_id} ${referrer.ref_target}`);
    if (!target) continue;
    if (referrer.is_voiding) voided.push(target);
    await client.query(`delete from ${schema}.dangling_references where organisation_id = $1 and seq = $2`, [
      referrer.organisation_id,
      referrer.seq,
    ]);
    await extendReferrerKeys(client, schema, referrer, target.keys, source);
  }
  await voidTargets(client, schema, voided, source);
}

/** A StatementRef whose target is not stored yet waits in dangling_references until it is. */
async function recordDanglingReferences(client: pg.PoolClient, schema: string, rows: StatementRow[]): Promise<void> {
  const dangling = rows.filter((r) => r.refDangling);
  if (dangling.length === 0) return;
  await client.query(
    `insert into ${schema}.dangling_references (organisation_id, seq, target) select * from unnest($1::text[], $2::bigint[], $3::uuid[])`,
    [dangling.map((r) => r.organisationId), dangling.map((r) => r.seq), dangling.map((r) => r.refTarget)],
  );
}

/**
 * A statement stored before its target gains the target's keys; a broad key it had may become narrow.
 * Statements that refer to it took its keys when they were stored, so they gain the new ones too, and
 * so on along the chain (each statement once, should ids form a cycle).
 */
async function extendReferrerKeys(
  client: pg.PoolClient,
  schema: string,
  referrer: ExistingRow,
  targetKeys: string[],
  source: StatementSource,
  extended = new Set<string>(),
): Promise<void> {
  const { organisation_id: organisationId, seq } = referrer;
  extended.add(`${organisationId} ${referrer.statement_id}`);
  const before = keysOf(referrer);
  const after = withoutShadowedKeys([...before, ...targetKeys]);
  const added = after.filter((k) => !before.includes(k));
  if (added.length === 0) return;
  const removed = before.filter((k) => !after.includes(k));
  await client.query(`update ${schema}.statements set index_keys = $3::jsonb where organisation_id = $1 and seq = $2`, [
    organisationId,
    seq,
    JSON.stringify(after),
  ]);
  if (removed.length > 0) {
    await client.query(`delete from ${schema}.statement_index where seq = $1 and key_hash = any($2::bigint[])`, [
      seq,
      removed.map((k) => indexKeyHash(organisationId, k)),
    ]);
  }
  await insertIndexRows(client, schema, [{ organisationId, seq, keys: added }]);
  const { rows: referrers } = await client.query<ExistingRow>(
    existingRows(schema, 's.organisation_id = $1 and s.ref_target = $2', source),
    [organisationId, referrer.statement_id],
  );
  for (const next of referrers) {
    if (!extended.has(`${organisationId} ${next.statement_id}`))
      await extendReferrerKeys(client, schema, next, added, source, extended);
  }
}

function keysOf(row: ExistingRow): string[] {
  return row.index_keys ?? statementIndexKeys(JSON.parse(row.statement) as Statement);
}

/**
 * The batch's statement rows and index rows in one statement (one round trip: a writer waits for this
 * read model), which also returns the statements stored earlier that wait in dangling_references for
 * one of these. The rows go as one JSON document: PostgreSQL parses JSON in C, where array parameters
 * would be escaped element by element in JavaScript. No ON CONFLICT: the log holds each statement
 * once and a batch is applied once (checkpoint compare-and-set), so nothing can conflict, and a
 * speculative insertion costs an index probe and a WAL record per row more.
 */
async function insertStatementsAndIndex(
  client: pg.PoolClient,
  schema: string,
  rows: StatementRow[],
  source: StatementSource,
): Promise<ExistingRow[]> {
  const json = JSON.stringify(
    rows.map((r) => ({
      seq: r.seq,
      organisation_id: r.organisationId,
      statement_id: r.statementId,
      stored: r.stored,
      body: r.body,
      ref_target: r.refTarget,
      is_voiding: r.isVoiding,
      authority: r.authority,
      attachments: r.attachments,
      index_keys: r.refTarget ? r.keys : null,
    })),
  );
  const index = indexRows(rows);
  const { rows: waiting } = await client.query<ExistingRow>(
    preparedQuery(
      `with batch as (
           select * from json_to_recordset($1::json) as t(seq bigint, organisation_id text, statement_id uuid, stored timestamptz,
             body text, ref_target uuid, is_voiding boolean, authority text, attachments text[], index_keys jsonb)
         ), statement_rows as (
           insert into ${schema}.statements
             (seq, organisation_id, statement_id, stored, body, ref_target, is_voiding, authority, attachments, index_keys)
           select seq, organisation_id, statement_id, stored, body, ref_target, is_voiding, authority, attachments, index_keys
           from batch
         ), index_rows as (
           insert into ${schema}.statement_index (key_hash, seq)
           select * from unnest(string_to_array($2, ',')::bigint[], string_to_array($3, ',')::bigint[])
         )
         ${existingRows(
           schema,
           `(s.organisation_id, s.seq) in (
              select d.organisation_id, d.seq from ${schema}.dangling_references d join batch b
                on d.target = b.statement_id and d.organisation_id = b.organisation_id)`,
           source,
         )}`,
      [json, index.hashes, index.seqs],
    ),
  );
  return waiting;
}

async function insertIndexRows(client: pg.PoolClient, schema: string, rows: readonly IndexedRow[]): Promise<void> {
  const { hashes, seqs } = indexRows(rows);
  if (hashes === '') return;
  await client.query(
    preparedQuery(
      `insert into ${schema}.statement_index (key_hash, seq)
       select * from unnest(string_to_array($1, ',')::bigint[], string_to_array($2, ',')::bigint[]) on conflict do nothing`,
      [hashes, seqs],
    ),
  );
}

interface IndexedRow {
  organisationId: string;
  seq: number;
  keys: readonly string[];
}

/**
 * The index rows of some statements as two comma-separated lists (cheaper to send than two arrays);
 * two keys of one statement with the same hash give one row.
 */
function indexRows(rows: readonly IndexedRow[]): { hashes: string; seqs: string } {
  const hashes: string[] = [];
  const seqs: number[] = [];
  for (const row of rows) {
    for (const hash of new Set(row.keys.map((key) => indexKeyHash(row.organisationId, key)))) {
      hashes.push(hash);
      seqs.push(row.seq);
    }
  }
  return { hashes: hashes.join(','), seqs: seqs.join(',') };
}

/**
 * The index stores a 64-bit hash of (organisation, key) instead of the text: 16-byte index entries
 * keep ingest and scans fast. Queries still check the organisation on the statement row, so a hash
 * collision (any at all is about a 1 in 30 million chance with a million distinct keys) could at worst add a statement of the
 * same organisation to a result, never one of another organisation.
 */
export function indexKeyHash(organisationId: string, key: string): string {
  let organisationHashes = recentKeyHashes.get(organisationId);
  if (!organisationHashes) recentKeyHashes.set(organisationId, (organisationHashes = new Map()));
  let value = organisationHashes.get(key);
  if (value === undefined) {
    // MD5 for speed only (it is not a security boundary: see above); its first 64 bits, signed.
    value = hash('md5', `${organisationId}\n${key}`, 'buffer').readBigInt64BE(0).toString();
    if (worthCaching(key)) {
      if (cachedKeyHashes >= KEY_HASH_CACHE_SIZE) {
        recentKeyHashes.clear();
        cachedKeyHashes = 0;
        recentKeyHashes.set(organisationId, (organisationHashes = new Map()));
      }
      organisationHashes.set(key, value);
      cachedKeyHashes++;
    }
  }
  return value;
}

/**
 * Verbs, authorities, parent activities and active learners recur in every batch: their hashes are
 * kept, per organisation. Not a registration's (one per attempt: they would crowd out the recurring
 * keys), nor long keys (rare, and queries can send any).
 */
function worthCaching(key: string): boolean {
  return key.length <= MAX_CACHED_KEY_LENGTH && !key.startsWith(REGISTRATION_KEY_PREFIX);
}

const KEY_HASH_CACHE_SIZE = 50_000;
const MAX_CACHED_KEY_LENGTH = 300;
const REGISTRATION_KEY_PREFIX = registrationKey('');
/** Keys of each organisation (a map per organisation spares building the combined text on a hit), at most KEY_HASH_CACHE_SIZE in all. */
const recentKeyHashes = new Map<string, Map<string, string>>();
let cachedKeyHashes = 0;

/** A voiding statement voids its target, unless the target is itself a voiding statement (Data 2.3.2). */
async function voidTargets(
  client: pg.PoolClient,
  schema: string,
  targets: readonly StatementKey[],
  source: StatementSource,
): Promise<void> {
  if (targets.length === 0) return;
  const { condition, params } = source.withStatementIds(targets);
  await client.query(
    `update ${schema}.statements s set voided = true where ${condition} and not s.is_voiding and not s.voided`,
    params,
  );
}

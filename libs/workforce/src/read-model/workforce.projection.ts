import type pg from 'pg';
import { preparedQuery } from '#libs/database';
import type { RecordedEvent } from '#libs/event-store';
import type { Projection } from '#libs/projections';
import { STATEMENT_STORED, storableInstant } from '#libs/xapi';
import {
  WORKFORCE_EVENTS as EV,
  type EvidenceAccepted,
  type EvidenceRecorded,
  type EvidenceWithdrawn,
  type ShareScope,
  type WorkforceEvent,
  type WorkerIdentifier,
} from '../domain/events.js';
import { workerIdFor } from '../domain/identifiers.js';
import { reactionTo } from '../evidence/statement-reaction.js';
import { createWorkforceTables } from './workforce-tables.js';

export const WORKFORCE_PROJECTION = 'workforce';

const EVIDENCE_EVENTS: readonly string[] = [EV.evidenceRecorded, EV.evidenceWithdrawn, EV.evidenceAccepted];

/**
 * Workers' capability record, kept from workforce domain events: the commands' (organisations,
 * workers, roles, assignments) and the evidence reactor's (evidence recorded and withdrawn, workers
 * registered from statements). Statements are read only for plain learning records, which are not
 * evidence and have no domain event: they appear on timelines and count towards hours of learning.
 * Runs of evidence and of statements are applied set-based.
 */
export const workforceProjection: Projection = {
  name: WORKFORCE_PROJECTION,
  description: "Workers' capability record: organisations, workers, roles, evidence, plain learning records",
  // Awaited: every workforce command answers once this read model has its events (read-your-writes),
  // so its batches must not queue behind slow background read models such as the trends.
  awaited: true,
  // Identifier claims decide ownership on the write side; the registrations carry the identifiers.
  filter: {
    eventTypes: [
      STATEMENT_STORED,
      ...Object.values(EV).filter((t) => t !== EV.identifierClaimed && t !== EV.identifierHandedOver),
    ],
  },
  createTables: createWorkforceTables,
  async apply(events, { client, schema }) {
    await ensureReadModelAdditions(client, schema);
    for (const run of runsOf(events)) {
      const kind = kindOf(run[0]!);
      if (kind === 'evidence') await applyEvidence(client, schema, run);
      else if (kind === 'statement') await applyPlainRecords(client, schema, run);
      else
        for (const event of run)
          await applyWorkforceEvent(client, schema, event as RecordedEvent<WorkforceEvent['data']>);
    }
  },
};

/**
 * Tables and columns that came after the first read models were made. A read model made before one gets
 * it here, so an existing data directory carries on without a rebuild; each is what a rebuild would leave:
 * - `worker_merges` came with the evidence reactor;
 * - `records.pending` with issue 11's pending evidence (every earlier record was sent by its worker's
 *   organisation: none is pending; a constant default adds it without rewriting the table);
 * - `shares` with the worker's shares (no share event existed before it: the table starts empty);
 * - `records.recorded_by` with EvidenceRecorded v3 (earlier events carry no recorder: null);
 * - `statement_worker_reviews` with the review of workers registered from statements (no review event
 *   existed before it: the table starts empty).
 */
const READ_MODEL_ADDITIONS: readonly { table: string; column?: string; create: (schema: string) => string }[] = [
  {
    table: 'worker_merges',
    create: (schema) =>
      `create table ${schema}.worker_merges (worker_id text primary key, into_worker_id text not null)`,
  },
  {
    table: 'records',
    column: 'pending',
    create: (schema) => `alter table ${schema}.records add column pending boolean not null default false`,
  },
  {
    table: 'shares',
    create: (schema) =>
      `create table ${schema}.shares (worker_id text not null, with_organisation_id text not null, record_organisation_id text not null, statement_id text not null,
         primary key (worker_id, with_organisation_id, record_organisation_id, statement_id))`,
  },
  {
    table: 'records',
    column: 'recorded_by',
    create: (schema) => `alter table ${schema}.records add column recorded_by jsonb`,
  },
  {
    table: 'statement_worker_reviews',
    create: (schema) =>
      `create table ${schema}.statement_worker_reviews (worker_id text not null, organisation_id text not null, outcome text not null, reviewed_at timestamptz not null,
         primary key (worker_id, organisation_id))`,
  },
];

/**
 * Adds what READ_MODEL_ADDITIONS lists and the schema lacks. A schema is remembered only once all of them
 * are seen to exist before the batch: one created in this batch's transaction may yet be rolled back.
 */
const schemasUpToDate = new Set<string>();
async function ensureReadModelAdditions(client: pg.PoolClient, schema: string): Promise<void> {
  if (schemasUpToDate.has(schema)) return;
  let allPresent = true;
  for (const addition of READ_MODEL_ADDITIONS) {
    const { rows } = await client.query<{ present: boolean }>(
      addition.column
        ? `select exists (select from information_schema.columns where table_schema = $1 and table_name = $2 and column_name = $3) as present`
        : `select to_regclass($1::text || '.' || $2::text) is not null as present`,
      addition.column ? [schema, addition.table, addition.column] : [schema, addition.table],
    );
    if (rows[0]!.present) continue;
    allPresent = false;
    await client.query(addition.create(schema));
  }
  if (allPresent) schemasUpToDate.add(schema);
}

/** A share's row key: the whole record is ('', ''). */
const shareKey = (scope: ShareScope) =>
  scope.kind === 'record' ? ['', ''] : [scope.organisationId, scope.statementId];

function kindOf(event: RecordedEvent): 'evidence' | 'statement' | 'other' {
  return EVIDENCE_EVENTS.includes(event.type) ? 'evidence' : event.type === STATEMENT_STORED ? 'statement' : 'other';
}

/** Splits a batch into runs of one kind (evidence, statements, other events), keeping log order between runs. */
function runsOf(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && kindOf(last[0]!) === kindOf(event)) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

/**
 * Plain learning records straight from their statements, and their withdrawal when voided (evidence is
 * withdrawn by its own event). The worker is the identifier's holder in this read model, else the one
 * the reactor registers for an unknown actor (`workerIdFor`), which it appends after the statement.
 */
async function applyPlainRecords(client: pg.PoolClient, schema: string, events: RecordedEvent[]): Promise<void> {
  const plain: { ifi: string; evidence: Omit<EvidenceRecorded, 'workerId'> }[] = [];
  const voided: { organisationId: string; statementId: string; at: string }[] = [];
  for (const event of events) {
    const reaction = reactionTo(event);
    if (reaction.type === 'record' && reaction.plain)
      plain.push({ ifi: reaction.actor.ifi, evidence: reaction.evidence });
    else if (reaction.type === 'withdraw')
      voided.push({
        organisationId: reaction.organisationId,
        statementId: reaction.withdrawal.statementId,
        at: reaction.withdrawal.withdrawnAt,
      });
  }
  if (plain.length > 0) {
    const holders = await holdersOf(
      client,
      schema,
      plain.map((p) => p.ifi),
    );
    const records = plain.map(
      (p) => ({ ...p.evidence, workerId: holders.get(p.ifi) ?? workerIdFor(p.ifi) }) as EvidenceRecorded,
    );
    await insertRecords(
      client,
      schema,
      records,
      await mergedInto(
        client,
        schema,
        records.map((r) => r.workerId),
      ),
    );
  }
  if (voided.length > 0) {
    await withdrawRecords(client, schema, voided, 'learning-record');
  }
}

async function holdersOf(client: pg.PoolClient, schema: string, ifis: string[]): Promise<Map<string, string>> {
  const { rows } = await client.query<{ ifi: string; worker_id: string }>(
    `select ifi, worker_id from ${schema}.worker_identifiers where ifi = any($1)`,
    [[...new Set(ifis)]],
  );
  return new Map(rows.map((r) => [r.ifi, r.worker_id]));
}

async function applyEvidence(client: pg.PoolClient, schema: string, events: RecordedEvent[]): Promise<void> {
  const records = events.filter((e) => e.type === EV.evidenceRecorded).map((e) => e.data as EvidenceRecorded);
  const withdrawals = events
    .filter((e) => e.type === EV.evidenceWithdrawn)
    .map((e) => {
      const withdrawn = e.data as EvidenceWithdrawn;
      return { ...withdrawn, withdrawnAt: storableInstant(withdrawn.withdrawnAt, e.recordedAt) };
    });
  if (records.length > 0)
    await insertRecords(
      client,
      schema,
      records,
      await mergedInto(
        client,
        schema,
        records.map((r) => r.workerId),
      ),
    );
  // After the inserts: an acceptance or a withdrawal always follows its record in the log, maybe in the same run.
  const acceptances = events.filter((e) => e.type === EV.evidenceAccepted).map((e) => e.data as EvidenceAccepted);
  if (acceptances.length > 0) {
    await client.query(
      `update ${schema}.records r set pending = false from unnest($1::text[], $2::text[]) as v(organisation_id, statement_id)
        where r.organisation_id = v.organisation_id and r.statement_id = v.statement_id`,
      [acceptances.map((a) => a.organisationId), acceptances.map((a) => a.statementId)],
    );
  }
  if (withdrawals.length > 0) {
    await withdrawRecords(
      client,
      schema,
      withdrawals.map((w) => ({ organisationId: w.organisationId, statementId: w.statementId, at: w.withdrawnAt })),
    );
  }
}

/** Marks records withdrawn from the given time (history keeps that they counted before); `kind` limits which. */
async function withdrawRecords(
  client: pg.PoolClient,
  schema: string,
  withdrawals: readonly { organisationId: string; statementId: string; at: string }[],
  kind?: string,
): Promise<void> {
  await client.query(
    `update ${schema}.records r set withdrawn_at = v.at
     from unnest($1::text[], $2::text[], $3::timestamptz[]) as v(organisation_id, statement_id, at)
     where r.organisation_id = v.organisation_id and r.statement_id = v.statement_id and r.withdrawn_at is null
       and ($4::text is null or r.kind = $4)`,
    [
      withdrawals.map((w) => w.organisationId),
      withdrawals.map((w) => w.statementId),
      withdrawals.map((w) => w.at),
      kind ?? null,
    ],
  );
}

/**
 * Evidence the reactor attributed to a worker known only from statements, decided just before that
 * worker was merged into a registered one, belongs to the registered worker.
 */
async function mergedInto(client: pg.PoolClient, schema: string, workerIds: string[]): Promise<Map<string, string>> {
  const { rows } = await client.query<{ worker_id: string; into_worker_id: string }>(
    `select worker_id, into_worker_id from ${schema}.worker_merges where worker_id = any($1)`,
    [[...new Set(workerIds)]],
  );
  return new Map(rows.map((r) => [r.worker_id, r.into_worker_id]));
}

/**
 * The records as one JSON document: PostgreSQL parses JSON in C (JSON arrays straight into the text[]
 * columns), where sixteen array parameters would be escaped element by element in JavaScript. A
 * statement already recorded keeps its first record (the batch's first, or one stored before: found by
 * the anti-join). Not ON CONFLICT: its speculative insertion costs a WAL record per row more, and this
 * projection is the table's only writer.
 */
async function insertRecords(
  client: pg.PoolClient,
  schema: string,
  records: EvidenceRecorded[],
  merged: Map<string, string>,
): Promise<void> {
  const json = JSON.stringify(
    firstPerStatement(records).map((r) => ({
      organisation_id: r.organisationId,
      statement_id: r.statementId,
      worker_id: merged.get(r.workerId) ?? r.workerId,
      kind: r.kind,
      occurred_at: storableInstant(r.occurredAt, r.storedAt),
      stored_at: r.storedAt,
      title: r.title,
      capability_ids: r.capabilityIds,
      indicator_ids: r.indicatorIds,
      duration_seconds: r.durationSeconds,
      source: r.source,
      by_whom: r.by,
      indicator_id: r.indicator?.indicatorId,
      capability_id: r.indicator?.capabilityId,
      evidenced: r.indicator?.evidenced,
      details: r.details,
      pending: r.pending ?? false,
      recorded_by: r.recordedBy ?? null,
    })),
  );
  await client.query(
    preparedQuery(
      `insert into ${schema}.records (organisation_id, statement_id, worker_id, kind, occurred_at, stored_at, title,
         capability_ids, indicator_ids, duration_seconds, source, by_whom, indicator_id, capability_id, evidenced, details, pending, recorded_by)
       select organisation_id, statement_id, worker_id, kind, occurred_at, stored_at, title,
         capability_ids, indicator_ids, duration_seconds, source, by_whom, indicator_id, capability_id, evidenced, details, pending, recorded_by
       from json_to_recordset($1::json) as x(organisation_id text, statement_id text, worker_id text, kind text,
         occurred_at timestamptz, stored_at timestamptz, title text, capability_ids text[], indicator_ids text[],
         duration_seconds float8, source text, by_whom text, indicator_id text, capability_id text, evidenced boolean, details jsonb,
         pending boolean, recorded_by jsonb)
       where not exists (select from ${schema}.records r where r.organisation_id = x.organisation_id and r.statement_id = x.statement_id)`,
      [json],
    ),
  );
}

function firstPerStatement(records: readonly EvidenceRecorded[]): EvidenceRecorded[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const key = `${r.organisationId} ${r.statementId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function applyWorkforceEvent(
  client: pg.PoolClient,
  schema: string,
  event: RecordedEvent<WorkforceEvent['data']>,
): Promise<void> {
  const e = { type: event.type, data: event.data } as WorkforceEvent;
  switch (e.type) {
    case EV.organisationRegistered:
    case EV.organisationDetailsChanged: {
      const d = e.data;
      await client.query(
        `insert into ${schema}.organisations (id, name, sector, region, service_type, size_band, registered_at) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (id) do update set name = $2, sector = $3, region = $4, service_type = $5, size_band = $6`,
        [d.organisationId, d.name, d.sector, d.region, d.serviceType, d.sizeBand, event.metadata.occurredAt],
      );
      return;
    }
    case EV.workerRegistered: {
      const d = e.data;
      if (d.via === 'statement') {
        await client.query(
          `insert into ${schema}.workers (id, name, registered_via, first_seen_at) values ($1, $2, 'statement', $3) on conflict (id) do nothing`,
          [d.workerId, d.name ?? null, event.metadata.occurredAt],
        );
      } else {
        await client.query(
          `insert into ${schema}.workers (id, name, registration_number, registered_via, first_seen_at) values ($1, $2, $3, 'api', $4)
           on conflict (id) do update set name = coalesce($2, workers.name), registration_number = $3, registered_via = 'api'`,
          [d.workerId, d.name ?? null, d.registrationNumber ?? null, event.metadata.occurredAt],
        );
      }
      for (const identifier of d.identifiers) await holdIdentifier(client, schema, d.workerId, identifier);
      return;
    }
    case EV.workerIdentifierAdded:
      await holdIdentifier(client, schema, e.data.workerId, e.data.identifier);
      return;
    case EV.workerMerged:
      await mergeWorker(client, schema, e.data.workerId, e.data.intoWorkerId);
      return;
    case EV.workerFromStatementConfirmed:
    case EV.workerFromStatementRejected:
      await client.query(
        `insert into ${schema}.statement_worker_reviews (worker_id, organisation_id, outcome, reviewed_at) values ($1, $2, $3, $4)
         on conflict do nothing`,
        [
          e.data.workerId,
          e.data.organisationId,
          e.type === EV.workerFromStatementConfirmed ? 'confirmed' : 'rejected',
          event.metadata.occurredAt,
        ],
      );
      return;
    case EV.workerJoinedOrganisation:
      // Ended and joined again on one day: the same key, and the membership is current again.
      await client.query(
        `insert into ${schema}.memberships (worker_id, organisation_id, from_date) values ($1, $2, $3)
         on conflict (worker_id, organisation_id, from_date) do update set to_date = null`,
        [e.data.workerId, e.data.organisationId, e.data.from],
      );
      return;
    case EV.workerLeftOrganisation:
      await client.query(
        `update ${schema}.memberships set to_date = $3 where worker_id = $1 and organisation_id = $2 and to_date is null`,
        [e.data.workerId, e.data.organisationId, e.data.to],
      );
      return;
    case EV.jobRoleDefined: {
      const d = e.data;
      await client.query(
        `insert into ${schema}.roles (id, organisation_id, name, requirements, qualifications, training) values ($1, $2, $3, $4, $5, $6)
         on conflict (id) do update set name = $3, requirements = $4, qualifications = $5, training = $6`,
        [
          d.roleId,
          d.organisationId,
          d.name,
          JSON.stringify(d.requirements),
          JSON.stringify(d.qualifications),
          JSON.stringify(d.training),
        ],
      );
      return;
    }
    case EV.jobRoleRequirementsChanged: {
      // An update, not an upsert: the change names no organisation, and a NOT NULL column refuses the
      // proposed row of an upsert even when it conflicts, which stopped the projection at the change.
      const d = e.data;
      await client.query(
        `update ${schema}.roles set name = $2, requirements = $3, qualifications = $4, training = $5 where id = $1`,
        [
          d.roleId,
          d.name,
          JSON.stringify(d.requirements),
          JSON.stringify(d.qualifications),
          JSON.stringify(d.training),
        ],
      );
      return;
    }
    case EV.roleAssigned:
      await client.query(
        // Ended and assigned again on one day: the same key, and the assignment is current again.
        `insert into ${schema}.role_assignments (worker_id, role_id, organisation_id, from_date) values ($1, $2, $3, $4)
         on conflict (worker_id, role_id, from_date) do update set to_date = null`,
        [e.data.workerId, e.data.roleId, e.data.organisationId, e.data.from],
      );
      return;
    case EV.roleAssignmentEnded:
      await client.query(
        `update ${schema}.role_assignments set to_date = $3 where worker_id = $1 and role_id = $2 and to_date is null`,
        [e.data.workerId, e.data.roleId, e.data.to],
      );
      return;
    case EV.recordShared:
      await client.query(
        `insert into ${schema}.shares (worker_id, with_organisation_id, record_organisation_id, statement_id) values ($1, $2, $3, $4) on conflict do nothing`,
        [e.data.workerId, e.data.withOrganisationId, ...shareKey(e.data.scope)],
      );
      return;
    case EV.recordShareWithdrawn:
      await client.query(
        `delete from ${schema}.shares where worker_id = $1 and with_organisation_id = $2 and record_organisation_id = $3 and statement_id = $4`,
        [e.data.workerId, e.data.withOrganisationId, ...shareKey(e.data.scope)],
      );
      return;
  }
}

/**
 * The identifier's holder, as its claim stream decided on the write side. Plain learning records put
 * under the identifier's derived worker before anyone held it move to the holder, unless the derived
 * worker is the holder or exists (it was registered from statements: a merge moves its records).
 */
async function holdIdentifier(
  client: pg.PoolClient,
  schema: string,
  workerId: string,
  identifier: WorkerIdentifier,
): Promise<void> {
  await client.query(
    `insert into ${schema}.worker_identifiers (ifi, worker_id, agent) values ($1, $2, $3)
     on conflict (ifi) do update set worker_id = $2, agent = $3`,
    [identifier.ifi, workerId, JSON.stringify(identifier.agent)],
  );
  const derived = workerIdFor(identifier.ifi);
  if (derived === workerId) return;
  await client.query(
    `update ${schema}.records set worker_id = $1
     where worker_id = $2 and kind = 'learning-record' and not exists (select 1 from ${schema}.workers where id = $2)`,
    [workerId, derived],
  );
}

/** A worker known only from statements is a registered worker: its records and memberships move over. */
async function mergeWorker(
  client: pg.PoolClient,
  schema: string,
  workerId: string,
  intoWorkerId: string,
): Promise<void> {
  await client.query(`update ${schema}.records set worker_id = $2 where worker_id = $1`, [workerId, intoWorkerId]);
  await client.query(
    `insert into ${schema}.memberships (worker_id, organisation_id, from_date, to_date)
     select $2, organisation_id, from_date, to_date from ${schema}.memberships where worker_id = $1 on conflict do nothing`,
    [workerId, intoWorkerId],
  );
  await client.query(`delete from ${schema}.memberships where worker_id = $1`, [workerId]);
  await client.query(`delete from ${schema}.worker_identifiers where worker_id = $1`, [workerId]);
  await client.query(`delete from ${schema}.workers where id = $1`, [workerId]);
  await client.query(`update ${schema}.worker_merges set into_worker_id = $2 where into_worker_id = $1`, [
    workerId,
    intoWorkerId,
  ]);
  await client.query(
    `insert into ${schema}.worker_merges (worker_id, into_worker_id) values ($1, $2) on conflict (worker_id) do update set into_worker_id = $2`,
    [workerId, intoWorkerId],
  );
}

import type pg from 'pg';
import { copyRows } from '#libs/database';
import type { RecordedEvent } from '#libs/event-store';
import type { Projection } from '#libs/projections';
import { storableInstant } from '#libs/xapi';
import { ADOPTION_EVENTS, AUDIT_CYCLE_EVENTS as CYCLE } from '#libs/audit';
import { WORKFORCE_EVENTS as EV, type EvidenceRecorded } from '#libs/workforce';
import { recordFacts, REPLAYED_CHANGES, type Touched } from './batch-facts.js';
import { organisationContributions, workerContributions, type Contribution } from './contributions.js';
import { CellSums, createCellsTable, loadCellsInBulk } from './cells.js';
import { loadOrganisations, loadRoles, loadWorkers } from './trend-facts.js';
import {
  organisationYears,
  workerYears,
  type OrganisationFacts,
  type OrganisationYear,
  type RoleFacts,
  type WorkerFacts,
  type WorkerYear,
} from './year-snapshots.js';

export const TRENDS_PROJECTION = 'trends';

const TRACKED: readonly string[] = [
  EV.organisationRegistered,
  EV.organisationDetailsChanged,
  EV.workerJoinedOrganisation,
  EV.workerLeftOrganisation,
  EV.workerMerged,
  EV.jobRoleDefined,
  EV.jobRoleRequirementsChanged,
  EV.roleAssigned,
  EV.roleAssignmentEnded,
  EV.evidenceRecorded,
  EV.evidenceWithdrawn,
  EV.evidenceAccepted,
  ADOPTION_EVENTS.recorded,
  CYCLE.opened,
  CYCLE.indicatorSelfAssessed,
  CYCLE.selfAssessmentWithdrawn,
  CYCLE.completed,
];

/** Evidence kinds the trends count: indicator judgements (stages) and learning volume. */
const COUNTED_KINDS = ['learning-activity', 'qualification', 'feedback'];

/**
 * The evaluators' trends, pre-aggregated (issue 16). Three layers, all rebuilt from the log:
 * - facts: organisations, adoption, completed audits' self-assessed stages, memberships, role
 *   assignments, roles, indicator judgements and learning records, each with its effective date;
 * - snapshots: per worker and per organisation, what it counts for at each 31 December (pure
 *   functions of the facts, `year-snapshots.ts`);
 * - cells: sums of every snapshot's contributions per year and segment, which queries add up.
 * Each batch records its facts, then recomputes the snapshots of the workers and organisations it
 * touched (and of the workers of an organisation, members or not, whose segment or adoption changed, and of a role's
 * holders when it changes), and adds the difference of their contributions to the cells. A fact
 * dated years back therefore lands in its own year. Years run up to the latest year any event was
 * recorded in (the horizon); the first event of a new year recomputes everything once.
 */
export const trendsProjection = trendsProjectionWith({ workers: 2000, gatheredCells: 250_000 });

/**
 * The sizes of a refresh's rounds. `workers`: recomputed per round (bounds the memory of a batch that
 * touches many: a new horizon touches all). `gatheredCells`: netted contributions gathered before they
 * are written (the rounds of one refresh, a settle's above all, add to the same cells again and again,
 * and each write of a cell is an index probe and a new row version, or a settle's staged row); bounds
 * the memory, a few hundred bytes a contribution. Tests make both tiny to go through many rounds.
 */
export interface RoundSizes {
  readonly workers: number;
  readonly gatheredCells: number;
}

export function trendsProjectionWith(rounds: RoundSizes): Projection {
  return {
    name: TRENDS_PROJECTION,
    description:
      "Evaluators' year-on-year trends: facts by effective date, year-end snapshots, cells per year and segment",
    filter: { eventTypes: [...TRACKED] },
    async createTables(client, schema) {
      await client.query(`
      create table ${schema}.horizon (only_row boolean primary key default true, year integer not null);
      create table ${schema}.organisations (
        id text primary key, sector text not null, region text not null, service_type text not null, size_band text not null,
        registered_on date not null
      );
      create table ${schema}.adoption (organisation_id text not null, seq bigint not null, status text not null, effective_on date not null,
        primary key (organisation_id, seq));
      create table ${schema}.audits (audit_id text primary key, organisation_id text not null, opened_seq bigint not null,
        completed_on date, stages jsonb);
      create index audits_by_organisation on ${schema}.audits (organisation_id);
      create table ${schema}.audit_achieved (audit_id text not null, indicator_id text not null, achieved boolean not null,
        primary key (audit_id, indicator_id));
      create table ${schema}.memberships (seq bigint primary key, worker_id text not null, organisation_id text not null,
        from_date date not null, to_date date);
      create index memberships_by_worker on ${schema}.memberships (worker_id);
      create index memberships_by_organisation on ${schema}.memberships (organisation_id);
      create table ${schema}.roles (id text primary key, name text not null, requirements jsonb not null);
      create table ${schema}.assignments (seq bigint primary key, worker_id text not null, role_id text not null, organisation_id text not null,
        from_date date not null, to_date date);
      create index assignments_by_worker on ${schema}.assignments (worker_id);
      create index assignments_by_role on ${schema}.assignments (role_id);
      -- Instants as storableInstant gives them (text in one format: compared and read back as they are).
      create table ${schema}.records (
        organisation_id text not null, statement_id text not null, worker_id text not null, kind text not null,
        occurred_at text not null, stored_at text not null, withdrawn_at text, pending boolean not null,
        indicator_id text, capability_id text, evidenced boolean, duration_seconds double precision, source text,
        primary key (organisation_id, statement_id)
      );
      create index records_by_worker on ${schema}.records (worker_id);
      create table ${schema}.merges (worker_id text primary key, into_worker_id text not null);
      create table ${schema}.worker_snapshots (worker_id text primary key, years jsonb not null);
      create table ${schema}.organisation_snapshots (organisation_id text primary key, years jsonb not null);`);
      await createCellsTable(client, schema);
    },
    async apply(events, { client, schema, replaying }) {
      const touched: Touched = {
        workers: new Set<string>(),
        organisations: new Set<string>(),
        roles: new Set<string>(),
        segments: new Set<string>(),
      };
      // Every evidence record of the batch in one statement, ahead of the other facts: none of those
      // comes before the record it is about (acceptance, withdrawal), and a merge re-points records
      // whether they were written before it or after.
      const evidence = events.filter((e) => e.type === EV.evidenceRecorded);
      if (replaying) await replayEvidence(client, schema, evidence);
      else
        await recordEvidence(
          client,
          schema,
          evidence.map((e) => e.data as EvidenceRecorded),
          touched,
        );
      await recordFacts(
        client,
        schema,
        events.filter((e) => e.type !== EV.evidenceRecorded),
        touched,
        replaying === true,
      );
      const horizonMoved = await advanceHorizon(client, schema, events);
      // A rebuild's replay keeps the facts only: each snapshot is computed once, from the end state, by settle
      // (after every batch, a worker whose records span the log would be recomputed once per batch).
      if (!replaying) await refreshSnapshots(client, schema, touched, horizonMoved, rounds);
    },
    async settle({ client, schema }) {
      await settleRecords(client, schema);
      await refreshEveryone(client, schema, rounds);
    },
  };
}

/**
 * A batch's evidence in one statement: the judgements and the learning the trends count, under the
 * worker a merge made them part of. A statement already recorded keeps its first record.
 */
async function recordEvidence(
  client: pg.PoolClient,
  schema: string,
  evidence: readonly EvidenceRecorded[],
  touched: Touched,
): Promise<void> {
  const counted = evidence.filter(isCounted);
  if (counted.length === 0) return;
  const json = JSON.stringify(
    counted.map((d, n) => ({
      n,
      organisation_id: d.organisationId,
      statement_id: d.statementId,
      worker_id: d.workerId,
      kind: d.kind,
      occurred_at: storableInstant(d.occurredAt, d.storedAt),
      stored_at: storableInstant(d.storedAt, d.storedAt),
      pending: d.pending ?? false,
      indicator_id: d.indicator?.indicatorId,
      capability_id: d.indicator?.capabilityId,
      evidenced: d.indicator?.evidenced,
      duration_seconds: d.durationSeconds,
      source: d.source,
    })),
  );
  const { rows } = await client.query<{ worker_id: string }>(
    `insert into ${schema}.records (organisation_id, statement_id, worker_id, kind, occurred_at, stored_at, pending, indicator_id, capability_id,
       evidenced, duration_seconds, source)
     select distinct on (x.organisation_id, x.statement_id) x.organisation_id, x.statement_id, coalesce(m.into_worker_id, x.worker_id), x.kind,
       x.occurred_at, x.stored_at, x.pending, x.indicator_id, x.capability_id, x.evidenced, x.duration_seconds, x.source
     from json_to_recordset($1::json) as x(organisation_id text, statement_id text, worker_id text, kind text,
       occurred_at text, stored_at text, pending boolean, indicator_id text, capability_id text, evidenced boolean,
       duration_seconds float8, source text, n integer)
     left join ${schema}.merges m on m.worker_id = x.worker_id
     order by x.organisation_id, x.statement_id, x.n
     on conflict do nothing
     returning worker_id`,
    [json],
  );
  for (const row of rows) touched.workers.add(row.worker_id);
}

const isCounted = (d: EvidenceRecorded) => d.indicator !== undefined || COUNTED_KINDS.includes(d.kind);

/**
 * A rebuild's evidence: appended as it comes to a table with no index (no probe per row, no check for a
 * statement recorded twice), with its log position, under the worker it names; `settleRecords` keeps
 * each statement's first record and applies merges, acceptances and withdrawals once, set-based.
 */
async function replayEvidence(client: pg.PoolClient, schema: string, events: readonly RecordedEvent[]): Promise<void> {
  const counted = events.filter((e) => isCounted(e.data as EvidenceRecorded));
  if (counted.length === 0) return;
  await client.query(
    `create unlogged table if not exists ${schema}.replayed_records (${REPLAYED_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')})`,
  );
  const rows = counted.map((e) => {
    const d = e.data as EvidenceRecorded;
    return [
      e.position.commit.toString(),
      d.organisationId,
      d.statementId,
      d.workerId,
      d.kind,
      storableInstant(d.occurredAt, d.storedAt),
      storableInstant(d.storedAt, d.storedAt),
      d.pending ?? false,
      d.indicator?.indicatorId,
      d.indicator?.capabilityId,
      d.indicator?.evidenced,
      d.durationSeconds,
      d.source,
    ];
  });
  await copyRows(
    client,
    `${schema}.replayed_records`,
    REPLAYED_COLUMNS.map(([c]) => c),
    rows,
  );
}

const REPLAYED_COLUMNS = [
  ['seq', 'bigint'],
  ['organisation_id', 'text'],
  ['statement_id', 'text'],
  ['worker_id', 'text'],
  ['kind', 'text'],
  ['occurred_at', 'text'],
  ['stored_at', 'text'],
  ['pending', 'boolean'],
  ['indicator_id', 'text'],
  ['capability_id', 'text'],
  ['evidenced', 'boolean'],
  ['duration_seconds', 'float8'],
  ['source', 'text'],
] as const;

/**
 * The records a rebuild replayed, as the live path leaves them: each statement's first record, under
 * the worker the merges made its worker part of (merges compose: the table maps each merged worker to
 * the last one it became), accepted if an acceptance followed it, withdrawn at the first withdrawal
 * that followed it. Loaded in one statement into the empty table, its indexes built after.
 */
async function settleRecords(client: pg.PoolClient, schema: string): Promise<void> {
  const s = schema;
  const { rows } = await client.query<{ replayed: boolean }>(
    `select to_regclass('${s}.replayed_records') is not null as replayed`,
  );
  if (!rows[0]!.replayed) return;
  await client.query(`create unlogged table if not exists ${s}.${REPLAYED_CHANGES}`);
  await client.query(`alter table ${s}.records drop constraint records_pkey; drop index ${s}.records_by_worker`);
  await client.query(`
    with first as (
      select distinct on (organisation_id, statement_id) * from ${s}.replayed_records order by organisation_id, statement_id, seq
    ), changed as (
      select c.organisation_id, c.statement_id, bool_or(c.withdrawn_at is null) as accepted,
        (array_agg(c.withdrawn_at order by c.seq) filter (where c.withdrawn_at is not null))[1] as withdrawn_at
      from ${s}.replayed_changes c join first f using (organisation_id, statement_id)
      where c.seq > f.seq group by c.organisation_id, c.statement_id
    )
    insert into ${s}.records (organisation_id, statement_id, worker_id, kind, occurred_at, stored_at, withdrawn_at, pending,
      indicator_id, capability_id, evidenced, duration_seconds, source)
    select f.organisation_id, f.statement_id, coalesce(m.into_worker_id, f.worker_id), f.kind, f.occurred_at, f.stored_at,
      c.withdrawn_at, f.pending and not coalesce(c.accepted, false), f.indicator_id, f.capability_id, f.evidenced,
      f.duration_seconds, f.source
    from first f left join changed c using (organisation_id, statement_id) left join ${s}.merges m on m.worker_id = f.worker_id`);
  await client.query(`
    alter table ${s}.records add constraint records_pkey primary key (organisation_id, statement_id);
    create index records_by_worker on ${s}.records (worker_id);
    drop table ${s}.replayed_records, ${s}.replayed_changes`);
}

/** The horizon is the latest year any event was recorded in; returns whether this batch moved an existing one. */
async function advanceHorizon(
  client: pg.PoolClient,
  schema: string,
  events: readonly RecordedEvent[],
): Promise<boolean> {
  const { rows } = await client.query<{ year: number }>(`select year from ${schema}.horizon`);
  const current = rows[0]?.year;
  const latest = Math.max(current ?? 0, ...events.map((e) => Number(e.recordedAt.slice(0, 4))));
  if (latest === current) return false;
  await client.query(
    `insert into ${schema}.horizon (year) values ($1) on conflict (only_row) do update set year = $1`,
    [latest],
  );
  return current !== undefined;
}

async function refreshSnapshots(
  client: pg.PoolClient,
  schema: string,
  touched: Touched,
  everything: boolean,
  rounds: RoundSizes,
): Promise<void> {
  const horizon = await horizonOf(client, schema);
  if (horizon === undefined) return;
  const organisations = everything
    ? await allIds(client, `select id from ${schema}.organisations`)
    : [...touched.organisations];
  const workers = new Set(touched.workers);
  const related = everything
    ? `select worker_id from ${schema}.worker_snapshots`
    : `select worker_id from ${schema}.memberships where organisation_id = any($1)
       union select worker_id from ${schema}.records where organisation_id = any($1)
       union select worker_id from ${schema}.assignments where role_id = any($2)`;
  for (const id of await allIds(client, related, everything ? [] : [[...touched.segments], [...touched.roles]]))
    workers.add(id);
  await refresh(client, schema, organisations, [...workers], horizon, rounds);
}

/**
 * Every snapshot the facts give, against those already kept (none after a replay): each organisation
 * and each worker any fact or snapshot names. Workers go in the order of their organisation, so a
 * round's contributions fall into few organisations' cells.
 */
async function refreshEveryone(client: pg.PoolClient, schema: string, rounds: RoundSizes): Promise<void> {
  const horizon = await horizonOf(client, schema);
  if (horizon === undefined) return;
  const organisations = await allIds(
    client,
    `select id from ${schema}.organisations union select organisation_id from ${schema}.organisation_snapshots`,
  );
  const workers = await allIds(
    client,
    `select worker_id from (
       select worker_id, organisation_id from ${schema}.memberships
       union all select worker_id, organisation_id from ${schema}.assignments
       union all select worker_id, organisation_id from ${schema}.records
       union all select worker_id, null from ${schema}.worker_snapshots) known
     group by worker_id order by min(organisation_id), worker_id`,
  );
  const { rows } = await client.query<{ empty: boolean }>(
    `select not exists (select from ${schema}.worker_snapshots) and not exists (select from ${schema}.organisation_snapshots) as empty`,
  );
  const save = rows[0]!.empty ? appendSnapshots : saveSnapshots;
  await loadCellsInBulk(client, schema, (cells) =>
    refresh(client, schema, organisations, workers, horizon, rounds, cells, save),
  );
}

async function horizonOf(client: pg.PoolClient, schema: string): Promise<number | undefined> {
  const { rows } = await client.query<{ year: number }>(`select year from ${schema}.horizon`);
  return rows[0]?.year;
}

async function refresh(
  client: pg.PoolClient,
  schema: string,
  organisations: readonly string[],
  workers: readonly string[],
  horizon: number,
  rounds: RoundSizes,
  cells = new CellSums(),
  save: SaveSnapshots = saveSnapshots,
): Promise<void> {
  await refreshOrganisations(client, schema, organisations, horizon, cells, save);
  const chunks = Array.from({ length: Math.ceil(workers.length / rounds.workers) }, (_, i) =>
    workers.slice(i * rounds.workers, (i + 1) * rounds.workers),
  );
  for (const ids of chunks) {
    await refreshWorkers(client, schema, await loadWorkerChunk(client, schema, ids), horizon, cells, save);
    if (cells.size > rounds.gatheredCells) await cells.write(client, schema);
  }
  await cells.write(client, schema);
}

async function allIds(client: pg.PoolClient, sql: string, params: unknown[] = []): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(`select x.* from (${sql}) x(id)`, params);
  return rows.map((r) => r.id);
}

async function refreshOrganisations(
  client: pg.PoolClient,
  schema: string,
  ids: readonly string[],
  horizon: number,
  cells: CellSums,
  save: SaveSnapshots,
): Promise<void> {
  if (ids.length === 0) return;
  const facts = await loadOrganisations(client, schema, ids);
  const old = await snapshots<{ segment: OrganisationFacts['segment']; years: OrganisationYear[] }>(
    client,
    schema,
    'organisation',
    ids,
  );
  const delta: [Contribution, number][] = [];
  const fresh: [string, unknown][] = [];
  for (const id of ids) {
    const before = old.get(id);
    if (before) for (const c of organisationContributions(id, before.segment, before.years)) delta.push([c, -1]);
    const org = facts.get(id);
    if (!org) continue;
    const years = organisationYears(org, horizon);
    for (const c of organisationContributions(id, org.segment, years)) delta.push([c, 1]);
    fresh.push([id, { segment: org.segment, years }]);
  }
  cells.add(delta);
  await save(client, schema, 'organisation', fresh);
}

/** A round's workers with their facts and kept snapshots, and the organisations and roles those name. */
interface WorkerChunk {
  readonly ids: readonly string[];
  readonly facts: Map<string, WorkerFacts>;
  readonly organisations: Map<string, OrganisationFacts>;
  readonly roles: Map<string, RoleFacts>;
  readonly old: Map<string, WorkerYear[]>;
}

async function loadWorkerChunk(client: pg.PoolClient, schema: string, ids: readonly string[]): Promise<WorkerChunk> {
  const facts = await loadWorkers(client, schema, ids);
  const organisationIds = new Set(
    [...facts.values()].flatMap((w) => [
      ...w.memberships.map((m) => m.organisationId),
      ...w.learning.map((l) => l.organisationId),
    ]),
  );
  const roleIds = new Set([...facts.values()].flatMap((w) => w.roles.map((r) => r.roleId)));
  return {
    ids,
    facts,
    organisations: await loadOrganisations(client, schema, [...organisationIds]),
    roles: await loadRoles(client, schema, [...roleIds]),
    old: await snapshots<WorkerYear[]>(client, schema, 'worker', ids),
  };
}

async function refreshWorkers(
  client: pg.PoolClient,
  schema: string,
  { ids, facts, organisations, roles, old }: WorkerChunk,
  horizon: number,
  cells: CellSums,
  save: SaveSnapshots,
): Promise<void> {
  const context = { horizon, organisations, roles };
  const delta: [Contribution, number][] = [];
  const fresh: [string, unknown][] = [];
  for (const id of ids) {
    for (const c of workerContributions(old.get(id) ?? [])) delta.push([c, -1]);
    const worker = facts.get(id);
    const years = worker ? workerYears(worker, context) : [];
    for (const c of workerContributions(years)) delta.push([c, 1]);
    fresh.push([id, years]);
  }
  cells.add(delta);
  await save(client, schema, 'worker', fresh);
}

async function snapshots<T>(
  client: pg.PoolClient,
  schema: string,
  kind: 'worker' | 'organisation',
  ids: readonly string[],
): Promise<Map<string, T>> {
  const { rows } = await client.query<{ id: string; years: T }>(
    `select ${kind}_id as id, years from ${schema}.${kind}_snapshots where ${kind}_id = any($1)`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.years]));
}

type SaveSnapshots = typeof saveSnapshots;

async function saveSnapshots(
  client: pg.PoolClient,
  schema: string,
  kind: 'worker' | 'organisation',
  rows: readonly [string, unknown][],
): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `insert into ${schema}.${kind}_snapshots select * from unnest($1::text[], $2::jsonb[])
     on conflict (${kind}_id) do update set years = excluded.years`,
    [rows.map((r) => r[0]), rows.map((r) => JSON.stringify(r[1]))],
  );
}

/** Snapshots into empty tables (a settle after a replay): appended, with nothing to replace. */
async function appendSnapshots(
  client: pg.PoolClient,
  schema: string,
  kind: 'worker' | 'organisation',
  rows: readonly [string, unknown][],
): Promise<void> {
  await copyRows(
    client,
    `${schema}.${kind}_snapshots`,
    [`${kind}_id`, 'years'],
    rows.map(([id, years]) => [id, JSON.stringify(years)]),
  );
}

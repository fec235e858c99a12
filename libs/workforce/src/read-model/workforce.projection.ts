import type pg from 'pg';
import type { RecordedEvent } from '#libs/event-store';
import type { Projection } from '#libs/projections';
// By file, not '#libs/xapi': libs/platform lists this projection, and the xapi lib imports libs/platform.
import { STATEMENT_STORED, storedStatement, type StatementStoredData } from '../../../xapi/src/lrs/statements/statement-events.js';
import { WORKFORCE_EVENTS as EV, type WorkforceEvent, type WorkerIdentifier } from '../domain/events.js';
import { workerIdFor } from '../domain/identifiers.js';
import { evidenceFromStatement, type EvidenceRecord } from '../evidence/evidence-from-statement.js';
import { createWorkforceTables } from './workforce-tables.js';

export const WORKFORCE_PROJECTION = 'workforce';

/**
 * Workers' capability record, kept from two kinds of events: the workforce commands (organisations,
 * workers, roles, assignments) and every statement the LRS stores. Statements are recognised here, by
 * the catalogue's `recogniseStatement`, so evidence sent by an LMS and evidence recorded through /api
 * (which stores a statement too) take one path. Runs of statements are applied set-based.
 */
export const workforceProjection: Projection = {
  name: WORKFORCE_PROJECTION,
  description: "Workers' capability record: organisations, workers, roles, evidence from statements",
  filter: { eventTypes: [STATEMENT_STORED, ...Object.values(EV)] },
  createTables: createWorkforceTables,
  async apply(events, { client, schema }) {
    for (const run of runsOfStatements(events)) {
      if (run[0]!.type === STATEMENT_STORED) await applyStatements(client, schema, run);
      else for (const event of run) await applyWorkforceEvent(client, schema, event as RecordedEvent<WorkforceEvent['data']>);
    }
  },
};

/** Splits a batch into runs of statements and runs of other events, keeping log order between runs. */
function runsOfStatements(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && (last[0]!.type === STATEMENT_STORED) === (event.type === STATEMENT_STORED)) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

interface Recognised {
  organisationId: string;
  storedAt: string;
  actor: WorkerIdentifier;
  actorName?: string;
  record: EvidenceRecord;
}

async function applyStatements(client: pg.PoolClient, schema: string, events: RecordedEvent[]): Promise<void> {
  const records: Recognised[] = [];
  const voidings: { organisationId: string; target: string; at: string }[] = [];
  for (const event of events) {
    const statement = storedStatement(event.data as StatementStoredData, event.recordedAt) as unknown as Record<string, unknown>;
    const meaning = evidenceFromStatement(statement);
    const organisationId = event.metadata.tenantId ?? 'default';
    if (meaning.type === 'record') records.push({ organisationId, storedAt: event.recordedAt, ...meaning });
    else if (meaning.type === 'voiding') voidings.push({ organisationId, target: meaning.targetStatementId, at: meaning.occurredAt });
  }
  if (records.length > 0) {
    const workerIds = await workersFor(client, schema, records);
    await insertRecords(client, schema, records, workerIds);
  }
  // After the inserts, so a statement voided in the same batch is withdrawn too.
  if (voidings.length > 0) {
    await client.query(
      `update ${schema}.records r set withdrawn_at = v.at
       from unnest($1::text[], $2::text[], $3::timestamptz[]) as v(organisation_id, statement_id, at)
       where r.organisation_id = v.organisation_id and r.statement_id = v.statement_id and r.withdrawn_at is null`,
      [voidings.map((v) => v.organisationId), voidings.map((v) => v.target), voidings.map((v) => v.at)],
    );
  }
}

/**
 * The worker each actor identifies. An identifier seen for the first time makes a worker of the
 * organisation whose client sent the statement, with no separate registration; its id is derived from
 * the identifier, so a rebuild makes the same worker.
 */
async function workersFor(client: pg.PoolClient, schema: string, records: Recognised[]): Promise<Map<string, string>> {
  const first = new Map<string, Recognised>();
  for (const r of records) {
    const seen = first.get(r.actor.ifi);
    if (!seen || r.record.occurredAt < seen.record.occurredAt) first.set(r.actor.ifi, r);
  }
  const ifis = [...first.keys()];
  const known = await client.query<{ ifi: string; worker_id: string }>(`select ifi, worker_id from ${schema}.worker_identifiers where ifi = any($1)`, [ifis]);
  const owners = new Map(known.rows.map((r) => [r.ifi, r.worker_id]));
  const fresh = ifis.filter((ifi) => !owners.has(ifi)).map((ifi) => ({ ifi, id: workerIdFor(ifi), seen: first.get(ifi)! }));
  if (fresh.length > 0) {
    const col = <T>(f: (x: (typeof fresh)[number]) => T) => fresh.map(f);
    await client.query(
      `insert into ${schema}.workers (id, name, registered_via, first_seen_at)
       select id, name, 'statement', at from unnest($1::text[], $2::text[], $3::timestamptz[]) as t(id, name, at)
       on conflict (id) do nothing`,
      [col((f) => f.id), col((f) => f.seen.actorName ?? null), col((f) => f.seen.storedAt)],
    );
    await client.query(
      `insert into ${schema}.worker_identifiers (ifi, worker_id, agent)
       select * from unnest($1::text[], $2::text[], $3::jsonb[]) on conflict (ifi) do nothing`,
      [col((f) => f.ifi), col((f) => f.id), col((f) => JSON.stringify(f.seen.actor.agent))],
    );
    await client.query(
      `insert into ${schema}.memberships (worker_id, organisation_id, from_date)
       select * from unnest($1::text[], $2::text[], $3::date[]) on conflict do nothing`,
      [col((f) => f.id), col((f) => f.seen.organisationId), col((f) => f.seen.storedAt.slice(0, 10))],
    );
    for (const f of fresh) owners.set(f.ifi, f.id);
  }
  return owners;
}

async function insertRecords(client: pg.PoolClient, schema: string, records: Recognised[], owners: Map<string, string>): Promise<void> {
  const col = <T>(f: (x: Recognised) => T) => records.map(f);
  await client.query(
    `insert into ${schema}.records (organisation_id, statement_id, worker_id, kind, occurred_at, stored_at, title,
       capability_ids, indicator_ids, duration_seconds, source, by_whom, indicator_id, capability_id, evidenced, details)
     select o, s, w, k, oa, sa, t, array(select jsonb_array_elements_text(c)), array(select jsonb_array_elements_text(i)),
       d, src, b, ii, ci, e, det
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[],
       $8::jsonb[], $9::jsonb[], $10::float8[], $11::text[], $12::text[], $13::text[], $14::text[], $15::boolean[], $16::jsonb[])
       as x(o, s, w, k, oa, sa, t, c, i, d, src, b, ii, ci, e, det)
     on conflict do nothing`,
    [
      col((r) => r.organisationId),
      col((r) => r.record.statementId),
      col((r) => owners.get(r.actor.ifi)!),
      col((r) => r.record.kind),
      col((r) => r.record.occurredAt),
      col((r) => r.storedAt),
      col((r) => r.record.title ?? null),
      col((r) => JSON.stringify(r.record.capabilityIds)),
      col((r) => JSON.stringify(r.record.indicatorIds)),
      col((r) => r.record.durationSeconds ?? null),
      col((r) => r.record.source ?? null),
      col((r) => r.record.by ?? null),
      col((r) => r.record.indicator?.indicatorId ?? null),
      col((r) => r.record.indicator?.capabilityId ?? null),
      col((r) => r.record.indicator?.evidenced ?? null),
      col((r) => JSON.stringify(r.record.details)),
    ],
  );
}

async function applyWorkforceEvent(client: pg.PoolClient, schema: string, event: RecordedEvent<WorkforceEvent['data']>): Promise<void> {
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
      await client.query(
        `insert into ${schema}.workers (id, name, registration_number, registered_via, first_seen_at) values ($1, $2, $3, 'api', $4)
         on conflict (id) do update set name = coalesce($2, workers.name), registration_number = $3, registered_via = 'api'`,
        [d.workerId, d.name ?? null, d.registrationNumber ?? null, event.metadata.occurredAt],
      );
      for (const identifier of d.identifiers) await claimIdentifier(client, schema, d.workerId, identifier);
      return;
    }
    case EV.workerIdentifierAdded:
      await claimIdentifier(client, schema, e.data.workerId, e.data.identifier);
      return;
    case EV.workerJoinedOrganisation:
      await client.query(`insert into ${schema}.memberships (worker_id, organisation_id, from_date) values ($1, $2, $3) on conflict do nothing`, [
        e.data.workerId,
        e.data.organisationId,
        e.data.from,
      ]);
      return;
    case EV.workerLeftOrganisation:
      await client.query(`update ${schema}.memberships set to_date = $3 where worker_id = $1 and organisation_id = $2 and to_date is null`, [
        e.data.workerId,
        e.data.organisationId,
        e.data.to,
      ]);
      return;
    case EV.jobRoleDefined:
    case EV.jobRoleRequirementsChanged: {
      const d = e.data;
      const organisationId = 'organisationId' in d ? d.organisationId : null;
      await client.query(
        `insert into ${schema}.roles (id, organisation_id, name, requirements, qualifications, training) values ($1, $2, $3, $4, $5, $6)
         on conflict (id) do update set name = $3, requirements = $4, qualifications = $5, training = $6`,
        [d.roleId, organisationId, d.name, JSON.stringify(d.requirements), JSON.stringify(d.qualifications), JSON.stringify(d.training)],
      );
      return;
    }
    case EV.roleAssigned:
      await client.query(
        `insert into ${schema}.role_assignments (worker_id, role_id, organisation_id, from_date) values ($1, $2, $3, $4) on conflict do nothing`,
        [e.data.workerId, e.data.roleId, e.data.organisationId, e.data.from],
      );
      return;
    case EV.roleAssignmentEnded:
      await client.query(`update ${schema}.role_assignments set to_date = $3 where worker_id = $1 and role_id = $2 and to_date is null`, [
        e.data.workerId,
        e.data.roleId,
        e.data.to,
      ]);
      return;
  }
}

/**
 * Gives an identifier to a registered worker. When a worker known only from statements held it, that
 * worker was the same person seen before registration: its records and memberships move over.
 */
async function claimIdentifier(client: pg.PoolClient, schema: string, workerId: string, identifier: WorkerIdentifier): Promise<void> {
  const { rows } = await client.query<{ worker_id: string; registered_via: string }>(
    `select i.worker_id, w.registered_via from ${schema}.worker_identifiers i join ${schema}.workers w on w.id = i.worker_id where i.ifi = $1`,
    [identifier.ifi],
  );
  const previous = rows[0];
  if (previous && previous.worker_id !== workerId) {
    if (previous.registered_via !== 'statement') return; // the command refuses this; never steal from a registered worker
    await client.query(`update ${schema}.records set worker_id = $2 where worker_id = $1`, [previous.worker_id, workerId]);
    await client.query(
      `insert into ${schema}.memberships (worker_id, organisation_id, from_date, to_date)
       select $2, organisation_id, from_date, to_date from ${schema}.memberships where worker_id = $1 on conflict do nothing`,
      [previous.worker_id, workerId],
    );
    await client.query(`delete from ${schema}.memberships where worker_id = $1`, [previous.worker_id]);
    await client.query(`delete from ${schema}.workers where id = $1`, [previous.worker_id]);
  }
  await client.query(
    `insert into ${schema}.worker_identifiers (ifi, worker_id, agent) values ($1, $2, $3)
     on conflict (ifi) do update set worker_id = $2, agent = $3`,
    [identifier.ifi, workerId, JSON.stringify(identifier.agent)],
  );
}

import type pg from 'pg';
import type { Stage } from '#libs/framework';
import type { JudgementSpan } from '#libs/workforce';
import type { LearningFact, OrganisationFacts, RoleFacts, WorkerFacts } from './year-snapshots.js';

/** Organisations with their adoption and completed audits, as the snapshots read them. */
export async function loadOrganisations(
  client: pg.PoolClient,
  schema: string,
  ids: readonly string[],
): Promise<Map<string, OrganisationFacts>> {
  // One after another: a pool client runs one query at a time.
  // The first day is the earliest fact known of it: registration, adoption, a completed audit, a member joining
  // (a membership may be dated before registration).
  const organisations = await client.query(
    `select o.id, o.sector, o.region, o.service_type, o.size_band,
       least(o.registered_on,
         (select min(effective_on) from ${schema}.adoption a where a.organisation_id = o.id),
         (select min(completed_on) from ${schema}.audits u where u.organisation_id = o.id),
         (select min(from_date) from ${schema}.memberships m where m.organisation_id = o.id))::text as first_on
     from ${schema}.organisations o where o.id = any($1)`,
    [ids],
  );
  const adoption = await client.query(
    `select organisation_id, status, effective_on::text from ${schema}.adoption where organisation_id = any($1) order by effective_on, seq`,
    [ids],
  );
  const audits = await client.query(
    `select organisation_id, completed_on::text, stages from ${schema}.audits where organisation_id = any($1) and completed_on is not null
     order by completed_on, opened_seq`,
    [ids],
  );
  const result = new Map<
    string,
    OrganisationFacts & {
      adoption: OrganisationFacts['adoption'][number][];
      audits: OrganisationFacts['audits'][number][];
    }
  >();
  for (const o of organisations.rows) {
    result.set(o.id, {
      id: o.id,
      segment: { sector: o.sector, region: o.region, serviceType: o.service_type, sizeBand: o.size_band },
      firstOn: o.first_on,
      adoption: [],
      audits: [],
    });
  }
  for (const a of adoption.rows)
    result.get(a.organisation_id)?.adoption.push({ status: a.status, effectiveOn: a.effective_on });
  for (const a of audits.rows)
    result
      .get(a.organisation_id)
      ?.audits.push({ completedOn: a.completed_on, stages: a.stages as Record<string, Stage> });
  return result;
}

export async function loadRoles(
  client: pg.PoolClient,
  schema: string,
  ids: readonly string[],
): Promise<Map<string, RoleFacts>> {
  const { rows } = await client.query(`select id, name, requirements from ${schema}.roles where id = any($1)`, [ids]);
  return new Map(rows.map((r) => [r.id, { name: r.name, requirements: r.requirements }]));
}

/** Workers' memberships, role assignments, standing-or-withdrawn judgements and learning (pending evidence counts for nothing). */
export async function loadWorkers(
  client: pg.PoolClient,
  schema: string,
  ids: readonly string[],
): Promise<Map<string, WorkerFacts>> {
  const memberships = await client.query(
    `select worker_id, organisation_id, from_date::text, to_date::text from ${schema}.memberships where worker_id = any($1) order by seq`,
    [ids],
  );
  const assignments = await client.query(
    `select worker_id, role_id, organisation_id, from_date::text, to_date::text from ${schema}.assignments where worker_id = any($1) order by seq`,
    [ids],
  );
  const records = await client.query(
    `select worker_id, organisation_id, statement_id, kind, occurred_at, stored_at, withdrawn_at, indicator_id, capability_id, evidenced,
       duration_seconds, source
     from ${schema}.records where worker_id = any($1) and not pending`,
    [ids],
  );
  const result = new Map<
    string,
    {
      id: string;
      memberships: WorkerFacts['memberships'][number][];
      roles: WorkerFacts['roles'][number][];
      judgements: JudgementSpan[];
      learning: LearningFact[];
    }
  >();
  const of = (id: string) => {
    let worker = result.get(id);
    if (!worker) result.set(id, (worker = { id, memberships: [], roles: [], judgements: [], learning: [] }));
    return worker;
  };
  for (const m of memberships.rows)
    of(m.worker_id).memberships.push({ organisationId: m.organisation_id, from: m.from_date, to: m.to_date });
  for (const a of assignments.rows)
    of(a.worker_id).roles.push({
      roleId: a.role_id,
      organisationId: a.organisation_id,
      from: a.from_date,
      to: a.to_date,
    });
  for (const r of records.rows) {
    const worker = of(r.worker_id);
    if (r.indicator_id !== null) {
      worker.judgements.push({
        statementId: r.statement_id,
        indicatorId: r.indicator_id,
        capabilityId: r.capability_id,
        evidenced: r.evidenced,
        occurredAt: r.occurred_at,
        storedAt: r.stored_at,
        withdrawnAt: r.withdrawn_at,
        // Who judged is not counted by the trends, only when and what.
        by: null,
        recordedBy: null,
        source: null,
      });
    } else {
      worker.learning.push({
        organisationId: r.organisation_id,
        kind: r.kind,
        occurredAt: r.occurred_at,
        withdrawnAt: r.withdrawn_at,
        durationSeconds: r.duration_seconds,
        source: r.source,
      });
    }
  }
  return result;
}

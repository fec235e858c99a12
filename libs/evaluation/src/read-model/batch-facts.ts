import type pg from 'pg';
import type { RecordedEvent } from '#libs/event-store';
import { storableInstant } from '#libs/xapi';
import {
  ADOPTION_EVENTS,
  AUDIT_CYCLE_EVENTS as CYCLE,
  capabilityStatuses,
  DEFAULT_SURVEY_THRESHOLD,
} from '#libs/audit';
import { WORKFORCE_EVENTS as EV, type WorkforceEvent } from '#libs/workforce';

/** What a batch's facts change, for the live path to recompute. */
export interface Touched {
  workers: Set<string>;
  organisations: Set<string>;
  roles: Set<string>;
  /** Organisations whose workers' snapshots depend on what changed (segment, adoption). */
  segments: Set<string>;
}

/**
 * Records a batch's facts other than evidence records, a few statements per table rather than one or
 * two per event. The batch is cut into runs whose writes commute: within a run no membership or role
 * assignment (worker and organisation, worker and role) is both opened and closed, and no audit's
 * self-assessment follows its completion; a merge stands alone. Within a run the last word per row
 * wins (an organisation's details, a role, an indicator's self-assessment) and each table is written
 * once, in an order that keeps every fact's reading of the others (self-assessments before the
 * completions that read them, records' acceptance and withdrawal after the batch's records).
 */
export async function recordFacts(
  client: pg.PoolClient,
  schema: string,
  events: readonly RecordedEvent[],
  touched: Touched,
  replaying = false,
): Promise<void> {
  let run = new FactRun(replaying);
  for (const event of events) {
    if (event.type === EV.workerMerged) {
      await run.write(client, schema, touched);
      run = new FactRun(replaying);
      await merge(client, schema, event.data as { workerId: string; intoWorkerId: string }, touched, replaying);
      continue;
    }
    if (run.conflictsWith(event)) {
      await run.write(client, schema, touched);
      run = new FactRun(replaying);
    }
    run.add(event, touched);
  }
  await run.write(client, schema, touched);
}

/** A rebuild's acceptances (withdrawn_at null) and withdrawals of records, with their log positions (`settleRecords` in trends.projection.ts). */
export const REPLAYED_CHANGES =
  'replayed_changes (seq bigint not null, organisation_id text not null, statement_id text not null, withdrawn_at text)';

interface OrganisationRow {
  sector: string;
  region: string;
  serviceType: string;
  sizeBand: string;
  registeredOn: string;
}

/** The facts of one run of a batch, folded per row; `write` puts them in one statement per table. */
class FactRun {
  private readonly organisations = new Map<string, OrganisationRow>();
  private readonly roles = new Map<string, { name: string; requirements: string }>();
  private readonly adoption: [organisationId: string, seq: string, status: string, effectiveOn: string][] = [];
  private readonly opened: [auditId: string, organisationId: string, seq: string][] = [];
  /** Per audit and indicator, its self-assessment standing at the end of the run (null: none stands). */
  private readonly achieved = new Map<string, { auditId: string; indicatorId: string; achieved: boolean | null }>();
  private readonly completed = new Map<string, { organisationId: string; completedOn: string }>();
  private readonly joined: [seq: string, workerId: string, organisationId: string, from: string][] = [];
  private readonly left: [workerId: string, organisationId: string, to: string][] = [];
  private readonly assigned: [seq: string, workerId: string, roleId: string, organisationId: string, from: string][] =
    [];
  private readonly ended: [workerId: string, roleId: string, to: string][] = [];
  private readonly accepted = new Map<string, [organisationId: string, statementId: string]>();
  /** The first withdrawal of a record stands (a later one finds it withdrawn already). */
  private readonly withdrawn = new Map<string, [organisationId: string, statementId: string, at: string]>();
  /** Memberships (worker, organisation) and assignments (worker, role) opened or closed in this run. */
  private readonly spans = new Set<string>();
  /** A rebuild's acceptances (at null) and withdrawals, each with its log position, for `settleRecords`. */
  private readonly changes: [seq: string, organisationId: string, statementId: string, at: string | null][] = [];

  /** `replaying`: the records are a rebuild's, appended as they come; their changes are kept, not applied. */
  constructor(private readonly replaying: boolean) {}

  conflictsWith(event: RecordedEvent): boolean {
    const d = event.data as Record<string, string>;
    switch (event.type) {
      case EV.workerJoinedOrganisation:
      case EV.workerLeftOrganisation:
        return this.spans.has(`m\u0000${d.workerId}\u0000${d.organisationId}`);
      case EV.roleAssigned:
      case EV.roleAssignmentEnded:
        return this.spans.has(`a\u0000${d.workerId}\u0000${d.roleId}`);
      case CYCLE.indicatorSelfAssessed:
      case CYCLE.selfAssessmentWithdrawn:
      case CYCLE.completed:
        return this.completed.has(d.auditId!);
      default:
        return false;
    }
  }

  add(recorded: RecordedEvent, touched: Touched): void {
    const seq = recorded.position.commit.toString();
    switch (recorded.type) {
      case ADOPTION_EVENTS.recorded: {
        const d = recorded.data as { organisationId: string; status: string; effectiveOn: string };
        this.adoption.push([d.organisationId, seq, d.status, d.effectiveOn]);
        touched.organisations.add(d.organisationId);
        touched.segments.add(d.organisationId);
        return;
      }
      case CYCLE.opened: {
        const d = recorded.data as { auditId: string; organisationId: string };
        this.opened.push([d.auditId, d.organisationId, seq]);
        return;
      }
      case CYCLE.indicatorSelfAssessed: {
        const d = recorded.data as { auditId: string; indicatorId: string; achieved: boolean };
        this.achieved.set(`${d.auditId}\u0000${d.indicatorId}`, {
          auditId: d.auditId,
          indicatorId: d.indicatorId,
          achieved: d.achieved,
        });
        return;
      }
      case CYCLE.selfAssessmentWithdrawn: {
        // A voided self-assessment statement: the latest one still standing applies again, or none does.
        const d = recorded.data as { auditId: string; indicatorId: string; standing: { achieved: boolean } | null };
        this.achieved.set(`${d.auditId}\u0000${d.indicatorId}`, {
          auditId: d.auditId,
          indicatorId: d.indicatorId,
          achieved: d.standing?.achieved ?? null,
        });
        return;
      }
      case CYCLE.completed: {
        const d = recorded.data as { auditId: string; organisationId: string; completedOn: string };
        this.completed.set(d.auditId, { organisationId: d.organisationId, completedOn: d.completedOn });
        touched.organisations.add(d.organisationId);
        return;
      }
    }
    this.addWorkforce({ type: recorded.type, data: recorded.data } as WorkforceEvent, seq, recorded, touched);
  }

  private addWorkforce(e: WorkforceEvent, seq: string, recorded: RecordedEvent, touched: Touched): void {
    switch (e.type) {
      case EV.organisationRegistered:
      case EV.organisationDetailsChanged: {
        const d = e.data;
        // The first event's day is its registration (an existing organisation keeps its own).
        const registeredOn =
          this.organisations.get(d.organisationId)?.registeredOn ??
          String(recorded.metadata.occurredAt ?? recorded.recordedAt).slice(0, 10);
        this.organisations.set(d.organisationId, {
          sector: d.sector,
          region: d.region,
          serviceType: d.serviceType,
          sizeBand: d.sizeBand,
          registeredOn,
        });
        touched.organisations.add(d.organisationId);
        touched.segments.add(d.organisationId);
        return;
      }
      case EV.workerJoinedOrganisation:
        this.spans.add(`m\u0000${e.data.workerId}\u0000${e.data.organisationId}`);
        this.joined.push([seq, e.data.workerId, e.data.organisationId, e.data.from]);
        touched.workers.add(e.data.workerId);
        touched.organisations.add(e.data.organisationId);
        return;
      case EV.workerLeftOrganisation:
        this.spans.add(`m\u0000${e.data.workerId}\u0000${e.data.organisationId}`);
        this.left.push([e.data.workerId, e.data.organisationId, e.data.to]);
        touched.workers.add(e.data.workerId);
        return;
      case EV.jobRoleDefined:
      case EV.jobRoleRequirementsChanged:
        this.roles.set(e.data.roleId, { name: e.data.name, requirements: JSON.stringify(e.data.requirements) });
        touched.roles.add(e.data.roleId);
        return;
      case EV.roleAssigned:
        this.spans.add(`a\u0000${e.data.workerId}\u0000${e.data.roleId}`);
        this.assigned.push([seq, e.data.workerId, e.data.roleId, e.data.organisationId, e.data.from]);
        touched.workers.add(e.data.workerId);
        return;
      case EV.roleAssignmentEnded:
        this.spans.add(`a\u0000${e.data.workerId}\u0000${e.data.roleId}`);
        this.ended.push([e.data.workerId, e.data.roleId, e.data.to]);
        touched.workers.add(e.data.workerId);
        return;
      case EV.evidenceAccepted:
        if (this.replaying) this.changes.push([seq, e.data.organisationId, e.data.statementId, null]);
        else
          this.accepted.set(`${e.data.organisationId}\u0000${e.data.statementId}`, [
            e.data.organisationId,
            e.data.statementId,
          ]);
        return;
      case EV.evidenceWithdrawn: {
        const key = `${e.data.organisationId}\u0000${e.data.statementId}`;
        const at = storableInstant((e.data as { withdrawnAt: string }).withdrawnAt, recorded.recordedAt);
        if (this.replaying) this.changes.push([seq, e.data.organisationId, e.data.statementId, at]);
        else if (!this.withdrawn.has(key)) this.withdrawn.set(key, [e.data.organisationId, e.data.statementId, at]);
        return;
      }
    }
  }

  async write(client: pg.PoolClient, schema: string, touched: Touched): Promise<void> {
    const s = schema;
    const put = async (rows: readonly (readonly unknown[])[], types: readonly string[], sql: string) => {
      if (rows.length === 0) return [];
      const columns = types.map((_, i) => rows.map((r) => r[i]));
      const unnest = `unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
      return (await client.query<{ worker_id: string }>(sql.replace('$UNNEST', unnest), columns)).rows;
    };
    await put(
      [...this.organisations].map(([id, o]) => [id, o.sector, o.region, o.serviceType, o.sizeBand, o.registeredOn]),
      ['text', 'text', 'text', 'text', 'text', 'date'],
      `insert into ${s}.organisations (id, sector, region, service_type, size_band, registered_on) select * from $UNNEST
       on conflict (id) do update set sector = excluded.sector, region = excluded.region, service_type = excluded.service_type,
         size_band = excluded.size_band`,
    );
    await put(
      [...this.roles].map(([id, r]) => [id, r.name, r.requirements]),
      ['text', 'text', 'jsonb'],
      `insert into ${s}.roles (id, name, requirements) select * from $UNNEST
       on conflict (id) do update set name = excluded.name, requirements = excluded.requirements`,
    );
    await put(
      this.adoption,
      ['text', 'bigint', 'text', 'date'],
      `insert into ${s}.adoption (organisation_id, seq, status, effective_on) select * from $UNNEST on conflict do nothing`,
    );
    await put(
      this.opened,
      ['text', 'text', 'bigint'],
      `insert into ${s}.audits (audit_id, organisation_id, opened_seq) select * from $UNNEST on conflict do nothing`,
    );
    const achieved = [...this.achieved.values()];
    await put(
      achieved.filter((a) => a.achieved !== null).map((a) => [a.auditId, a.indicatorId, a.achieved]),
      ['text', 'text', 'boolean'],
      `insert into ${s}.audit_achieved (audit_id, indicator_id, achieved) select * from $UNNEST
       on conflict (audit_id, indicator_id) do update set achieved = excluded.achieved`,
    );
    await put(
      achieved.filter((a) => a.achieved === null).map((a) => [a.auditId, a.indicatorId]),
      ['text', 'text'],
      `delete from ${s}.audit_achieved where (audit_id, indicator_id) in (select * from $UNNEST)`,
    );
    await this.complete(client, s);
    await put(
      this.joined,
      ['bigint', 'text', 'text', 'date'],
      `insert into ${s}.memberships (seq, worker_id, organisation_id, from_date) select * from $UNNEST on conflict do nothing`,
    );
    await put(
      this.left,
      ['text', 'text', 'date'],
      `update ${s}.memberships m set to_date = x.to_date from $UNNEST as x(worker_id, organisation_id, to_date)
       where m.worker_id = x.worker_id and m.organisation_id = x.organisation_id and m.to_date is null`,
    );
    await put(
      this.assigned,
      ['bigint', 'text', 'text', 'text', 'date'],
      `insert into ${s}.assignments (seq, worker_id, role_id, organisation_id, from_date) select * from $UNNEST on conflict do nothing`,
    );
    await put(
      this.ended,
      ['text', 'text', 'date'],
      `update ${s}.assignments a set to_date = x.to_date from $UNNEST as x(worker_id, role_id, to_date)
       where a.worker_id = x.worker_id and a.role_id = x.role_id and a.to_date is null`,
    );
    const accepted = await put(
      [...this.accepted.values()],
      ['text', 'text'],
      `update ${s}.records r set pending = false from $UNNEST as x(organisation_id, statement_id)
       where r.organisation_id = x.organisation_id and r.statement_id = x.statement_id returning r.worker_id`,
    );
    const withdrawn = await put(
      [...this.withdrawn.values()],
      ['text', 'text', 'text'],
      `update ${s}.records r set withdrawn_at = x.at from $UNNEST as x(organisation_id, statement_id, at)
       where r.organisation_id = x.organisation_id and r.statement_id = x.statement_id and r.withdrawn_at is null
       returning r.worker_id`,
    );
    for (const row of [...accepted, ...withdrawn]) touched.workers.add(row.worker_id);
    if (this.changes.length > 0) await client.query(`create unlogged table if not exists ${s}.${REPLAYED_CHANGES}`);
    await put(
      this.changes,
      ['bigint', 'text', 'text', 'text'],
      `insert into ${s}.replayed_changes select * from $UNNEST`,
    );
  }

  /** A completed cycle is frozen (changes to it are refused), so its self-assessed stages are decided once, by the audit's own rule. */
  private async complete(client: pg.PoolClient, schema: string): Promise<void> {
    if (this.completed.size === 0) return;
    const ids = [...this.completed.keys()];
    const { rows } = await client.query<{ audit_id: string; indicator_id: string }>(
      `select audit_id, indicator_id from ${schema}.audit_achieved where audit_id = any($1) and achieved`,
      [ids],
    );
    const stages = ids.map((id) => {
      const statuses = capabilityStatuses({
        achieved: new Set(rows.filter((r) => r.audit_id === id).map((r) => r.indicator_id)),
        survey: { respondents: 0, tallies: new Map() },
        surveyThreshold: DEFAULT_SURVEY_THRESHOLD,
        actions: [],
      });
      return JSON.stringify(Object.fromEntries(statuses.map((s) => [s.capabilityId, s.selfAssessedStage])));
    });
    await client.query(
      `update ${schema}.audits a set completed_on = x.completed_on, stages = x.stages
       from unnest($1::text[], $2::date[], $3::jsonb[]) as x(audit_id, completed_on, stages) where a.audit_id = x.audit_id`,
      [ids, ids.map((id) => this.completed.get(id)!.completedOn), stages],
    );
  }
}

/** `workerId` is `intoWorkerId`: their facts move there, and so do records that name them later. */
async function merge(
  client: pg.PoolClient,
  schema: string,
  d: { workerId: string; intoWorkerId: string },
  touched: Touched,
  replaying: boolean,
): Promise<void> {
  // A rebuild's records take the merges when they are settled (`settleRecords`).
  for (const table of replaying ? ['memberships', 'assignments'] : ['memberships', 'assignments', 'records'])
    await client.query(`update ${schema}.${table} set worker_id = $2 where worker_id = $1`, [
      d.workerId,
      d.intoWorkerId,
    ]);
  await client.query(`update ${schema}.merges set into_worker_id = $2 where into_worker_id = $1`, [
    d.workerId,
    d.intoWorkerId,
  ]);
  await client.query(
    `insert into ${schema}.merges values ($1, $2) on conflict (worker_id) do update set into_worker_id = $2`,
    [d.workerId, d.intoWorkerId],
  );
  touched.workers.add(d.workerId);
  touched.workers.add(d.intoWorkerId);
}

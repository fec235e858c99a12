import type pg from 'pg';
import { z } from 'zod';
import { schema } from './indicator-judgements.js';
import { AgentIdentifier, CalendarDate } from './response-parts.js';

/** A worker as /api answers it: identifiers, organisations and roles over time. */
export const WorkerSummary = z.object({
  id: z.string(),
  name: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  registeredVia: z.enum(['api', 'statement']),
  identifiers: z.array(AgentIdentifier),
  organisations: z.array(z.object({ organisationId: z.string(), from: CalendarDate, to: CalendarDate.nullable() })),
  roles: z.array(
    z.object({
      roleId: z.string(),
      name: z.string().nullable(),
      organisationId: z.string(),
      from: CalendarDate,
      to: CalendarDate.nullable(),
    }),
  ),
});
export type WorkerSummary = z.output<typeof WorkerSummary>;

export async function findWorkerByIdentifier(db: pg.Pool, ifi: string): Promise<WorkerSummary[]> {
  const { rows } = await db.query<{ worker_id: string }>(
    `select worker_id from ${schema()}.worker_identifiers where ifi = $1`,
    [ifi],
  );
  const worker = rows[0] ? await workerSummary(db, rows[0].worker_id) : undefined;
  return worker ? [worker] : [];
}

export async function workerSummary(db: pg.Pool, workerId: string): Promise<WorkerSummary | undefined> {
  const s = schema();
  const { rows } = await db.query(
    `select w.id, w.name, w.registration_number, w.registered_via,
       (select coalesce(jsonb_agg(i.agent order by i.ifi), '[]') from ${s}.worker_identifiers i where i.worker_id = w.id) as identifiers,
       (select coalesce(jsonb_agg(jsonb_build_object('organisationId', m.organisation_id, 'from', m.from_date, 'to', m.to_date) order by m.from_date), '[]')
          from ${s}.memberships m where m.worker_id = w.id) as organisations,
       (select coalesce(jsonb_agg(jsonb_build_object('roleId', a.role_id, 'name', r.name, 'organisationId', a.organisation_id, 'from', a.from_date, 'to', a.to_date) order by a.from_date), '[]')
          from ${s}.role_assignments a left join ${s}.roles r on r.id = a.role_id where a.worker_id = w.id) as roles
     from ${s}.workers w where w.id = $1`,
    [workerId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    name: r.name,
    registrationNumber: r.registration_number,
    registeredVia: r.registered_via,
    identifiers: r.identifiers,
    organisations: r.organisations,
    roles: r.roles,
  };
}

/** The organisations a worker currently belongs to: what access to their record depends on. */
export async function currentOrganisationsOf(db: pg.Pool, workerId: string): Promise<string[]> {
  const { rows } = await db.query<{ organisation_id: string }>(
    `select distinct organisation_id from ${schema()}.memberships where worker_id = $1 and (to_date is null or to_date > current_date)`,
    [workerId],
  );
  return rows.map((r) => r.organisation_id);
}

/** Every organisation the worker belongs or belonged to: those that know them. */
export async function organisationsKnowing(db: pg.Pool, workerId: string): Promise<string[]> {
  const { rows } = await db.query<{ organisation_id: string }>(
    `select distinct organisation_id from ${schema()}.memberships where worker_id = $1`,
    [workerId],
  );
  return rows.map((r) => r.organisation_id);
}

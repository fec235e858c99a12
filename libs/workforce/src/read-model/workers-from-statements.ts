import type pg from 'pg';
import { z } from 'zod';
import { schema } from './indicator-judgements.js';
import { decodeCursor, nextCursor, type Page } from './organisations.js';
import { AgentIdentifier, Instant, NextPage } from './response-parts.js';

export const WorkerFromStatement = z
  .object({
    id: z.string(),
    name: z.string().nullable().describe("The actor's name as the first statement gave it, if it did"),
    identifiers: z.array(AgentIdentifier).describe('The xAPI agents (inverse functional identifiers) the worker holds'),
    firstSeenAt: Instant.describe('When the LRS stored the statement that registered them'),
    records: z
      .number()
      .int()
      .describe(
        'Records (evidence and plain learning records) of theirs stored by this organisation, withdrawn ones aside',
      ),
  })
  .describe("A worker an organisation's LRS client registered by sending a statement about an unknown actor");
export type WorkerFromStatement = z.output<typeof WorkerFromStatement>;

export const WorkersFromStatementsPage = z.object({
  organisationId: z.string(),
  workers: z.array(WorkerFromStatement).describe('By id'),
  next: NextPage,
});
export type WorkersFromStatementsPage = z.output<typeof WorkersFromStatementsPage>;

/**
 * The organisation's current workers registered from statements that it has not yet reviewed (confirmed,
 * rejected), by id, a page at a time. A worker later registered through /api is no longer `statement`.
 */
export async function workersFromStatements(
  db: pg.Pool,
  organisationId: string,
  page: Page,
): Promise<WorkersFromStatementsPage> {
  const s = schema();
  const { rows } = await db.query(
    `select w.id, w.name, w.first_seen_at as "firstSeenAt",
       (select coalesce(jsonb_agg(i.agent order by i.ifi), '[]') from ${s}.worker_identifiers i where i.worker_id = w.id) as identifiers,
       (select count(*)::int from ${s}.records r where r.worker_id = w.id and r.organisation_id = $1 and r.withdrawn_at is null) as records
     from ${s}.workers w
     where w.registered_via = 'statement'
       and exists (select 1 from ${s}.memberships m where m.worker_id = w.id and m.organisation_id = $1 and m.to_date is null)
       and not exists (select 1 from ${s}.statement_worker_reviews v where v.worker_id = w.id and v.organisation_id = $1)
       and ($2::text is null or w.id > $2)
     order by w.id limit $3`,
    [organisationId, page.after ? decodeCursor(page.after) : null, page.limit + 1],
  );
  const workers = rows
    .slice(0, page.limit)
    .map((r) => ({ ...r, firstSeenAt: new Date(r.firstSeenAt).toISOString() })) as WorkerFromStatement[];
  return { organisationId, workers, next: nextCursor(rows.length > page.limit, workers) };
}

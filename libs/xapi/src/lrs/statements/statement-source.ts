import type pg from 'pg';
import type { EventStore, SqlQueryableLog } from '#libs/event-store';
import { normaliseStatement } from '../../statement-model/helpers/normalise.js';
import { statementStreamId, storedStatement, type StatementStoredData } from './statement-events.js';

export interface StatementKey {
  organisationId: string;
  statementId: string;
}

/** The columns of `statements s` that `readColumns` selects, from which `statementText` makes the JSON. */
export interface StatementTextRow {
  body: string | null;
  data?: StatementStoredData;
  stored: Date;
}

/**
 * Where the statements query model keeps and finds a statement's JSON, and finds statements by id and
 * by time. Two ways, chosen once per event store (`statementSource`), the one place that asks whether
 * the log is queryable in this database (the event store's optional `sqlLog` capability):
 *
 * - the log is there (PostgreSQL adapter): the JSON is the event's (copying every statement a second
 *   time would double the writes and the storage), ids are found through the log's stream index (one
 *   stream per statement: statementStreamId) and times through its positions (seq is the position), so
 *   the query model keeps no indexes of ids and times: two B-tree insertions per statement less (one at
 *   a random place) on the path writers wait for;
 * - otherwise (EventStoreDB): a copy of the JSON in `body`, and indexes of ids and times of its own.
 */
export interface StatementSource {
  /** The copy a new row keeps in `body`, or null when the log keeps the statement. */
  bodyOf(data: StatementStoredData, recordedAt: string): string | null;
  /** What the `statements` table adds to its primary key to find ids: nothing, or `, unique (...)`. */
  readonly idConstraint: string;
  /** The index of times the `statements` table needs, if any (DDL, possibly empty). */
  timeIndex(schema: string): string;
  /** SQL: the statement text of the row `s` (its body, or its event's statement). */
  readonly textColumn: string;
  /** SQL select-list columns of `s` holding a StatementTextRow (`s.body`, and the event's data when the log keeps it). */
  readonly readColumns: string;
  /** The statement as the LRS returns it, from a row selected with `readColumns`. */
  statementText(row: StatementTextRow): string;
  /** A condition on `statements s` that finds the statements with these ids, and its two parameters ($1, $2). */
  withStatementIds(statements: readonly StatementKey[]): { condition: string; params: [string[], string[]] };
  /** The last seq stored by `time` (to the millisecond, as `stored`), or -1. */
  lastSeqStoredBy(pool: pg.Pool, schema: string, time: string): Promise<number>;
}

const sources = new WeakMap<EventStore, StatementSource>();

export function statementSource(store: EventStore): StatementSource {
  let source = sources.get(store);
  if (!source) {
    source = store.sqlLog ? statementsInLog(store.sqlLog) : copiedStatements;
    sources.set(store, source);
  }
  return source;
}

/** The statement as the LRS returns it: with `stored` (and `timestamp` when absent), context activities as arrays. */
function statementJson(data: StatementStoredData, stored: Date | string): string {
  return JSON.stringify(
    normaliseStatement(storedStatement(data, typeof stored === 'string' ? stored : stored.toISOString())),
  );
}

/** By `stored` in the query model: a scan of its index of times, or of the table where there is none. */
async function lastSeqStoredByScan(pool: pg.Pool, schema: string, time: string): Promise<number> {
  const { rows } = await pool.query<{ seq: number | null }>(
    `select max(seq) as seq from ${schema}.statements where stored = (select max(stored) from ${schema}.statements where stored <= $1)`,
    [time],
  );
  return rows[0]?.seq ?? -1;
}

const copiedStatements: StatementSource = {
  bodyOf: statementJson,
  idConstraint: ',\n        unique (organisation_id, statement_id)',
  timeIndex: (schema) => `create index statements_stored on ${schema}.statements (stored);`,
  textColumn: 's.body',
  readColumns: 's.body',
  statementText: (row) => row.body!,
  withStatementIds: (statements) => ({
    condition: '(s.organisation_id, s.statement_id) in (select * from unnest($1::text[], $2::uuid[]))',
    params: [statements.map((s) => s.organisationId), statements.map((s) => s.statementId)],
  }),
  lastSeqStoredBy: lastSeqStoredByScan,
};

function statementsInLog(log: SqlQueryableLog): StatementSource {
  const { table, columns: c } = log;
  // A subquery per row (in the select list it runs only for the rows returned, however the plan goes):
  // a join would let the planner scan the log.
  const eventOf = (what: string) => `(select ${what} from ${table} e where e.${c.position} = s.seq)`;
  const lastPositionRecordedBy = lastPositionRecordedByQuery(log);
  return {
    bodyOf: () => null,
    idConstraint: '',
    timeIndex: () => '',
    textColumn: eventOf(`(e.${c.data}->'statement')::text`),
    readColumns: `s.body, ${eventOf(`e.${c.data}`)} as data`,
    statementText: (row) => row.body ?? statementJson(row.data!, row.stored),
    withStatementIds: (statements) => ({
      condition: `(s.organisation_id, s.seq) in (
      select l.organisation_id, e.${c.position} from unnest($1::text[], $2::text[]) as l(organisation_id, stream_id)
      join ${table} e on e.${c.streamId} = l.stream_id and e.${c.streamRevision} = 0)`,
      params: [
        statements.map((s) => s.organisationId),
        statements.map((s) => statementStreamId(s.organisationId, s.statementId)),
      ],
    }),
    async lastSeqStoredBy(pool, schema, time) {
      const { rows } = await pool.query<{ seq: number }>(lastPositionRecordedBy, [time]);
      // No answer only if a position were missing from the log: the scan is slow but right.
      return rows.length > 0 ? rows[0].seq : lastSeqStoredByScan(pool, schema, time);
    },
  };
}

/**
 * The last log position recorded by a time (to the millisecond, as `stored`), by binary search over
 * the log's positions (~20 probes of its primary key at a million events): positions have no gaps and
 * their recorded times never decrease (both assigned under the append lock, from the server's clock:
 * a clock set back by hand would make the answer approximate), and seq is the position.
 */
function lastPositionRecordedByQuery({ table, columns: c }: SqlQueryableLog): string {
  return `
  with recursive search(low, high) as (
    select -1::bigint, coalesce((select max(${c.position}) from ${table}), -1)
    union all
    select case when probe.recorded_at <= $1 then middle.position else s.low end,
           case when probe.recorded_at <= $1 then s.high else middle.position - 1 end
    from search s
    cross join lateral (select (s.low + s.high + 1) / 2 as position) middle
    cross join lateral (select date_trunc('milliseconds', e.${c.recordedAt}) as recorded_at from ${table} e where e.${c.position} = middle.position) probe
    where s.low < s.high
  )
  select low as seq from search where low = high`;
}

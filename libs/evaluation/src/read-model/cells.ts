import type pg from 'pg';
import { VALUE_COLUMNS, WORKER_METRICS, type Contribution } from './contributions.js';

/** `scope` of the national cells; an organisation's own cells have its id (what its learning lead may read). */
export const NATIONAL = '*';
/** `role` of the cells that add up every role: queries not about roles read these, a tenth of the rows or fewer. */
export const ALL_ROLES = '*';

const VALUES = Array.from({ length: VALUE_COLUMNS }, (_, i) => `c${i}`);

export async function createCellsTable(client: pg.PoolClient, schema: string): Promise<void> {
  await client.query(`
    create table ${schema}.cells (
      metric text not null, scope text not null, year integer not null,
      sector text not null, region text not null, service_type text not null, size_band text not null, role text not null, item text not null,
      ${VALUES.map((c) => `${c} double precision not null default 0`).join(', ')},
      primary key (metric, scope, role, year, sector, region, service_type, size_band, item)
    );`);
}

/**
 * Adds each contribution times its sign to its cells: the national one and its organisation's, each
 * under the worker's role and under all roles. Summed in memory first, so a batch writes each cell
 * once. A cell back to all zero stays (deleting it would cost a join per batch): queries skip segments
 * whose cells are all zero.
 */
export async function addToCells(
  client: pg.PoolClient,
  schema: string,
  delta: readonly [Contribution, number][],
): Promise<void> {
  const sums = new Map<string, { key: string[]; values: number[] }>();
  for (const [c, sign] of delta) {
    const roles = WORKER_METRICS.includes(c.metric) ? [c.role, ALL_ROLES] : [ALL_ROLES];
    for (const scope of [NATIONAL, c.organisationId]) {
      for (const role of roles) {
        const key = [
          c.metric,
          scope,
          role,
          String(c.year),
          c.segment.sector,
          c.segment.region,
          c.segment.serviceType,
          c.segment.sizeBand,
          c.item,
        ];
        const id = key.join('\u0000');
        const entry = sums.get(id) ?? { key, values: new Array<number>(VALUE_COLUMNS).fill(0) };
        c.values.forEach((v, i) => (entry.values[i]! += sign * v));
        sums.set(id, entry);
      }
    }
  }
  const changed = [...sums.values()].filter((e) => e.values.some((v) => Math.abs(v) > 1e-9));
  if (changed.length === 0) return;
  // One JSON document of named fields: PostgreSQL parses it once, in C (json_to_recordset).
  const names = ['metric', 'scope', 'role', 'year', 'sector', 'region', 'service_type', 'size_band', 'item'];
  const rows = JSON.stringify(
    changed.map((e) =>
      Object.fromEntries([
        ...names.map((n, i) => [n, i === 3 ? Number(e.key[i]) : e.key[i]]),
        ...VALUES.map((c, i) => [c, e.values[i]]),
      ]),
    ),
  );
  const columns = [...names, ...VALUES];
  await client.query(
    `insert into ${schema}.cells (${columns.join(', ')})
     select ${columns.join(', ')}
     from json_to_recordset($1::json) as x(metric text, scope text, role text, year integer, sector text, region text, service_type text,
       size_band text, item text, ${VALUES.map((c) => `${c} float8`).join(', ')})
     on conflict (${names.join(', ')}) do update
       set ${VALUES.map((c) => `${c} = cells.${c} + excluded.${c}`).join(', ')}`,
    [rows],
  );
}

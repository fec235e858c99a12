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
 * once; cells left all zero are deleted (a segment nobody is in any more shows no row).
 */
export async function addToCells(client: pg.PoolClient, schema: string, delta: readonly [Contribution, number][]): Promise<void> {
  const sums = new Map<string, { key: string[]; values: number[] }>();
  for (const [c, sign] of delta) {
    const roles = WORKER_METRICS.includes(c.metric) ? [c.role, ALL_ROLES] : [ALL_ROLES];
    for (const scope of [NATIONAL, c.organisationId]) {
      for (const role of roles) {
        const key = [c.metric, scope, role, String(c.year), c.segment.sector, c.segment.region, c.segment.serviceType, c.segment.sizeBand, c.item];
        const id = key.join('\u0000');
        const entry = sums.get(id) ?? { key, values: new Array<number>(VALUE_COLUMNS).fill(0) };
        c.values.forEach((v, i) => (entry.values[i]! += sign * v));
        sums.set(id, entry);
      }
    }
  }
  const changed = [...sums.values()].filter((e) => e.values.some((v) => Math.abs(v) > 1e-9));
  if (changed.length === 0) return;
  const rows = JSON.stringify(changed.map((e) => [...e.key, ...e.values]));
  const columns = ['metric', 'scope', 'role', 'year', 'sector', 'region', 'service_type', 'size_band', 'item', ...VALUES];
  await client.query(
    `insert into ${schema}.cells (${columns.join(', ')})
     select r->>0, r->>1, r->>2, (r->>3)::int, r->>4, r->>5, r->>6, r->>7, r->>8, ${VALUES.map((_, i) => `(r->>${9 + i})::float8`).join(', ')}
     from json_array_elements($1::json) r
     on conflict (metric, scope, role, year, sector, region, service_type, size_band, item) do update
       set ${VALUES.map((c) => `${c} = cells.${c} + excluded.${c}`).join(', ')}`,
    [rows],
  );
  await client.query(
    `delete from ${schema}.cells c using json_array_elements($1::json) r
     where c.metric = r->>0 and c.scope = r->>1 and c.role = r->>2 and c.year = (r->>3)::int and c.sector = r->>4 and c.region = r->>5
       and c.service_type = r->>6 and c.size_band = r->>7 and c.item = r->>8
       and ${VALUES.map((c) => `abs(c.${c}) < 1e-9`).join(' and ')}`,
    [rows],
  );
}

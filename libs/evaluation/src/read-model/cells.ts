import type pg from 'pg';
import { copyRows } from '#libs/database';
import { METRIC_COLUMNS, PACKED_ITEMS, VALUE_COLUMNS, WORKER_METRICS, type Contribution } from './contributions.js';

/** `scope` of the national cells; an organisation's own cells have its id (what its learning lead may read). */
export const NATIONAL = '*';
/** `role` of the cells that add up every role: queries not about roles read these, a tenth of the rows or fewer. */
export const ALL_ROLES = '*';

const VALUES = Array.from({ length: VALUE_COLUMNS }, (_, i) => `c${i}`);
/** Metrics kept in `wide` (every item's columns in turn) instead of c0…: '{}' in the other metrics' cells. */
const PACKED = Object.keys(PACKED_ITEMS);
const WIDE_LENGTH = Math.max(
  0,
  ...Object.entries(PACKED_ITEMS).map(
    ([m, items]) => items.length * METRIC_COLUMNS[m as keyof typeof METRIC_COLUMNS].length,
  ),
);
/** `wide`'s elements, 1-based as PostgreSQL numbers them. */
const WIDE = Array.from({ length: WIDE_LENGTH }, (_, i) => `wide[${i + 1}]`);

/** The organisation's segment dimensions in the order of a grain's bits. */
const SEGMENT_DIMENSIONS = ['sector', 'region', 'serviceType', 'sizeBand'] as const;
/** A dimension's value in the cells of a grain that adds up all its values. */
const ROLLED_UP = '*';
/** The grain of the cells that keep every dimension (an organisation's own cells have only this grain). */
export const FULL_GRAIN = (1 << SEGMENT_DIMENSIONS.length) - 1;
/**
 * National cells are also kept added up over the dimensions a question does not name: every grain that
 * keeps at most two of them (national, by or filtered on one, by one and filtered on another...). A
 * question naming three or four reads the full grain, already narrowed by its filters.
 */
const NATIONAL_GRAINS = [...Array(FULL_GRAIN + 1).keys()].filter((g) => g === FULL_GRAIN || bitCount(g) <= 2);

function bitCount(grain: number): number {
  return SEGMENT_DIMENSIONS.filter((_, i) => grain & (1 << i)).length;
}

/** The grain whose cells answer a question naming these dimensions (by and filters) in this scope. */
export function grainFor(scope: string, named: readonly string[]): number {
  const grain = SEGMENT_DIMENSIONS.reduce((g, d, i) => (named.includes(d) ? g | (1 << i) : g), 0);
  return scope === NATIONAL && NATIONAL_GRAINS.includes(grain) ? grain : FULL_GRAIN;
}

const KEY = ['metric', 'scope', 'role', 'grain', 'year', 'sector', 'region', 'service_type', 'size_band', 'item'];

export async function createCellsTable(client: pg.PoolClient, schema: string): Promise<void> {
  await client.query(`
    create table ${schema}.cells (
      metric text not null, scope text not null, year integer not null, grain smallint not null,
      sector text not null, region text not null, service_type text not null, size_band text not null, role text not null, item text not null,
      ${VALUES.map((c) => `${c} double precision not null default 0`).join(', ')}, wide double precision[] not null default '{}',
      primary key (${KEY.join(', ')})
    );`);
}

/**
 * Fills the cells table in bulk (a settle). Each round's netted contributions are appended as they are
 * to a staging table with no index (no probe per row, no row written twice); once every round is in,
 * one pass adds them up into their cells, into the empty table without its key, and the key is built
 * after, by sorting. A settle that gathered many rounds thus writes each cell once (an upsert per round
 * left the national cells, which every round adds to, a dead row version per round: the queries that
 * read them slowed to a second at national size).
 */
export async function loadCellsInBulk(
  client: pg.PoolClient,
  schema: string,
  fill: (cells: CellSums) => Promise<void>,
): Promise<void> {
  const { rows } = await client.query<{ filled: boolean }>(`select exists (select from ${schema}.cells) as filled`);
  if (rows[0]!.filled) return fill(new CellSums());
  await client.query(
    `create unlogged table ${schema}.${STAGED} (${[
      ...FINE.map((c, i) => `${c} ${FINE_TYPES[i]} not null`),
      ...VALUES.map((c) => `${c} double precision not null`),
      'wide double precision[] not null',
    ].join(', ')})`,
  );
  await fill(new CellSums('bulk'));
  await client.query(`alter table ${schema}.cells drop constraint cells_pkey`);
  for (const sql of intoCells(schema, `${schema}.${STAGED}`, 'append')) await client.query(sql);
  await client.query(`drop table ${schema}.${STAGED}`);
  await client.query(`alter table ${schema}.cells add constraint cells_pkey primary key (${KEY.join(', ')})`);
}

/** A bulk load's contributions, staged until every round is in. */
const STAGED = 'staged_contributions';

/** A netted contribution: its organisation, the organisation's segment then, the worker's role, year, metric and item. */
const FINE = ['metric', 'organisation_id', 'role', 'year', 'sector', 'region', 'service_type', 'size_band', 'item'];
const FINE_TYPES = ['text', 'text', 'text', 'integer', 'text', 'text', 'text', 'text', 'text'];
type FineKey = readonly [string, string, string, number, string, string, string, string, string];

/**
 * The cells `source`'s contributions count for, summed: its organisation's (scope = its id, full grain)
 * and the national ones in every grain (the dimensions a grain leaves out rolled up), each under the
 * worker's role and under all roles (organisation metrics: all roles only). The national grains are
 * summed from the contributions added up per segment first (a few thousand rows, however many
 * organisations), so only two groupings read every contribution. One pass for the metrics in c0… and
 * one for the packed metrics' `wide` (each sums only its own columns); a cell whose sums are all (about)
 * zero is left out. `upsert`: added to the cells there; `append`: into the empty table (a bulk load's,
 * without its key).
 */
function intoCells(schema: string, source: string, how: 'upsert' | 'append'): string[] {
  const dimensions = ['sector', 'region', 'service_type', 'size_band'];
  const grain = dimensions.map((d, i) => `(1 - grouping(${d})) * ${1 << i}`).join(' + ');
  const nationalSets = NATIONAL_GRAINS.map(
    (g) => `(${['metric', 'role', 'year', ...dimensions.filter((_, i) => g & (1 << i)), 'item'].join(', ')})`,
  );
  const segment = ['metric', 'role', 'year', ...dimensions, 'item'].join(', ');
  const packed = `metric = any('{${PACKED.join(',')}}'::text[])`;
  // A worker metric counts under the worker's role and under all roles; a role whose name is ALL_ROLES
  // (a name is free text) only once, under all roles (twice, it would count its holders twice there).
  const pass = (values: { columns: string[]; summed: string; sums: string[] }, where: string, update: string) => {
    const nonZero = values.sums.map((sum) => `abs(${sum}) > 1e-9`).join(' or ');
    return `
    insert into ${schema}.cells (${[...KEY, ...values.columns].join(', ')})
    with contributions as materialized (
      select metric, organisation_id, r.role, year, ${dimensions.join(', ')}, item, ${values.columns.join(', ')}
      from ${source} c
      cross join lateral unnest(case when c.metric = any('{${WORKER_METRICS.join(',')}}'::text[]) and c.role <> '${ALL_ROLES}' then array[c.role, '${ALL_ROLES}']
        else array['${ALL_ROLES}'] end) r(role)
      where ${where}
    ), segments as (
      select ${segment}, ${values.summed} from contributions group by ${segment}
    )
    select metric, organisation_id, role, ${FULL_GRAIN}::smallint, year, ${dimensions.join(', ')}, item, ${values.summed}
    from contributions group by organisation_id, ${segment}
    having ${nonZero}
    union all
    select metric, '${NATIONAL}', role, (${grain})::smallint, year,
      ${dimensions.map((d) => `coalesce(${d}, '${ROLLED_UP}')`).join(', ')}, item, ${values.summed}
    from segments group by grouping sets (${nationalSets.join(', ')})
    having ${nonZero}
    ${how === 'upsert' ? `on conflict (${KEY.join(', ')}) do update set ${update}` : ''}`;
  };
  const narrowSums = VALUES.map((c) => `sum(${c})`);
  const wideSums = WIDE.map((w) => `sum(${w})`);
  return [
    pass(
      { columns: VALUES, summed: narrowSums.map((sum, i) => `${sum} as ${VALUES[i]}`).join(', '), sums: narrowSums },
      `not ${packed}`,
      VALUES.map((c) => `${c} = cells.${c} + excluded.${c}`).join(', '),
    ),
    pass(
      { columns: ['wide'], summed: `array[${wideSums.join(', ')}] as wide`, sums: wideSums },
      packed,
      `wide = ${ADD_WIDE}`,
    ),
  ];
}

/** `wide` of a cell plus the increment's, element by element. */
const ADD_WIDE = `(select array_agg(a + b order by i) from unnest(cells.wide, excluded.wide) with ordinality u(a, b, i))`;

/**
 * Contributions gathered over several rounds before they are written, netted per organisation,
 * segment, role, year, metric and item (a recomputed snapshot mostly gives back what it takes away,
 * and those cancel), so a cell that many rounds add to (the coarse national grains above all) is
 * written once. A cell back to all zero stays (deleting it would cost a join per batch): queries skip
 * segments whose cells are all zero.
 */
export class CellSums {
  private readonly net = new Map<string, { key: FineKey; values: number[] }>();

  /** `cells`: added to the cells there (created if new); `bulk`: a settle's load into the empty table (`loadCellsInBulk`). */
  constructor(private readonly how: 'cells' | 'bulk' = 'cells') {}

  get size(): number {
    return this.net.size;
  }

  add(delta: readonly [Contribution, number][]): void {
    for (const [c, sign] of delta) {
      const { sector, region, serviceType, sizeBand } = c.segment;
      const key = [c.metric, c.organisationId, c.role, c.year, sector, region, serviceType, sizeBand, c.item] as const;
      const id = key.join('\u0000');
      let entry = this.net.get(id);
      // A packed metric's values are wider than the columns (every item's in turn); the others' are padded to them.
      const width = Math.max(VALUE_COLUMNS, c.values.length);
      if (!entry) this.net.set(id, (entry = { key, values: new Array<number>(width).fill(0) }));
      c.values.forEach((v, i) => (entry.values[i]! += sign * v));
    }
  }

  /** Writes the gathered contributions (a bulk load: stages them) and starts again. */
  async write(client: pg.PoolClient, schema: string): Promise<void> {
    const changed = [...this.net.values()].filter((e) => e.values.some((v) => Math.abs(v) > 1e-9));
    this.net.clear();
    if (this.how === 'bulk') return stage(client, schema, changed);
    for (let i = 0; i < changed.length; i += WRITE_ROWS)
      await writeContributions(client, schema, changed.slice(i, i + WRITE_ROWS));
  }
}

/** A packed metric's values go in `wide`, the others' in c0… (the other left zero or empty). */
function valueColumns(key: FineKey, values: readonly number[]): (number | string)[] {
  return PACKED.includes(key[0])
    ? [...VALUES.map(() => 0), `{${values.join(',')}}`]
    : [...VALUES.map((_, i) => values[i]!), '{}'];
}

async function stage(
  client: pg.PoolClient,
  schema: string,
  changed: readonly { key: FineKey; values: number[] }[],
): Promise<void> {
  await copyRows(
    client,
    `${schema}.${STAGED}`,
    [...FINE, ...VALUES, 'wide'],
    changed.map(({ key, values }) => [...key, ...valueColumns(key, values)]),
  );
}

/** Contributions per statement: bounds the size of one statement's parameters. */
const WRITE_ROWS = 20_000;

async function writeContributions(
  client: pg.PoolClient,
  schema: string,
  changed: readonly { key: FineKey; values: number[] }[],
): Promise<void> {
  // One array per column: PostgreSQL reads each in one go (unnest), with no document to build or parse.
  // `wide` as one array literal per row: unnest would flatten a 2-D array.
  const values = changed.map((e) => valueColumns(e.key, e.values));
  const columns = [
    ...FINE.map((_, i) => changed.map((e) => e.key[i])),
    ...[...VALUES, 'wide'].map((_, i) => values.map((v) => v[i])),
  ];
  const types = [...FINE_TYPES, ...VALUES.map(() => 'float8'), 'text'];
  const rows = `select ${[...FINE, ...VALUES].join(', ')}, wide::float8[] as wide
    from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) as x(${[...FINE, ...VALUES, 'wide'].join(', ')})`;
  for (const sql of intoCells(schema, `(${rows})`, 'upsert')) await client.query(sql, columns);
}

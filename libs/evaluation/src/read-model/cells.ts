import type pg from 'pg';
import { VALUE_COLUMNS, WORKER_METRICS, type Contribution } from './contributions.js';

/** `scope` of the national cells; an organisation's own cells have its id (what its learning lead may read). */
export const NATIONAL = '*';
/** `role` of the cells that add up every role: queries not about roles read these, a tenth of the rows or fewer. */
export const ALL_ROLES = '*';

const VALUES = Array.from({ length: VALUE_COLUMNS }, (_, i) => `c${i}`);

/** The organisation's segment dimensions in the order of a grain's bits. */
const SEGMENT_DIMENSIONS = ['sector', 'region', 'serviceType', 'sizeBand'] as const;
type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];
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

const atGrain = (value: string, dimension: SegmentDimension, grain: number) =>
  grain & (1 << SEGMENT_DIMENSIONS.indexOf(dimension)) ? value : ROLLED_UP;

const KEY = ['metric', 'scope', 'role', 'grain', 'year', 'sector', 'region', 'service_type', 'size_band', 'item'];
const KEY_TYPES = ['text', 'text', 'text', 'smallint', 'integer', 'text', 'text', 'text', 'text', 'text'];

export async function createCellsTable(client: pg.PoolClient, schema: string): Promise<void> {
  await client.query(`
    create table ${schema}.cells (
      metric text not null, scope text not null, year integer not null, grain smallint not null,
      sector text not null, region text not null, service_type text not null, size_band text not null, role text not null, item text not null,
      ${VALUES.map((c) => `${c} double precision not null default 0`).join(', ')},
      primary key (${KEY.join(', ')})
    );`);
}

/**
 * Fills the empty cells table in bulk (a settle): without its primary key while rows go in (each
 * `write` appends its rows; no index probe per row), then rows of the same cell from different writes
 * summed, and the key built once, by sorting.
 */
export async function loadCellsInBulk(
  client: pg.PoolClient,
  schema: string,
  fill: (cells: CellSums) => Promise<void>,
): Promise<void> {
  const { rows } = await client.query<{ filled: boolean }>(`select exists (select from ${schema}.cells) as filled`);
  await client.query(`alter table ${schema}.cells drop constraint cells_pkey`);
  const cells = new CellSums('append');
  await fill(cells);
  await cells.write(client, schema);
  if (cells.writes + (rows[0]!.filled ? 1 : 0) > 1) {
    await client.query(`create table ${schema}.cells_summed (like ${schema}.cells including defaults)`);
    await client.query(
      `insert into ${schema}.cells_summed select ${KEY.join(', ')}, ${VALUES.map((c) => `sum(${c})`).join(', ')}
       from ${schema}.cells group by ${KEY.join(', ')}`,
    );
    await client.query(`drop table ${schema}.cells`);
    await client.query(`alter table ${schema}.cells_summed rename to cells`);
  }
  await client.query(`alter table ${schema}.cells add constraint cells_pkey primary key (${KEY.join(', ')})`);
}

/** A cell's key: metric, scope, role, grain, year, sector, region, service type, size band, item. */
type CellKey = readonly [string, string, string, number, number, string, string, string, string, string];
type Sums = Map<string, { key: CellKey; values: number[] }>;

function accumulate(sums: Sums, key: CellKey, values: readonly number[]): void {
  const id = key.join('\u0000');
  const entry = sums.get(id) ?? { key, values: new Array<number>(VALUE_COLUMNS).fill(0) };
  values.forEach((v, i) => (entry.values[i]! += v));
  sums.set(id, entry);
}

/**
 * Adds each contribution times its sign to its cells: the national ones (one per grain) and its
 * organisation's, each under the worker's role and under all roles. The contributions are netted
 * first (a recomputed snapshot mostly gives back what it takes away, and those cancel), summed into the
 * organisation's and the national full-grain cells, and only those national sums are added up into the
 * coarser grains, so a batch writes each cell once and spreads few sums.
 * A cell back to all zero stays (deleting it would cost a join per batch): queries skip segments whose
 * cells are all zero.
 */
export async function addToCells(
  client: pg.PoolClient,
  schema: string,
  delta: readonly [Contribution, number][],
): Promise<void> {
  const sums = new CellSums();
  sums.add(delta);
  await sums.write(client, schema);
}

/**
 * Cell increments gathered over several rounds of contributions before they are written, so a cell
 * that many rounds add to (the coarse national grains above all) is written once: a settle gathers
 * every worker's before writing (bounded by `size`).
 */
export class CellSums {
  /** How many writes have put rows in the table. */
  writes = 0;
  /** Organisations' own cells and the national full grain; the coarser grains are added up when written. */
  private readonly own: Sums = new Map();
  private readonly national: Sums = new Map();

  /** `add`: to the cells there (created if new); `append`: new rows, for a table filled in bulk (`loadCellsInBulk`). */
  constructor(private readonly how: 'add' | 'append' = 'add') {}

  get size(): number {
    return this.own.size + this.national.size;
  }

  add(delta: readonly [Contribution, number][]): void {
    for (const { contribution: c, values } of netted(delta)) {
      const roles = WORKER_METRICS.includes(c.metric) ? [c.role, ALL_ROLES] : [ALL_ROLES];
      const { sector, region, serviceType, sizeBand } = c.segment;
      for (const role of roles) {
        const at = [role, FULL_GRAIN, c.year, sector, region, serviceType, sizeBand, c.item] as const;
        accumulate(this.own, [c.metric, c.organisationId, ...at], values);
        accumulate(this.national, [c.metric, NATIONAL, ...at], values);
      }
    }
  }

  /** Adds the gathered increments to the cells (in statements of at most WRITE_ROWS cells) and starts again. */
  async write(client: pg.PoolClient, schema: string): Promise<void> {
    const sums: Sums = this.own;
    for (const { key, values } of this.national.values()) {
      const [metric, scope, role, , year, sector, region, serviceType, sizeBand, item] = key;
      for (const grain of NATIONAL_GRAINS) {
        const segment = [
          atGrain(sector, 'sector', grain),
          atGrain(region, 'region', grain),
          atGrain(serviceType, 'serviceType', grain),
          atGrain(sizeBand, 'sizeBand', grain),
        ] as const;
        accumulate(sums, [metric, scope, role, grain, year, ...segment, item], values);
      }
    }
    const changed = [...sums.values()].filter((e) => e.values.some((v) => Math.abs(v) > 1e-9));
    this.own.clear();
    this.national.clear();
    for (let i = 0; i < changed.length; i += WRITE_ROWS)
      await writeCells(client, schema, changed.slice(i, i + WRITE_ROWS), this.how);
    if (changed.length > 0) this.writes++;
  }
}

/** Cells per statement: bounds the size of one statement's parameters. */
const WRITE_ROWS = 20_000;

async function writeCells(
  client: pg.PoolClient,
  schema: string,
  changed: readonly { key: CellKey; values: number[] }[],
  how: 'add' | 'append',
): Promise<void> {
  // One array per column: PostgreSQL reads each in one go (unnest), with no document to build or parse.
  const columns = [
    ...KEY.map((_, i) => changed.map((e) => e.key[i])),
    ...VALUES.map((_, i) => changed.map((e) => e.values[i])),
  ];
  const types = [...KEY_TYPES, ...VALUES.map(() => 'float8')];
  await client.query(
    `insert into ${schema}.cells (${[...KEY, ...VALUES].join(', ')})
     select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
     ${how === 'add' ? `on conflict (${KEY.join(', ')}) do update set ${VALUES.map((c) => `${c} = cells.${c} + excluded.${c}`).join(', ')}` : ''}`,
    columns,
  );
}

/** The contributions summed per organisation, segment, role, year, metric and item, those that cancel out left out. */
function netted(delta: readonly [Contribution, number][]): { contribution: Contribution; values: number[] }[] {
  const net = new Map<string, { contribution: Contribution; values: number[] }>();
  for (const [c, sign] of delta) {
    const { sector, region, serviceType, sizeBand } = c.segment;
    const id = [c.metric, c.organisationId, c.role, c.year, sector, region, serviceType, sizeBand, c.item].join(
      '\u0000',
    );
    const entry = net.get(id) ?? { contribution: c, values: new Array<number>(c.values.length).fill(0) };
    c.values.forEach((v, i) => (entry.values[i]! += sign * v));
    net.set(id, entry);
  }
  return [...net.values()].filter((e) => e.values.some((v) => Math.abs(v) > 1e-9));
}

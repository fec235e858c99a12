import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import type { z } from 'zod';
import { PG_POOL } from '#libs/platform';
import { liveSchema } from '#libs/projections';
import { ALL_ROLES, grainFor } from '../../read-model/cells.js';
import { METRIC_COLUMNS, PACKED_ITEMS, VALUE_COLUMNS, type Metric } from '../../read-model/contributions.js';
import { TRENDS_PROJECTION } from '../../read-model/trends.projection.js';
import { FIRST_TREND_YEAR } from '../../read-model/year-snapshots.js';
import { GetTrend } from './get-trend.query.js';
import type { Dimension } from './trend-params.js';
import type { trendResponse } from './get-trend.response.js';
import { trendRows } from './trend-rows.js';

export type TrendAnswer = z.output<typeof trendResponse>;

const S = liveSchema(TRENDS_PROJECTION);
const COLUMN: Record<Dimension, string> = {
  sector: 'sector',
  region: 'region',
  serviceType: 'service_type',
  sizeBand: 'size_band',
  role: 'role',
};
const METRICS: Record<GetTrend['trend'], readonly Metric[]> = {
  adoption: ['adoption'],
  'organisational-capabilities': ['organisational-capabilities'],
  'personal-capabilities': ['personal-capabilities'],
  'learning-volume': ['learning-volume', 'learning-feedback'],
  'role-fit': ['role-fit'],
  impact: ['impact'],
};

interface CellRow {
  readonly metric: Metric;
  readonly year: number;
  readonly segment: string;
  readonly item: string;
  readonly sums: number[];
}

/**
 * The sums a query selects: the value columns, or for a packed metric (PACKED_ITEMS) the one item's
 * columns within `wide`, or all of them when no item is asked for.
 */
function sumsOf(metric: Metric, item: string | undefined): string[] {
  const items = PACKED_ITEMS[metric];
  if (!items) return [...Array(VALUE_COLUMNS).keys()].map((i) => `sum(c${i})`);
  const width = METRIC_COLUMNS[metric].length;
  const first = item === undefined ? 0 : items.indexOf(item) * width;
  const count = item === undefined ? items.length * width : width;
  return [...Array(count).keys()].map((i) => `sum(wide[${first + i + 1}])`);
}

/** A packed metric's rows as a row per item, as its cells would be one per item. */
function unpacked(rows: readonly CellRow[], metric: Metric, item: string | undefined): CellRow[] {
  const items = item === undefined ? PACKED_ITEMS[metric]! : [item];
  const width = METRIC_COLUMNS[metric].length;
  return rows.flatMap((r) =>
    items.map((id, i) => ({ ...r, item: id, sums: r.sums.slice(i * width, (i + 1) * width) })),
  );
}

/**
 * Sums the pre-aggregated cells (one indexed range per metric and scope) and shapes the rows. Cells
 * under every role are read unless the question is about roles, so most queries read a fraction of them.
 */
@QueryHandler(GetTrend)
export class GetTrendHandler implements IQueryHandler<GetTrend, TrendAnswer> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({ trend, params, scope }: GetTrend): Promise<TrendAnswer> {
    const metrics = METRICS[trend];
    const byRole = params.by === 'role' || params.filters.role !== undefined;
    const grain = grainFor(scope, [...Object.keys(params.filters), ...(params.by ? [params.by] : [])]);
    const args: unknown[] = [metrics, scope, grain];
    const where = [
      `metric = any($1)`,
      `scope = $2`,
      `grain = $3`,
      byRole ? `role <> '${ALL_ROLES}'` : `role = '${ALL_ROLES}'`,
    ];
    for (const [dimension, value] of Object.entries(params.filters)) {
      args.push(value);
      where.push(`${COLUMN[dimension as Dimension]} = $${args.length}`);
    }
    const span = await this.years(metrics, scope, grain);
    if (!span) return { rows: [] };
    // Only years with figures: a year before the first or after the horizon would be rows of zeros
    // (and a from=1990&to=2100 a hundred years of them).
    const from = Math.max(params.from ?? span.first, span.first);
    const to = Math.min(params.to ?? span.last, span.last);
    if (from > to) return { rows: [] };
    args.push(from - 1, to);
    where.push(`year between $${args.length - 1} and $${args.length}`);
    const packed = PACKED_ITEMS[metrics[0]!];
    if (params.capabilityId && !packed) where.push(`item = $${args.push(params.capabilityId)}`);
    const segment = params.by ? COLUMN[params.by] : `''`;
    const { rows: summed } = await this.pool.query<CellRow>(
      `select metric, year, ${segment} as segment, item, array[${sumsOf(metrics[0]!, params.capabilityId).join(', ')}]::float8[] as sums
       from ${S}.cells where ${where.join(' and ')}
       group by 1, 2, 3, 4`,
      args,
    );
    const rows = packed ? unpacked(summed, metrics[0]!, params.capabilityId) : summed;
    const sums = new Map(rows.map((r) => [`${r.metric}\u0000${r.year}\u0000${r.segment}\u0000${r.item}`, r.sums]));
    const inRange = rows.filter((r) => r.year >= from && r.sums.some((v) => v !== 0));
    return {
      // Rows are shaped from computed keys, so their type is asserted here; trend-rows.test.ts parses every
      // trend's rows with the response schema, and the API tests check every answer against it.
      rows: trendRows(
        {
          trend,
          years: Array.from({ length: to - from + 1 }, (_, i) => from + i),
          by: params.by,
          segments: params.by ? [...new Set(inRange.map((r) => r.segment))].sort() : [''],
          capabilityId: params.capabilityId,
          sources: [...new Set(rows.filter((r) => r.metric === 'learning-feedback').map((r) => r.item))].sort(),
        },
        (metric, year, segment, item) => sums.get(`${metric}\u0000${year}\u0000${segment}\u0000${item}`),
      ) as TrendAnswer['rows'],
    };
  }

  /** The years the scope has figures for: the first year with a cell to the horizon. */
  private async years(
    metrics: readonly Metric[],
    scope: string,
    grain: number,
  ): Promise<{ first: number; last: number } | undefined> {
    const { rows } = await this.pool.query<{ first: number | null; last: number | null }>(
      `select (select min(year) from ${S}.cells where metric = any($1) and scope = $2 and role = '${ALL_ROLES}' and grain = $3) as first, (select year from ${S}.horizon) as last`,
      [metrics, scope, grain],
    );
    const { first, last } = rows[0]!;
    // The year before the first a query may ask for is kept only for that year's changes.
    return first === null || last === null ? undefined : { first: Math.max(first, FIRST_TREND_YEAR), last };
  }
}

import { organisationalCapabilities, personalCapabilities } from '#libs/framework';
import { invalid, SECTORS, SIZE_BANDS } from '#libs/workforce';
import { FIRST_TREND_YEAR } from '../../read-model/year-snapshots.js';

export const TRENDS = [
  'adoption',
  'organisational-capabilities',
  'personal-capabilities',
  'learning-volume',
  'role-fit',
  'impact',
] as const;
export type Trend = (typeof TRENDS)[number];

/** Segment dimensions: the organisation's (every trend) and the worker's job role (worker trends only). */
export const ORGANISATION_DIMENSIONS = ['sector', 'region', 'serviceType', 'sizeBand'] as const;
export const DIMENSIONS = [...ORGANISATION_DIMENSIONS, 'role'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const ORGANISATION_TRENDS: readonly Trend[] = ['adoption', 'organisational-capabilities'];
const CAPABILITIES: Partial<Record<Trend, readonly { id: string }[]>> = {
  'organisational-capabilities': organisationalCapabilities,
  'personal-capabilities': personalCapabilities,
};

export interface TrendParams {
  readonly from?: number;
  readonly to?: number;
  readonly by?: Dimension;
  readonly filters: Partial<Record<Dimension, string>>;
  readonly capabilityId?: string;
  readonly organisationId?: string;
  readonly format: 'json' | 'csv';
}

const KNOWN = ['from', 'to', 'by', 'capabilityId', 'organisationId', 'format', ...DIMENSIONS];

/** The query string of a trend endpoint; a bad or unknown parameter is a 400 naming it. */
export function parseTrendParams(
  trend: Trend,
  query: Record<string, unknown>,
  accept: string | undefined,
): TrendParams {
  for (const key of Object.keys(query))
    if (!KNOWN.includes(key)) invalid(key, `is not a parameter of /api/trends/${trend} (one of ${KNOWN.join(', ')})`);
  const text = (key: string) => {
    const value = query[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length === 0 || value.length > 200)
      return invalid(key, 'must be given once, 1 to 200 characters');
    return value;
  };
  const dimensions: readonly string[] = ORGANISATION_TRENDS.includes(trend) ? ORGANISATION_DIMENSIONS : DIMENSIONS;
  const by = text('by');
  if (by !== undefined && !dimensions.includes(by)) invalid('by', `must be one of ${dimensions.join(', ')}`);
  const filters: Partial<Record<Dimension, string>> = {};
  for (const dimension of DIMENSIONS) {
    const value = text(dimension);
    if (value === undefined) continue;
    if (!dimensions.includes(dimension)) invalid(dimension, `does not apply to ${trend}: organisations have no role`);
    if (dimension === 'sector' && !(SECTORS as readonly string[]).includes(value))
      invalid('sector', `must be one of ${SECTORS.join(', ')}`);
    if (dimension === 'sizeBand' && !(SIZE_BANDS as readonly string[]).includes(value))
      invalid('sizeBand', `must be one of ${SIZE_BANDS.join(', ')}`);
    filters[dimension] = value;
  }
  const from = year(text('from'), 'from');
  const to = year(text('to'), 'to');
  if (from !== undefined && to !== undefined && from > to) invalid('from', 'must not be after to');
  const capabilityId = text('capabilityId');
  if (capabilityId !== undefined) {
    const capabilities = CAPABILITIES[trend];
    if (!capabilities) invalid('capabilityId', `does not apply to ${trend}`);
    else if (!capabilities.some((c) => c.id === capabilityId))
      invalid(
        'capabilityId',
        `must be one of the ${capabilities.length} capabilities this trend counts (GET /api/framework)`,
      );
  }
  // A capability trend's rows are capabilities × segments × years: by one dimension and all 17
  // capabilities, thousands of rows (about 1 MB), however few workers. One capability keeps every
  // answer to segments × years rows; without by, every capability's national row is still answered.
  if (by !== undefined && CAPABILITIES[trend] && capabilityId === undefined)
    invalid(
      'capabilityId',
      `required with by on ${trend}: one capability's rows per segment (without by, every capability)`,
    );
  const format = text('format') ?? (accept?.includes('text/csv') ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') invalid('format', 'must be json or csv');
  return {
    from,
    to,
    by: by as Dimension | undefined,
    filters,
    capabilityId,
    organisationId: text('organisationId'),
    format: format as 'json' | 'csv',
  };
}

function year(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value) || Number(value) < FIRST_TREND_YEAR || Number(value) > 2100)
    invalid(field, `must be a year from ${FIRST_TREND_YEAR} to 2100`);
  return Number(value);
}

import type { TrendRow } from '../../api/types';
import { STAGE_LABELS } from '../../labels';

/** The six trends of `GET /api/trends/:trend` (issue 16), in the order the dashboard shows them. */
export const TRENDS = [
  'adoption',
  'organisational-capabilities',
  'personal-capabilities',
  'learning-volume',
  'role-fit',
  'impact',
] as const;
export type Trend = (typeof TRENDS)[number];

export const TREND_TEXT: Record<Trend, { tab: string; title: string; about: string }> = {
  adoption: {
    tab: 'Adoption',
    title: 'Employers aware of and using the CLF',
    about:
      'Organisations, those aware of the CLF (any adoption status recorded by the year end) and those using it (their latest status).',
  },
  'organisational-capabilities': {
    tab: 'Organisational capabilities',
    title: 'Organisational capabilities: self-assessed stages',
    about:
      'Organisations with a completed self-audit by the year end, the stage they self-assessed on one capability, and how many moved up, stayed or moved down since the year before.',
  },
  'personal-capabilities': {
    tab: 'Personal capabilities',
    title: "Personal capabilities: workers' stages",
    about:
      'Workers who are members of an organisation at the year end, their stage on one capability, and how many moved up, stayed or moved down since the year before.',
  },
  'learning-volume': {
    tab: 'Learning volume',
    title: 'Learning volume',
    about: 'Learning activities, hours of learning and feedback items recorded in the year, in all and per worker.',
  },
  'role-fit': {
    tab: 'Role fit',
    title: 'Role fit',
    about: 'Workers with a job role at the year end, and how many meet every stage their role requires.',
  },
  impact: {
    tab: 'Impact',
    title: 'Impact: movement in organisations using the CLF and the others',
    about:
      "The year's movement of workers' stages in organisations using the CLF at the previous year end against those not using it. A comparison, not a causal claim.",
  },
};

export const isTrend = (value: string): value is Trend => (TRENDS as readonly string[]).includes(value);

export const ORGANISATION_DIMENSIONS = ['sector', 'region', 'serviceType', 'sizeBand'] as const;
export type Dimension = (typeof ORGANISATION_DIMENSIONS)[number] | 'role';

export const DIMENSION_LABELS: Record<Dimension, string> = {
  sector: 'Sector',
  region: 'Region',
  serviceType: 'Service type',
  sizeBand: 'Size band',
  role: 'Job role',
};

/** The values the API knows for sector and size band; regions, service types and roles come from the data. */
export const KNOWN_VALUES: Partial<Record<Dimension, readonly string[]>> = {
  sector: ['public', 'private', 'voluntary'],
  sizeBand: ['micro', 'small', 'medium', 'large'],
};

/** Organisations have no job role: `role` segments and filters apply to the four worker trends only. */
export const dimensionsOf = (trend: Trend): readonly Dimension[] =>
  trend === 'adoption' || trend === 'organisational-capabilities'
    ? ORGANISATION_DIMENSIONS
    : [...ORGANISATION_DIMENSIONS, 'role'];

export const isCapabilityTrend = (trend: Trend): trend is 'organisational-capabilities' | 'personal-capabilities' =>
  trend === 'organisational-capabilities' || trend === 'personal-capabilities';

/** What is on screen: the page's address and the API's query are the same parameters. */
export interface TrendQuery {
  trend: Trend;
  from?: string;
  to?: string;
  by?: Dimension;
  filters: Partial<Record<Dimension, string>>;
  capabilityId?: string;
  /** Whose figures, for a reader of several organisations' (a learning lead of two, say); else the API's default. */
  organisationId?: string;
}

/**
 * The query of the page's address, keeping only what applies to the trend. A capability trend shows one
 * capability at a time (17 at once would be 17 charts), the first of the catalogue unless one is chosen.
 */
export function trendQueryFrom(
  trend: Trend,
  address: Record<string, string | undefined>,
  capabilityIds: readonly string[],
): TrendQuery {
  const dimensions = dimensionsOf(trend);
  const year = (value: string | undefined) => (value && /^\d{4}$/.test(value) ? value : undefined);
  const filters: TrendQuery['filters'] = {};
  for (const dimension of dimensions) if (address[dimension]) filters[dimension] = address[dimension];
  const by = dimensions.find((d) => d === address.by);
  const capabilityId = isCapabilityTrend(trend)
    ? (capabilityIds.find((id) => id === address.capabilityId) ?? capabilityIds[0])
    : undefined;
  return {
    trend,
    from: year(address.from),
    to: year(address.to),
    by,
    filters,
    capabilityId,
    organisationId: address.organisationId || undefined,
  };
}

/** `?from=…&by=…&sector=…`: the same for the page's address, the JSON and the CSV (with `format=csv`). */
export function trendSearch(query: TrendQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  const add = (key: string, value: string | undefined) => value && params.set(key, value);
  add('from', query.from);
  add('to', query.to);
  add('by', query.by);
  for (const [dimension, value] of Object.entries(query.filters)) add(dimension, value);
  add('capabilityId', query.capabilityId);
  add('organisationId', query.organisationId);
  for (const [key, value] of Object.entries(extra)) add(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A download's file name that says what it holds: `adoption-by-region-sector-public-2023-2026.csv`. */
export function csvFileName(query: TrendQuery): string {
  const parts: string[] = [query.trend];
  if (query.organisationId) parts.push(query.organisationId);
  if (query.capabilityId) parts.push(query.capabilityId);
  if (query.by) parts.push(`by-${query.by}`);
  for (const [dimension, value] of Object.entries(query.filters)) parts.push(dimension, value);
  if (query.from || query.to) parts.push(`${query.from ?? 'first'}-${query.to ?? 'latest'}`);
  return `${parts.join('-').replace(/[^A-Za-z0-9.-]+/g, '_')}.csv`;
}

// ── Columns: what each trend's rows hold, and how a cell reads ──

export interface Column {
  /** The flat name the API uses in `suppressed` (`stages.engaged`). */
  key: string;
  label: string;
  /** A count has a change on the year before; a share or rate is derived from counts. */
  kind: 'count' | 'share' | 'rate' | 'points';
  /** A derived figure is hidden when a count it is made of is. */
  from?: string[];
  /**
   * A count that is above zero merely because organisations or workers exist (the total, those not yet
   * engaged, those at the same stage): a year with nothing else above zero has nothing to show yet.
   */
  headcount?: true;
}

const STAGE_KEYS = ['not-yet-engaged', 'engaged', 'established', 'accomplished', 'exemplary'] as const;

const capabilityColumns = (total: 'organisations' | 'workers'): Column[] => [
  { key: total, label: total === 'workers' ? 'Workers' : 'Organisations', kind: 'count', headcount: true },
  ...STAGE_KEYS.map((stage): Column => ({
    key: `stages.${stage}`,
    label: STAGE_LABELS[stage],
    kind: 'count',
    ...(stage === 'not-yet-engaged' ? { headcount: true } : {}),
  })),
  // Movement is counted of those at both year ends, a total of its own: up, same and down add up to it.
  { key: 'comparable', label: 'Comparable (at both year ends)', kind: 'count', headcount: true },
  { key: 'up', label: 'Moved up', kind: 'count' },
  { key: 'same', label: 'Same stage', kind: 'count', headcount: true },
  { key: 'down', label: 'Moved down', kind: 'count' },
];

export const SOURCE_NAMES: Record<string, string> = {
  'line-manager': 'Line manager',
  colleague: 'Colleague',
  'person-using-services': 'Person using services',
  carer: 'Carer',
  self: 'Self',
  assessor: 'Assessor',
};

/** The columns of a trend; learning volume has one per feedback source found in the rows. */
export function columnsOf(trend: Trend, rows: readonly TrendRow[]): Column[] {
  switch (trend) {
    case 'adoption':
      return [
        { key: 'organisations', label: 'Organisations', kind: 'count', headcount: true },
        { key: 'aware', label: 'Aware of the CLF', kind: 'count' },
        { key: 'using', label: 'Using the CLF', kind: 'count' },
      ];
    case 'organisational-capabilities':
      return capabilityColumns('organisations');
    case 'personal-capabilities':
      return capabilityColumns('workers');
    case 'learning-volume': {
      const sources = [
        ...new Set(rows.flatMap((r) => Object.keys((r.feedbackBySource as Record<string, unknown>) ?? {}))),
      ].sort();
      return [
        { key: 'workers', label: 'Workers', kind: 'count', headcount: true },
        { key: 'activities', label: 'Learning activities', kind: 'count' },
        { key: 'hours', label: 'Hours of learning', kind: 'count' },
        { key: 'activitiesPerWorker', label: 'Activities per worker', kind: 'rate', from: ['activities', 'workers'] },
        { key: 'hoursPerWorker', label: 'Hours per worker', kind: 'rate', from: ['hours', 'workers'] },
        { key: 'feedback', label: 'Feedback items', kind: 'count' },
        ...sources.map((source): Column => ({
          key: `feedbackBySource.${source}`,
          label: `Feedback: ${SOURCE_NAMES[source] ?? source}`,
          kind: 'count',
        })),
      ];
    }
    case 'role-fit':
      return [
        { key: 'workers', label: 'Workers with a role', kind: 'count', headcount: true },
        { key: 'meetingAll', label: 'Meeting every required stage', kind: 'count' },
        { key: 'notMeetingAll', label: 'Not meeting every required stage', kind: 'count', headcount: true },
        { key: 'shareMeetingAll', label: 'Share meeting', kind: 'share', from: ['meetingAll', 'workers'] },
      ];
    case 'impact':
      return [
        { key: 'usingWorkers', label: 'Workers, using the CLF', kind: 'count', headcount: true },
        { key: 'usingMovedUp', label: 'Moved up, using', kind: 'count' },
        {
          key: 'usingShareMovedUp',
          label: 'Share moved up, using',
          kind: 'share',
          from: ['usingMovedUp', 'usingWorkers'],
        },
        { key: 'notUsingWorkers', label: 'Workers, not using the CLF', kind: 'count', headcount: true },
        { key: 'notUsingMovedUp', label: 'Moved up, not using', kind: 'count' },
        {
          key: 'notUsingShareMovedUp',
          label: 'Share moved up, not using',
          kind: 'share',
          from: ['notUsingMovedUp', 'notUsingWorkers'],
        },
        {
          key: 'difference',
          label: 'Difference (using minus not using)',
          kind: 'points',
          from: ['usingMovedUp', 'usingWorkers', 'notUsingMovedUp', 'notUsingWorkers'],
        },
      ];
  }
}

/**
 * The caption of a trend's table: what its movement counts against (capability trends), what a bracket
 * holds and what "suppressed" stands for. Suppressed is not always "fewer than 5": a larger count is
 * hidden too when a small one could be worked out from it by subtraction.
 */
export function tableCaption(trend: Trend): string {
  const comparable =
    trend === 'organisational-capabilities'
      ? 'Comparable: the organisations with a completed self-audit at both year ends; moved up, same stage and moved down count those, so they add up to it, not to the organisations. '
      : trend === 'personal-capabilities'
        ? 'Comparable: the workers who were members of an organisation at both year ends; moved up, same stage and moved down count those, so they add up to it, not to the workers. '
        : '';
  return `${comparable}Each count has its change on the year before in brackets. Suppressed: fewer than 5, or hidden because a count fewer than 5 could be worked out from it.`;
}

/** `stages.engaged` → `stagesChange.engaged`; `aware` → `awareChange` (the API's names of changes). */
export const changeKey = (key: string): string => key.replace(/^([^.]+)/, '$1Change');

/** The value under a flat name: `stages.engaged` is `row.stages.engaged`. */
export function valueAt(row: TrendRow, key: string): number | null | undefined {
  const [head, ...rest] = key.split('.');
  let value: unknown = row[head!];
  if (rest.length) value = (value as Record<string, unknown> | undefined)?.[rest.join('.')];
  return typeof value === 'number' || value === null ? value : undefined;
}

/** Hidden by the privacy rule: named in `suppressed`, or derived from a count that is. */
export const isSuppressed = (row: TrendRow, column: Column): boolean =>
  row.suppressed.includes(column.key) || (column.from ?? []).some((key) => row.suppressed.includes(key));

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const signed = (value: number) => `${value > 0 ? '+' : ''}${number.format(value)}`;

/** A figure in words: suppressed is said, never shown as 0; a share of nobody is "none to share". */
export function figureText(row: TrendRow, column: Column): string {
  if (isSuppressed(row, column)) return 'suppressed';
  const value = valueAt(row, column.key);
  if (value === null || value === undefined) return 'n/a';
  if (column.kind === 'share') return `${number.format(value * 100)}%`;
  if (column.kind === 'points') return `${signed(value * 100)} points`;
  return number.format(value);
}

/** The change on the year before, in words, for a count: "+3", "no change", or "change suppressed". */
export function changeText(row: TrendRow, column: Column): string | null {
  if (column.kind !== 'count' || isSuppressed(row, column)) return null;
  const key = changeKey(column.key);
  if (row.suppressed.includes(key)) return 'change suppressed';
  const change = valueAt(row, key);
  if (change === null || change === undefined) return null;
  return change === 0 ? 'no change' : signed(change);
}

/**
 * Where a trend's figures start to say something: the first year in which a count beyond the headcount
 * is above zero, or suppressed (a hidden count may be). Before it, every year holds nothing but the
 * organisations or workers themselves: a demo organisation whose first worker joined in 2005 made the
 * adoption chart 18 years of nobody aware. `undefined` when no year has such a count.
 */
export function firstYearWithNews(rows: readonly TrendRow[], columns: readonly Column[]): number | undefined {
  const telling = columns.filter((c) => c.kind === 'count' && !c.headcount);
  const years = rows
    .filter((row) => telling.some((c) => isSuppressed(row, c) || (valueAt(row, c.key) ?? 0) > 0))
    .map((row) => row.year);
  return years.length ? Math.min(...years) : undefined;
}

/**
 * The years a page shows: all that were asked for (`from`, the address's), else from the first year with
 * news on. `leftOut` names the years before it, which a From year brings back.
 */
export function shownYears(
  from: string | undefined,
  rows: readonly TrendRow[],
  columns: readonly Column[],
): { rows: TrendRow[]; leftOut?: { from: number; to: number } } {
  const first = from ? undefined : firstYearWithNews(rows, columns);
  const earliest = Math.min(...rows.map((r) => r.year));
  if (first === undefined || first <= earliest) return { rows: [...rows] };
  return { rows: rows.filter((r) => r.year >= first), leftOut: { from: earliest, to: first - 1 } };
}

// ── Rows in the order charts and tables show them ──

export const segmentText = (row: TrendRow, by: Dimension | undefined): string | undefined => {
  if (!by) return undefined;
  const value = row.segment[by];
  return value === null || value === undefined ? (by === 'role' ? 'No job role' : 'Not given') : value;
};

/** Each segment's years together (a segment's year-on-year change reads left to right), then by year. */
export function orderedRows(rows: readonly TrendRow[], by: Dimension | undefined): TrendRow[] {
  return [...rows].sort(
    (a, b) => (segmentText(a, by) ?? '').localeCompare(segmentText(b, by) ?? '') || a.year - b.year,
  );
}

/** The category of a row on a chart's x axis: its year, and under it the segment. */
export const categoryOf = (row: TrendRow, by: Dimension | undefined): string | string[] => {
  const segment = segmentText(row, by);
  return segment === undefined ? String(row.year) : [String(row.year), segment];
};

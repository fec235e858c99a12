import { organisationalCapabilities, personalCapabilities } from '#libs/framework';
import { METRIC_COLUMNS, type Metric } from '../../read-model/contributions.js';
import { STAGE_ORDER } from '../../read-model/year-snapshots.js';
import { isSmallCount, suppress, type SumGroup } from '../../privacy/suppress.js';
import type { Trend } from './trend-params.js';

/** The summed cells of one metric for one year, segment value and item. */
export type CellSums = (metric: Metric, year: number, segment: string, item: string) => readonly number[] | undefined;

/** One row's counts before privacy: flat keys (`stages.engaged`), the sum groups among them, and which counts depend on which. */
interface Counts {
  readonly cells: Record<string, number>;
  readonly groups: readonly SumGroup[];
  /** Hidden with the key they depend on: figures about the workers a suppressed count covers. */
  readonly dependsOn?: Readonly<Record<string, readonly string[]>>;
  /**
   * Totals equal in every item's row of one year and segment (the workers, split by each capability's
   * stages): protected together, so a total hidden in one row is hidden in all of them.
   */
  readonly shared?: readonly string[];
}

export interface TrendRow {
  readonly year: number;
  readonly segment: Record<string, string | null>;
  readonly [key: string]: unknown;
}

/** A metric's counts by column name (a missing cell counts 0). */
function named(metric: Metric, values: readonly number[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  METRIC_COLUMNS[metric].forEach((column, i) => (out[column] = values?.[i] ?? 0));
  return out;
}

/** Stage distribution keys as the response names them. */
const STAGE_KEYS = STAGE_ORDER.map((s) => `stages.${s}`);

/** The sum groups of a capability trend's row, the same for every row (made once). */
const capabilityShape = (total: string): Pick<Counts, 'groups' | 'shared'> => ({
  groups: [
    { total, parts: STAGE_KEYS },
    { total: 'comparable', parts: ['up', 'same', 'down'] },
  ],
  shared: [total, 'comparable'],
});
const CAPABILITY_SHAPES = { workers: capabilityShape('workers'), organisations: capabilityShape('organisations') };

function capabilityCounts(
  metric: 'organisational-capabilities' | 'personal-capabilities',
  values: readonly number[] | undefined,
): Counts {
  // Columns: total, the stages lowest first, up, same, down (METRIC_COLUMNS).
  const at = (i: number) => values?.[i] ?? 0;
  const total = metric === 'personal-capabilities' ? 'workers' : 'organisations';
  const cells: Record<string, number> = { [total]: at(0) };
  STAGE_KEYS.forEach((key, i) => (cells[key] = at(i + 1)));
  const [up, same, down] = [at(STAGE_KEYS.length + 1), at(STAGE_KEYS.length + 2), at(STAGE_KEYS.length + 3)];
  // Movement splits its own total, those present at both year ends: shown, so that the movement counts
  // are a group of their own (against the year's total they only sum to at most it, and with "a hidden
  // count is at least 1" that can pin one: 10 workers, same 9, down 0 gave up = 1).
  Object.assign(cells, { comparable: up + same + down, up, same, down });
  return { cells, ...CAPABILITY_SHAPES[total] };
}

/** What each trend shows, from the cells of one year and segment (and item: a capability). */
const COUNTS: Record<
  Trend,
  (
    sums: (metric: Metric, item?: string) => readonly number[] | undefined,
    sources: readonly string[],
    item: string,
  ) => Counts
> = {
  adoption: (sums) => ({ cells: named('adoption', sums('adoption')), groups: [] }),
  'organisational-capabilities': (sums, _, item) =>
    capabilityCounts('organisational-capabilities', sums('organisational-capabilities', item)),
  'personal-capabilities': (sums, _, item) =>
    capabilityCounts('personal-capabilities', sums('personal-capabilities', item)),
  'learning-volume': (sums, sources) => {
    const n = named('learning-volume', sums('learning-volume'));
    const cells: Record<string, number> = {
      workers: n.workers!,
      activities: n.activities!,
      hours: Math.round(n.hours! * 10) / 10,
      feedback: n.feedback!,
    };
    for (const source of sources) cells[`feedbackBySource.${source}`] = sums('learning-feedback', source)?.[0] ?? 0;
    const bySource = sources.map((s) => `feedbackBySource.${s}`);
    return {
      cells,
      groups: [{ total: 'feedback', parts: bySource }],
      dependsOn: { workers: ['activities', 'hours', 'feedback', ...bySource] },
    };
  },
  'role-fit': (sums) => {
    const n = named('role-fit', sums('role-fit'));
    return { cells: n, groups: [{ total: 'workers', parts: ['meetingAll', 'notMeetingAll'] }] };
  },
  impact: (sums) => {
    const n = named('impact', sums('impact'));
    const cells = {
      usingWorkers: n.usingWorkers!,
      usingMovedUp: n.usingMovedUp!,
      usingNotMovedUp: n.usingWorkers! - n.usingMovedUp!,
      notUsingWorkers: n.notUsingWorkers!,
      notUsingMovedUp: n.notUsingMovedUp!,
      notUsingNotMovedUp: n.notUsingWorkers! - n.notUsingMovedUp!,
    };
    return {
      cells,
      groups: [
        { total: 'usingWorkers', parts: ['usingMovedUp', 'usingNotMovedUp'] },
        { total: 'notUsingWorkers', parts: ['notUsingMovedUp', 'notUsingNotMovedUp'] },
      ],
    };
  },
};

const ratio = (a: number | null | undefined, b: number | null | undefined, digits: number) =>
  a === null || a === undefined || b === null || b === undefined || b === 0
    ? null
    : Math.round((a / b) * 10 ** digits) / 10 ** digits;

/** Figures derived from shown counts only (a suppressed input gives null), so they reveal nothing the counts hide. */
const DERIVED: Partial<Record<Trend, (v: Record<string, number | null>) => Record<string, number | null>>> = {
  'learning-volume': (v) => ({
    activitiesPerWorker: ratio(v.activities, v.workers, 2),
    hoursPerWorker: ratio(v.hours, v.workers, 2),
  }),
  'role-fit': (v) => ({ shareMeetingAll: ratio(v.meetingAll, v.workers, 3) }),
  impact: (v) => {
    const using = ratio(v.usingMovedUp, v.usingWorkers, 3);
    const notUsing = ratio(v.notUsingMovedUp, v.notUsingWorkers, 3);
    return {
      usingShareMovedUp: using,
      notUsingShareMovedUp: notUsing,
      difference: using === null || notUsing === null ? null : Math.round((using - notUsing) * 1000) / 1000,
    };
  },
};

/** A row's cell in the cells of its block, made once per row and cell (thousands of blocks share them). */
const ROW_KEYS: Map<string, string>[] = [];
function rowKey(row: number, cell: string): string {
  const keys = (ROW_KEYS[row] ??= new Map());
  let key = keys.get(cell);
  if (key === undefined) keys.set(cell, (key = `${row}\u0000${cell}`));
  return key;
}

interface Protected {
  readonly values: Readonly<Record<string, number | null>>;
  readonly suppressed: readonly string[];
}

const NOTHING: readonly string[] = [];

function hasSmallCount(counts: Counts): boolean {
  for (const cell in counts.cells) if (isSmallCount(counts.cells[cell]!)) return true;
  return false;
}

/**
 * Privacy for the rows of one year and segment (one per item): the rule of `suppress` over all of them
 * at once (their shared totals are one cell), then the figures about the workers of a hidden count.
 */
function protect(rows: readonly Counts[]): Protected[] {
  // Most blocks of a national response have no count from 1 to 4: nothing to hide.
  if (!rows.some(hasSmallCount)) return rows.map((r) => ({ values: r.cells, suppressed: NOTHING }));
  // One cell only where every row has the same value (a capability without cells yet would have 0).
  const shared = new Set(
    (rows[0]?.shared ?? []).filter((cell) => rows.every((r) => r.cells[cell] === rows[0]!.cells[cell])),
  );
  const key = (row: number, cell: string) => (shared.has(cell) ? cell : rowKey(row, cell));
  const cells: Record<string, number> = {};
  rows.forEach((counts, row) => {
    for (const [cell, value] of Object.entries(counts.cells)) cells[key(row, cell)] = value;
  });
  const groups = rows.flatMap((counts, row) =>
    counts.groups.map((g) => ({ total: key(row, g.total), parts: g.parts.map((p) => key(row, p)) })),
  );
  const { values } = suppress(cells, groups);
  return rows.map((counts, row) => {
    const shown: Record<string, number | null> = {};
    for (const cell of Object.keys(counts.cells)) shown[cell] = values[key(row, cell)]!;
    for (const [cell, dependents] of Object.entries(counts.dependsOn ?? {}))
      if (shown[cell] === null) for (const dependent of dependents) shown[dependent] = null;
    return { values: shown, suppressed: Object.keys(counts.cells).filter((cell) => shown[cell] === null) };
  });
}

/** A flat key's parts and change key, worked out once per key (a response shapes thousands of rows). */
const KEYS = new Map<string, { head: string; rest: string; change: string }>();
function keyOf(key: string): { head: string; rest: string; change: string } {
  let known = KEYS.get(key);
  if (!known) {
    const dot = key.indexOf('.');
    const head = dot < 0 ? key : key.slice(0, dot);
    const rest = dot < 0 ? '' : key.slice(dot + 1);
    // `stages.engaged` → `stagesChange.engaged`; `aware` → `awareChange`.
    known = { head, rest, change: `${head}Change${dot < 0 ? '' : `.${rest}`}` };
    KEYS.set(key, known);
  }
  return known;
}

/** Sets a flat key's value in its place in the row: `stages.engaged` in `row.stages`. */
function place(row: Record<string, unknown>, head: string, rest: string, value: unknown): void {
  if (rest === '') row[head] = value;
  else ((row[head] ??= {}) as Record<string, unknown>)[rest] = value;
}

export interface RowPlan {
  readonly trend: Trend;
  readonly years: readonly number[];
  readonly by?: string;
  readonly segments: readonly string[];
  readonly capabilityId?: string;
  readonly sources: readonly string[];
}

/**
 * The response's rows: per year, segment value (and capability), the counts after privacy, the figures
 * derived from them, and each count's change from the year before (null when either year's count is
 * hidden: a change next to a shown count would give the hidden one away). The year before the first is
 * computed for the changes and not shown.
 */
export function trendRows(plan: RowPlan, sums: CellSums): TrendRow[] {
  const items = itemsOf(plan);
  const rows: TrendRow[] = [];
  // Last year's shown values per segment and item (index: segment × items + item).
  let previous: (Readonly<Record<string, number | null>> | undefined)[] = [];
  for (const year of [plan.years[0]! - 1, ...plan.years]) {
    const current: Readonly<Record<string, number | null>>[] = [];
    plan.segments.forEach((segment, s) => {
      const counts = items.map((item) =>
        COUNTS[plan.trend]((metric, it) => sums(metric, year, segment, it ?? item), plan.sources, item),
      );
      const protectedRows = protect(counts);
      items.forEach((item, i) => {
        current[s * items.length + i] = protectedRows[i]!.values;
        if (year >= plan.years[0]!)
          rows.push(row(plan, year, segment, item, counts[i]!, protectedRows[i]!, previous[s * items.length + i]));
      });
    });
    previous = current;
  }
  return rows;
}

/**
 * One row: its counts after privacy, the figures derived from them, and their changes on the year
 * before, each put straight into its nested place (a response has thousands of rows).
 */
function row(
  plan: RowPlan,
  year: number,
  segment: string,
  item: string,
  counts: Counts,
  { values, suppressed }: Protected,
  before: Readonly<Record<string, number | null>> | undefined,
): TrendRow {
  const out: Record<string, unknown> = {
    year,
    segment: plan.by ? { [plan.by]: segment === '' && plan.by === 'role' ? null : segment } : {},
  };
  if (item) out.capabilityId = item;
  for (const key in counts.cells) {
    const { head, rest } = keyOf(key);
    place(out, head, rest, values[key]);
  }
  const derived = DERIVED[plan.trend]?.(values);
  for (const key in derived) out[key] = derived[key];
  const hiddenChanges: string[] = [];
  for (const key in counts.cells) {
    const { change } = keyOf(key);
    const { head, rest } = keyOf(change);
    const was = before?.[key];
    const now = values[key]!;
    place(
      out,
      head,
      rest,
      now === null || was === null || was === undefined ? null : Math.round((now - was) * 10) / 10,
    );
    if (now === null || was === null) hiddenChanges.push(change);
  }
  out.suppressed = hiddenChanges.length === 0 ? [...suppressed] : [...suppressed, ...hiddenChanges];
  return out as unknown as TrendRow;
}

function itemsOf(plan: RowPlan): readonly string[] {
  if (plan.trend !== 'organisational-capabilities' && plan.trend !== 'personal-capabilities') return [''];
  if (plan.capabilityId) return [plan.capabilityId];
  return (plan.trend === 'personal-capabilities' ? personalCapabilities : organisationalCapabilities).map((c) => c.id);
}

import { organisationalCapabilities, personalCapabilities } from '#libs/framework';
import { METRIC_COLUMNS, type Metric } from '../../read-model/contributions.js';
import { STAGE_ORDER } from '../../read-model/year-snapshots.js';
import { suppress, type SumGroup } from '../../privacy/suppress.js';
import type { Trend } from './trend-params.js';

/** The summed cells of one metric for one year, segment value and item. */
export type CellSums = (metric: Metric, year: number, segment: string, item: string) => readonly number[] | undefined;

/** One row's counts before privacy: flat keys (`stages.engaged`), the sum groups among them, and which counts depend on which. */
interface Counts {
  readonly cells: Record<string, number>;
  readonly groups: readonly SumGroup[];
  /** Hidden with the key they depend on: figures about the workers a suppressed count covers. */
  readonly dependsOn?: Readonly<Record<string, readonly string[]>>;
}

export interface TrendRow {
  readonly year: number;
  readonly segment: Record<string, string | null>;
  readonly [key: string]: unknown;
}

const named = (metric: Metric, values: readonly number[] | undefined) =>
  Object.fromEntries(METRIC_COLUMNS[metric].map((column, i) => [column, values?.[i] ?? 0])) as Record<string, number>;

/** Stage distribution keys as the response names them. */
const stageKeys = (prefix: string) => STAGE_ORDER.map((s) => `${prefix}.${s}`);

function capabilityCounts(
  metric: 'organisational-capabilities' | 'personal-capabilities',
  values: readonly number[] | undefined,
): Counts {
  const n = named(metric, values);
  const total = metric === 'personal-capabilities' ? 'workers' : 'organisations';
  const cells: Record<string, number> = { [total]: n[total]! };
  for (const stage of STAGE_ORDER) cells[`stages.${stage}`] = n[stage]!;
  Object.assign(cells, { up: n.up, same: n.same, down: n.down });
  return { cells, groups: [{ total, parts: stageKeys('stages') }] };
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

/** Privacy for one row: the rule of `suppress`, then the figures about the workers of a hidden count. */
function protect(counts: Counts): { values: Record<string, number | null>; suppressed: string[] } {
  const { values, suppressed } = suppress(counts.cells, counts.groups);
  const shown = { ...values };
  const hidden = new Set(suppressed);
  for (const [key, dependents] of Object.entries(counts.dependsOn ?? {})) {
    if (shown[key] !== null) continue;
    for (const dependent of dependents) {
      shown[dependent] = null;
      hidden.add(dependent);
    }
  }
  return { values: shown, suppressed: Object.keys(counts.cells).filter((k) => hidden.has(k)) };
}

/** `stages.engaged` → `stagesChange.engaged`; `aware` → `awareChange`. */
const changeKey = (key: string) => key.replace(/^([^.]+)/, '$1Change');

function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const [head, ...rest] = key.split('.');
    if (rest.length === 0) out[head!] = value;
    else ((out[head!] ??= {}) as Record<string, unknown>)[rest.join('.')] = value;
  }
  return out;
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
  const previous = new Map<string, Record<string, number | null>>();
  for (const year of [plan.years[0]! - 1, ...plan.years]) {
    for (const segment of plan.segments) {
      for (const item of items) {
        const counts = COUNTS[plan.trend]((metric, it) => sums(metric, year, segment, it ?? item), plan.sources, item);
        const { values, suppressed } = protect(counts);
        const before = previous.get(`${segment}\u0000${item}`);
        previous.set(`${segment}\u0000${item}`, values);
        if (year < plan.years[0]!) continue;
        const changes: Record<string, number | null> = {};
        const hiddenChanges: string[] = [];
        for (const key of Object.keys(counts.cells)) {
          const was = before?.[key];
          const now = values[key];
          changes[changeKey(key)] =
            now === null || was === null || was === undefined ? null : Math.round((now - was) * 10) / 10;
          if (now === null || was === null) hiddenChanges.push(changeKey(key));
        }
        rows.push({
          year,
          segment: plan.by ? { [plan.by]: segment === '' && plan.by === 'role' ? null : segment } : {},
          ...(item ? { capabilityId: item } : {}),
          ...nest(values),
          ...(DERIVED[plan.trend]?.(values) ?? {}),
          ...nest(changes),
          suppressed: [...suppressed, ...hiddenChanges],
        });
      }
    }
  }
  return rows;
}

function itemsOf(plan: RowPlan): readonly string[] {
  if (plan.trend !== 'organisational-capabilities' && plan.trend !== 'personal-capabilities') return [''];
  if (plan.capabilityId) return [plan.capabilityId];
  return (plan.trend === 'personal-capabilities' ? personalCapabilities : organisationalCapabilities).map((c) => c.id);
}

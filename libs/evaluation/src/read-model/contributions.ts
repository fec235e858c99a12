import { organisationalCapabilities, personalCapabilities } from '#libs/framework';
import { STAGE_ORDER, type OrganisationYear, type Segment, type WorkerYear } from './year-snapshots.js';

/**
 * The trend metrics and the counts each keeps per cell. A cell is one year, one segment (sector,
 * region, service type, size band, role) and one item (a capability, a feedback source, or none).
 */
export const METRIC_COLUMNS = {
  adoption: ['organisations', 'aware', 'using'],
  'organisational-capabilities': ['organisations', ...STAGE_ORDER, 'up', 'same', 'down'],
  'personal-capabilities': ['workers', ...STAGE_ORDER, 'up', 'same', 'down'],
  'learning-volume': ['workers', 'activities', 'hours', 'feedback'],
  'learning-feedback': ['items'],
  'role-fit': ['workers', 'meetingAll', 'notMeetingAll'],
  impact: ['usingWorkers', 'usingMovedUp', 'notUsingWorkers', 'notUsingMovedUp'],
} as const;
export type Metric = keyof typeof METRIC_COLUMNS;
/** The widest metric's column count: the cells table has this many value columns. */
export const VALUE_COLUMNS = Math.max(...Object.values(METRIC_COLUMNS).map((c) => c.length));

/**
 * Metrics whose items are kept side by side in one cell (`wide`: each item's columns in turn, in this
 * order) rather than a cell per item: every worker counts for all 17 personal capabilities at once, so
 * one cell instead of 17 (four fifths of the cells were these).
 */
export const PACKED_ITEMS: Partial<Record<Metric, readonly string[]>> = {
  'personal-capabilities': personalCapabilities.map((c) => c.id),
};

/** Metrics about workers, which can also be segmented by role. */
export const WORKER_METRICS: readonly Metric[] = [
  'personal-capabilities',
  'learning-volume',
  'learning-feedback',
  'role-fit',
  'impact',
];

export interface Contribution {
  readonly metric: Metric;
  readonly year: number;
  readonly organisationId: string;
  readonly segment: Segment;
  /** The worker's job role name there ('' none, and always '' for organisation metrics). */
  readonly role: string;
  /** '' for a packed metric (PACKED_ITEMS), whose values are every item's columns in turn. */
  readonly item: string;
  readonly values: readonly number[];
}

/** Movement from last year's rank to this year's as [up, same, down]. */
const movement = (before: number, after: number) => [
  after > before ? 1 : 0,
  after === before ? 1 : 0,
  after < before ? 1 : 0,
];
/** One count in the stage distribution: the column of the rank. */
const distribution = (rank: number) => STAGE_ORDER.map((_, i) => (i === rank + 1 ? 1 : 0));

const CAPABILITY_WIDTH = METRIC_COLUMNS['personal-capabilities'].length;

/**
 * Every personal capability's columns in turn (PACKED_ITEMS): a count, the stage distribution and the
 * movement since last year (none without one), as `distribution` and `movement` give them; written in
 * place, as a settle makes one for every worker and year.
 */
function capabilityColumns(stages: readonly number[], before: readonly number[] | null): number[] {
  const values = new Array<number>(personalCapabilities.length * CAPABILITY_WIDTH).fill(0);
  for (let c = 0; c < personalCapabilities.length; c++) {
    const at = c * CAPABILITY_WIDTH;
    const rank = stages[c]!;
    values[at] = 1;
    values[at + 1 + rank + 1] = 1;
    if (before) values[at + 1 + STAGE_ORDER.length + (rank > before[c]! ? 0 : rank === before[c]! ? 1 : 2)] = 1;
  }
  return values;
}

export function organisationContributions(
  organisationId: string,
  segment: Segment,
  years: readonly OrganisationYear[],
): Contribution[] {
  const out: Contribution[] = [];
  const at = (metric: Metric, year: number, item: string, values: number[]) =>
    out.push({ metric, year, organisationId, segment, role: '', item, values });
  years.forEach((y, i) => {
    at('adoption', y.year, '', [1, y.aware ? 1 : 0, y.using ? 1 : 0]);
    if (!y.stages) return;
    const before = i > 0 ? years[i - 1]!.stages : null;
    organisationalCapabilities.forEach((capability, c) => {
      const moved = before ? movement(before[c]!, y.stages![c]!) : [0, 0, 0];
      at('organisational-capabilities', y.year, capability.id, [1, ...distribution(y.stages![c]!), ...moved]);
    });
  });
  return out;
}

export function workerContributions(years: readonly WorkerYear[]): Contribution[] {
  const out: Contribution[] = [];
  years.forEach((y, i) => {
    const previous = i > 0 ? years[i - 1]! : null;
    for (const learning of y.learning) {
      const feedback = Object.values(learning.feedback).reduce((a, b) => a + b, 0);
      const where = {
        year: y.year,
        organisationId: learning.organisationId,
        segment: learning.segment,
        role: learning.role,
      };
      out.push({
        ...where,
        metric: 'learning-volume',
        item: '',
        values: [0, learning.activities, learning.hours, feedback],
      });
      for (const [source, items] of Object.entries(learning.feedback))
        out.push({ ...where, metric: 'learning-feedback', item: source, values: [items] });
    }
    if (y.member) {
      const where = {
        year: y.year,
        organisationId: y.member.organisationId,
        segment: y.member.segment,
        role: y.member.role,
      };
      out.push({ ...where, metric: 'learning-volume', item: '', values: [1, 0, 0, 0] });
      out.push({
        ...where,
        metric: 'personal-capabilities',
        item: '',
        values: capabilityColumns(y.stages, previous?.member ? previous.stages : null),
      });
      if (y.member.meetsRole !== null)
        out.push({
          ...where,
          metric: 'role-fit',
          item: '',
          values: [1, y.member.meetsRole ? 1 : 0, y.member.meetsRole ? 0 : 1],
        });
    }
    // Impact: the year's movement, by whether last year's organisation was using the CLF at last year's end.
    if (previous?.member && y.member) {
      const movedUp = y.stages.some((rank, c) => rank > previous.stages[c]!) ? 1 : 0;
      const { organisationId, segment, role, using } = previous.member;
      out.push({
        metric: 'impact',
        year: y.year,
        organisationId,
        segment,
        role,
        item: '',
        values: using ? [1, movedUp, 0, 0] : [0, 0, 1, movedUp],
      });
    }
  });
  return out;
}

import { z } from 'zod';
import { STAGE_ORDER } from '../../read-model/year-snapshots.js';

// What GET /api/trends/:trend answers as JSON (issue 14 §8): one row schema per trend, of the keys
// trend-rows.ts shapes. A count from 1 to 4 is null and named in `suppressed`, and so is a change next
// to a hidden count; trend-rows.test.ts parses every trend's rows with these, hidden counts included.

/** A count after privacy: null when hidden. */
const count = z.number().nullable();
/** This year's count minus last year's: null when either is hidden (or the year before has no row). */
const change = z.number().nullable();

const stages = z.object(Object.fromEntries(STAGE_ORDER.map((stage) => [stage, count])) as Record<string, typeof count>);

/** Each count of `counts` with its change: `aware` and `awareChange`. */
function withChanges<const K extends string>(counts: readonly K[]) {
  return Object.fromEntries(
    counts.flatMap((key) => [
      [key, count],
      [`${key}Change`, change],
    ]),
  ) as Record<K | `${K}Change`, typeof count>;
}

const rowBase = {
  year: z.number().int(),
  segment: z
    .object({
      sector: z.string().optional(),
      region: z.string().optional(),
      serviceType: z.string().optional(),
      sizeBand: z.string().optional(),
      role: z.string().nullable().optional().describe('null: workers without a job role'),
    })
    .describe("The row's value of the ?by= dimension; {} without by"),
  suppressed: z
    .array(z.string())
    .describe('The keys shown as null, nested ones dotted (stages.engaged, feedbackBySource.peer, awareChange)'),
};

function capabilityRow(total: 'organisations' | 'workers') {
  return z.object({
    ...rowBase,
    capabilityId: z.string(),
    ...withChanges([total, 'comparable', 'up', 'same', 'down']),
    stages: stages.describe(`The ${total} at each stage at the year end`),
    stagesChange: stages,
  });
}

const ratio = z.number().nullable().describe('From shown counts only: null when one is hidden or the divisor is 0');

export const trendRowResponses = {
  adoption: z.object({ ...rowBase, ...withChanges(['organisations', 'aware', 'using']) }),
  'organisational-capabilities': capabilityRow('organisations'),
  'personal-capabilities': capabilityRow('workers'),
  'learning-volume': z.object({
    ...rowBase,
    ...withChanges(['workers', 'activities', 'hours', 'feedback']),
    feedbackBySource: z.record(z.string(), count).optional().describe('Feedback items per source, when any'),
    feedbackBySourceChange: z.record(z.string(), change).optional(),
    activitiesPerWorker: ratio,
    hoursPerWorker: ratio,
  }),
  'role-fit': z.object({
    ...rowBase,
    ...withChanges(['workers', 'meetingAll', 'notMeetingAll']),
    shareMeetingAll: ratio,
  }),
  impact: z.object({
    ...rowBase,
    ...withChanges([
      'usingWorkers',
      'usingMovedUp',
      'usingNotMovedUp',
      'notUsingWorkers',
      'notUsingMovedUp',
      'notUsingNotMovedUp',
    ]),
    usingShareMovedUp: ratio,
    notUsingShareMovedUp: ratio,
    difference: ratio.describe('usingShareMovedUp - notUsingShareMovedUp'),
  }),
} as const;

/** The JSON answer of every trend: its rows are those of the trend asked for. */
export const trendResponse = z.object({
  rows: z
    .array(z.union(Object.values(trendRowResponses)))
    .describe('Per year, segment value (and capability, for the capability trends), oldest first'),
});

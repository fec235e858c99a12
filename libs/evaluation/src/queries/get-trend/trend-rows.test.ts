import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personalCapabilities } from '#libs/framework';
import { responseSchema } from '#libs/platform';
import type { Metric } from '../../read-model/contributions.js';
import { STAGE_ORDER } from '../../read-model/year-snapshots.js';
import { givenAway, sumOf, type Relation } from '../../privacy/testing/disclosure.js';
import { trendResponse } from './get-trend.response.js';
import { TRENDS } from './trend-params.js';
import { trendRows, type CellSums, type RowPlan, type TrendRow } from './trend-rows.js';

/**
 * Whole responses against what a reader can work out from them: every count of every year an unknown
 * when the response does not show it (the year before the first is never shown; changes give parts of
 * it away), tied by what the reader knows of the figures: totals and their parts, movement counting
 * only those present at both year ends (at most this year's and last year's total), adoption's
 * using ≤ aware ≤ organisations, and each shown change = this year's value minus last year's.
 */
const YEARS = [2023, 2024, 2025];
const ALL = [YEARS[0]! - 1, ...YEARS];
const CAPABILITY = personalCapabilities[0]!.id;

/** A split of `total` into `n` parts, small ones likely when the total is small. */
const split = (total: number, n: number) =>
  fc.array(fc.nat({ max: total }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), total];
    return points.slice(1).map((p, i) => p - points[i]!);
  });
const total = fc.oneof(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 40 }));

/** One year of a capability trend: [total, ...stages, up, same, down], movement over at most both years' totals. */
const capabilityYears = fc
  .array(total, { minLength: ALL.length, maxLength: ALL.length })
  .chain((totals) =>
    fc.tuple(
      ...totals.map((t, y) =>
        fc
          .tuple(split(t, STAGE_ORDER.length), fc.nat({ max: y === 0 ? 0 : Math.min(t, totals[y - 1]!) }))
          .chain(([stages, comparable]) => split(comparable, 3).map((moved) => [t, ...stages, ...moved])),
      ),
    ),
  );

const capabilityRelations = (total: string): Relation[] =>
  ALL.flatMap((y, i) => {
    const at = (key: string) => `${y}:${key}`;
    const moved = ['up', 'same', 'down'].map(at);
    const atMost = (limit: string): Relation => ({
      terms: Object.fromEntries([...moved.map((m) => [m, 1]), [limit, -1]]),
      op: '<=',
      rhs: 0,
    });
    return [
      sumOf(
        at(total),
        STAGE_ORDER.map((s) => at(`stages.${s}`)),
      ),
      sumOf(at('comparable'), moved),
      atMost(at(total)),
      ...(i > 0 ? [atMost(`${ALL[i - 1]}:${total}`)] : []),
    ];
  });

/** Flattens nested keys (`stages.engaged`) as the cells are named. */
function flat(row: TrendRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && key !== 'segment')
      for (const [inner, v] of Object.entries(value)) out[`${key}.${inner}`] = v;
    else out[key] = value;
  return out;
}
const changeKey = (key: string) => key.replace(/^([^.]+)/, '$1Change');

/** The hidden counts of `rows` a reader can pin down, given the figures' relations over `counts` (the count keys). */
function leaks(rows: readonly TrendRow[], counts: readonly string[], relations: readonly Relation[]): string[] {
  const shown: Record<string, number> = {};
  const unknown: Record<string, number> = {};
  const hidden: string[] = [];
  const changes: Relation[] = [];
  for (const key of counts) unknown[`${ALL[0]}:${key}`] = 0;
  for (const row of rows) {
    const cells = flat(row);
    for (const key of counts) {
      const cell = `${row.year}:${key}`;
      const value = cells[key];
      if (typeof value === 'number') shown[cell] = value;
      else {
        expect(value, `${cell} is null and named in suppressed`).toBeNull();
        expect(row.suppressed).toContain(key);
        unknown[cell] = 1;
        hidden.push(cell);
      }
      const change = cells[changeKey(key)];
      if (typeof change === 'number')
        changes.push({ terms: { [cell]: 1, [`${row.year - 1}:${key}`]: -1 }, op: '=', rhs: change });
    }
  }
  return givenAway(shown, unknown, [...relations, ...changes], hidden);
}

function respond(trend: RowPlan['trend'], vectors: readonly (readonly number[])[], capabilityId?: string) {
  const plan: RowPlan = { trend, years: YEARS, segments: [''], capabilityId, sources: [] };
  return trendRows(plan, (_metric: Metric, year) => vectors[ALL.indexOf(year)]);
}

const capabilityCounts = (total: string) => [
  total,
  ...STAGE_ORDER.map((s) => `stages.${s}`),
  'comparable',
  'up',
  'same',
  'down',
];

describe('trendRows privacy (whole responses)', () => {
  it('the demo leak: 10 workers, up 1, same 9, down 0: same is hidden with up, and neither can be worked out', () => {
    const year = [10, 0, 10, 0, 0, 0, 1, 9, 0];
    const rows = respond('personal-capabilities', [year, year, year, year], CAPABILITY);
    expect(rows[0]).toMatchObject({ workers: 10, comparable: 10, up: null, same: null, down: 0 });
    expect(leaks(rows, capabilityCounts('workers'), capabilityRelations('workers'))).toEqual([]);
  });

  it('the model finds the leak of the response before movement had its own total (only up + same + down ≤ workers)', () => {
    const before = { workers: 10, 'stages.engaged': 10, same: 9, down: 0 };
    const relations: Relation[] = [
      sumOf('workers', ['stages.engaged']),
      { terms: { up: 1, same: 1, down: 1, workers: -1 }, op: '<=', rhs: 0 },
    ];
    expect(givenAway(before, { up: 1 }, relations, ['up'])).toEqual(['up']);
  });

  it('property: personal capabilities: no hidden count can be worked out, across years and changes', () => {
    fc.assert(
      fc.property(capabilityYears, (vectors) => {
        const rows = respond('personal-capabilities', vectors, CAPABILITY);
        expect(leaks(rows, capabilityCounts('workers'), capabilityRelations('workers'))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('property: organisational capabilities likewise', () => {
    fc.assert(
      fc.property(capabilityYears, (vectors) => {
        const rows = respond('organisational-capabilities', vectors, 'oc.any');
        const counts = capabilityCounts('organisations');
        expect(leaks(rows, counts, capabilityRelations('organisations'))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('every capability of one year and segment hides the same total: 5 workers, one at each stage of one capability', () => {
    const rows = respond(
      'personal-capabilities',
      ALL.map(() => [5, 1, 1, 1, 1, 1, 0, 0, 0]),
    );
    const others = trendRows(
      { trend: 'personal-capabilities', years: [2023], segments: [''], sources: [] },
      (_m, _y, _s, item) => (item === CAPABILITY ? [5, 1, 1, 1, 1, 1, 0, 0, 0] : [5, 5, 0, 0, 0, 0, 0, 0, 0]),
    );
    expect(rows.every((r) => r.workers === null)).toBe(true);
    expect(others.map((r) => r.workers)).toEqual(personalCapabilities.map(() => null));
    expect(
      others
        .filter((r) => r.capabilityId !== CAPABILITY)
        .every((r) => (r.stages as object)['not-yet-engaged' as never] === null),
    ).toBe(true);
  });

  it('property: role fit: workers = meeting all + not', () => {
    const years = fc
      .array(total, { minLength: ALL.length, maxLength: ALL.length })
      .chain((totals) => fc.tuple(...totals.map((t) => split(t, 2).map((parts) => [t, ...parts]))));
    fc.assert(
      fc.property(years, (vectors) => {
        const rows = respond('role-fit', vectors);
        const relations = ALL.map((y) => sumOf(`${y}:workers`, [`${y}:meetingAll`, `${y}:notMeetingAll`]));
        expect(leaks(rows, ['workers', 'meetingAll', 'notMeetingAll'], relations)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('property: impact: no hidden count from the counts, and a share or difference only from shown counts', () => {
    const group = total.chain((t) => fc.nat({ max: t }).map((up) => [t, up]));
    const years = fc.array(fc.tuple(group, group), { minLength: ALL.length, maxLength: ALL.length });
    fc.assert(
      fc.property(years, (pairs) => {
        const rows = respond(
          'impact',
          pairs.map(([using, notUsing]) => [...using, ...notUsing]),
        );
        const relations = ALL.flatMap((y) =>
          ['using', 'notUsing'].map((g) => sumOf(`${y}:${g}Workers`, [`${y}:${g}MovedUp`, `${y}:${g}NotMovedUp`])),
        );
        const counts = ['using', 'notUsing'].flatMap((g) => [`${g}Workers`, `${g}MovedUp`, `${g}NotMovedUp`]);
        expect(leaks(rows, counts, relations)).toEqual([]);
        for (const row of rows) {
          for (const g of ['using', 'notUsing'])
            if (row[`${g}ShareMovedUp`] !== null) {
              expect(row[`${g}MovedUp`]).not.toBeNull();
              expect(row[`${g}Workers`]).not.toBeNull();
            }
          if (row.difference !== null) expect([row.usingShareMovedUp, row.notUsingShareMovedUp]).not.toContain(null);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('property: adoption: using ≤ aware ≤ organisations', () => {
    const years = fc.array(
      total.chain((o) => fc.nat({ max: o }).chain((a) => fc.nat({ max: a }).map((u) => [o, a, u]))),
      { minLength: ALL.length, maxLength: ALL.length },
    );
    fc.assert(
      fc.property(years, (vectors) => {
        const rows = respond('adoption', vectors);
        const relations: Relation[] = ALL.flatMap((y) => [
          { terms: { [`${y}:using`]: 1, [`${y}:aware`]: -1 }, op: '<=', rhs: 0 },
          { terms: { [`${y}:aware`]: 1, [`${y}:organisations`]: -1 }, op: '<=', rhs: 0 },
        ]);
        expect(leaks(rows, ['organisations', 'aware', 'using'], relations)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('trendRows and the documented response (issue 14 §8)', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(responseSchema(trendResponse));
  /** Figures that hide some counts (1 to 4) in 2024 and none in 2025; nothing in the year before. */
  const sums: CellSums = (_metric, year) =>
    year === 2024 ? [9, 3, 2, 4, 0, 0, 1, 5, 3] : year === 2025 ? [60, 20, 15, 10, 8, 7, 12, 30, 18] : undefined;

  it.each(TRENDS)('%s: every row, hidden counts and changes included, is what the schema says', (trend) => {
    for (const by of [undefined, 'region', 'role']) {
      const rows = trendRows(
        {
          trend,
          years: [2024, 2025],
          by,
          segments: by ? ['', 'Fife'] : [''],
          sources: trend === 'learning-volume' ? ['manager', 'peer'] : [],
        },
        sums,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(validate({ rows }) ? [] : validate.errors, `${trend} by ${by}`).toEqual([]);
      expect(rows.some((r) => (r.suppressed as string[]).length > 0)).toBe(true);
    }
  });

  it('a row with a key the schema does not name fails it', () => {
    const [row] = trendRows({ trend: 'role-fit', years: [2025], segments: [''], sources: [] }, sums);
    expect(validate({ rows: [row] })).toBe(true);
    expect(validate({ rows: [{ ...row, workersPerRole: 3 }] })).toBe(false);
  });
});

/** Counts from 1 to this minus one describe so few organisations or workers that they could name them. */
export const MIN_SHOWN_COUNT = 5;

/** `total` is the sum of `parts`, all of them shown in the same response (e.g. workers = the stage distribution). */
export interface SumGroup {
  readonly total: string;
  readonly parts: readonly string[];
}

export interface Suppression {
  /** Each cell's value, or null when it is suppressed. */
  readonly values: Readonly<Record<string, number | null>>;
  /** The suppressed cells, in the order of the input's keys. */
  readonly suppressed: readonly string[];
}

export const isSmallCount = (value: number) => value >= 1 && value < MIN_SHOWN_COUNT;

/**
 * The privacy rule of every trend response, pure:
 * 1. primary: a count from 1 to 4 is suppressed (zero is shown: it names nobody);
 * 2. secondary: in a sum group (a total and its parts) where exactly one cell is suppressed, the
 *    others would give it away by subtraction, so the smallest non-zero cell still shown is suppressed
 *    too (a part before the total when they tie). Repeated until no group has exactly one.
 * Nothing else is suppressed. Groups must not share cells: every response's groups are within one row
 * and disjoint, and for disjoint groups "no group with exactly one suppressed cell" is exactly "no
 * suppressed cell can be recovered by subtraction". A group always has a non-zero cell to hide: a
 * hidden part makes the total non-zero, a hidden total has a non-zero part.
 */
export function suppress(cells: Readonly<Record<string, number>>, groups: readonly SumGroup[] = []): Suppression {
  assertDisjoint(groups);
  const hidden = new Set(Object.keys(cells).filter((key) => isSmallCount(cells[key]!)));
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups) {
      const members = [...group.parts, group.total].filter((key) => key in cells);
      if (members.filter((key) => hidden.has(key)).length !== 1) continue;
      const next = smallestShown(members, cells, hidden);
      if (next === undefined) continue;
      hidden.add(next);
      changed = true;
    }
  }
  const values: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(cells)) values[key] = hidden.has(key) ? null : value;
  return { values, suppressed: Object.keys(cells).filter((key) => hidden.has(key)) };
}

/** Parts come before the total in `members`, and the sort is stable, so a part wins a tie. */
function smallestShown(
  members: readonly string[],
  cells: Readonly<Record<string, number>>,
  hidden: ReadonlySet<string>,
): string | undefined {
  return members.filter((key) => !hidden.has(key) && cells[key]! > 0).sort((a, b) => cells[a]! - cells[b]!)[0];
}

function assertDisjoint(groups: readonly SumGroup[]): void {
  const seen = new Set<string>();
  for (const key of groups.flatMap((g) => [g.total, ...g.parts])) {
    if (seen.has(key))
      throw new Error(`suppress: cell "${key}" is in two sum groups; the rule holds for disjoint groups only`);
    seen.add(key);
  }
}

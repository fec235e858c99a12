/** Counts from 1 to this minus one describe so few organisations or workers that they could name them. */
export const MIN_SHOWN_COUNT = 5;

/**
 * `total` is the sum of `parts`, all of them shown in the same response (e.g. workers = the stage
 * distribution). One total may be split several ways (workers = each capability's stage distribution),
 * so groups may share their total; a part belongs to one group and is never a total.
 */
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
 * 2. secondary: while a suppressed cell can be worked out from the rest, one more cell is suppressed:
 *    the smallest non-zero one still shown in the group that gives it away (a part before the total
 *    when they tie).
 * What a reader can work out: every group's sum, every shown value, and that a suppressed count is at
 * least 1 (zeros are shown). With groups that share only totals, a suppressed cell is then recoverable
 * exactly when (see `givenAway`):
 * - it is a total and one of its groups has no suppressed part (total = the sum of the shown parts);
 * - it is a part, its group's total is shown, and the group's suppressed parts are one (total minus the
 *   others) or all equal to 1 (their sum, known, equals their number: 10 = 8 + x + y gives x = y = 1).
 * Otherwise a suppressed total can grow with one suppressed part of each of its groups, and a
 * suppressed part of a group with a shown total and more suppressed parts than their sum can trade 1
 * with another, so nothing else is determined (the property test checks this with linear programming).
 */
export function suppress(cells: Readonly<Record<string, number>>, groups: readonly SumGroup[] = []): Suppression {
  assertTotalsOnlyShared(groups);
  const keys = Object.keys(cells);
  // Most cells of a national response are large: nothing to hide, nothing to work out.
  if (!keys.some((key) => isSmallCount(cells[key]!))) return { values: cells, suppressed: [] };
  const present = groups.map((g) => ({ total: g.total, parts: g.parts.filter((key) => key in cells) }));
  const hidden = new Set(Object.keys(cells).filter((key) => isSmallCount(cells[key]!)));
  for (let group = givenAway(present, cells, hidden); group; group = givenAway(present, cells, hidden)) {
    const next = smallestShown([...group.parts, group.total], cells, hidden);
    // A group that gives a cell away always has a non-zero cell still shown: a hidden part makes the
    // total non-zero, a hidden total has a non-zero part; and parts all 1 sum to the shown total.
    if (next === undefined) throw new Error(`suppress: nothing left to hide in the group of "${group.total}"`);
    hidden.add(next);
  }
  const values: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(cells)) values[key] = hidden.has(key) ? null : value;
  return { values, suppressed: Object.keys(cells).filter((key) => hidden.has(key)) };
}

/** The first group from which a suppressed cell can be worked out, if any. */
function givenAway(
  groups: readonly SumGroup[],
  cells: Readonly<Record<string, number>>,
  hidden: ReadonlySet<string>,
): SumGroup | undefined {
  return groups.find((group) => {
    if (!(group.total in cells)) return false;
    const hiddenParts = group.parts.filter((key) => hidden.has(key));
    if (hidden.has(group.total)) return hiddenParts.length === 0;
    const hiddenSum = hiddenParts.reduce((sum, key) => sum + cells[key]!, 0);
    return hiddenParts.length === 1 || (hiddenParts.length > 1 && hiddenSum === hiddenParts.length);
  });
}

/** Parts come before the total in `members`, and the sort is stable, so a part wins a tie. */
function smallestShown(
  members: readonly string[],
  cells: Readonly<Record<string, number>>,
  hidden: ReadonlySet<string>,
): string | undefined {
  return members.filter((key) => !hidden.has(key) && cells[key]! > 0).sort((a, b) => cells[a]! - cells[b]!)[0];
}

/** The rule above is exact for groups sharing totals only; a cell that is a part twice, or a part and a total, is refused. */
function assertTotalsOnlyShared(groups: readonly SumGroup[]): void {
  const totals = new Set(groups.map((g) => g.total));
  const parts = new Set<string>();
  for (const key of groups.flatMap((g) => g.parts)) {
    if (parts.has(key) || totals.has(key))
      throw new Error(
        `suppress: cell "${key}" is a part of two sum groups or also a total; groups may share totals only`,
      );
    parts.add(key);
  }
}

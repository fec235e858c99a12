import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSmallCount, suppress, type SumGroup } from './suppress.js';

/**
 * The model: a suppressed cell is recoverable when the equations of the groups (total = sum of parts),
 * with every shown value put in, determine it. Decided by linear algebra (is the cell's unit vector in
 * the row space of the equations over the hidden cells?), independently of how `suppress` decides.
 */
function recoverable(values: Record<string, number | null>, groups: readonly SumGroup[], cell: string): boolean {
  const hidden = Object.keys(values).filter((k) => values[k] === null);
  const rows = groups.map((g) => hidden.map((h) => (g.parts.includes(h) ? 1 : 0) - (g.total === h ? 1 : 0)));
  const unit = hidden.map((h) => (h === cell ? 1 : 0));
  return rank(rows) === rank([...rows, unit]);
}

function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  let rank = 0;
  const columns = m[0]?.length ?? 0;
  for (let c = 0; c < columns && rank < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= rank && Math.abs(row[c]!) > 1e-9);
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot]!, m[rank]!];
    for (let i = 0; i < m.length; i++) {
      if (i === rank) continue;
      const f = m[i]![c]! / m[rank]![c]!;
      for (let j = c; j < columns; j++) m[i]![j]! -= f * m[rank]![j]!;
    }
    rank++;
  }
  return rank;
}

/** Rows like the responses': some loose counts and disjoint groups whose total is the sum of its parts. */
const response = fc
  .record({
    loose: fc.array(fc.nat({ max: 30 }), { maxLength: 4 }),
    groups: fc.array(
      fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.nat({ max: 40 })), {
        minLength: 1,
        maxLength: 6,
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ loose, groups }) => {
    const cells: Record<string, number> = {};
    loose.forEach((v, i) => (cells[`loose${i}`] = v));
    const sumGroups: SumGroup[] = groups.map((parts, g) => {
      parts.forEach((v, i) => (cells[`g${g}.part${i}`] = v));
      cells[`g${g}.total`] = parts.reduce((a, b) => a + b, 0);
      return { total: `g${g}.total`, parts: parts.map((_, i) => `g${g}.part${i}`) };
    });
    return { cells, groups: sumGroups };
  });

describe('suppress', () => {
  it('hides every count from 1 to 4, shows zero and larger counts when nothing else requires it', () => {
    expect(suppress({ a: 0, b: 1, c: 4, d: 5, e: 120 })).toEqual({
      values: { a: 0, b: null, c: null, d: 5, e: 120 },
      suppressed: ['b', 'c'],
    });
  });

  it('hides a second cell of a group with exactly one hidden: the smallest non-zero one shown', () => {
    const { values, suppressed } = suppress({ total: 30, x: 3, y: 0, z: 12, w: 15 }, [
      { total: 'total', parts: ['x', 'y', 'z', 'w'] },
    ]);
    expect(values).toEqual({ total: 30, x: null, y: 0, z: null, w: 15 });
    expect(suppressed).toEqual(['x', 'z']);
  });

  it('hides a part when the total alone is small, and the other part when one part is', () => {
    expect(suppress({ total: 3, x: 0, y: 3 }, [{ total: 'total', parts: ['x', 'y'] }]).suppressed).toEqual([
      'total',
      'y',
    ]);
    expect(suppress({ total: 7, x: 2, y: 5 }, [{ total: 'total', parts: ['x', 'y'] }]).suppressed).toEqual(['x', 'y']);
  });

  it('property: no suppressed cell can be recovered by subtraction from the shown ones', () => {
    fc.assert(
      fc.property(response, ({ cells, groups }) => {
        const { values, suppressed } = suppress(cells, groups);
        for (const cell of suppressed) expect(recoverable(values, groups, cell), cell).toBe(false);
      }),
    );
  });

  it('property: every small count is hidden, no zero is, and a hidden cell is either small or the one secondary cell of a group that needed it', () => {
    fc.assert(
      fc.property(response, ({ cells, groups }) => {
        const { values, suppressed } = suppress(cells, groups);
        for (const [key, value] of Object.entries(cells)) {
          if (isSmallCount(value)) expect(values[key]).toBeNull();
          if (value === 0) expect(values[key]).toBe(0);
        }
        for (const group of groups) {
          const members = [group.total, ...group.parts];
          const primary = members.filter((k) => isSmallCount(cells[k]!)).length;
          const secondary = members.filter((k) => suppressed.includes(k) && !isSmallCount(cells[k]!)).length;
          // The rule adds at most one cell to a group, and only to one that had exactly one hidden.
          expect(secondary).toBe(primary === 1 ? 1 : 0);
        }
        const inGroups = new Set(groups.flatMap((g) => [g.total, ...g.parts]));
        for (const key of suppressed) if (!inGroups.has(key)) expect(isSmallCount(cells[key]!)).toBe(true);
      }),
    );
  });

  it('property: with no count from 1 to 4 nothing is suppressed', () => {
    fc.assert(
      fc.property(response, ({ cells, groups }) => {
        fc.pre(!Object.values(cells).some(isSmallCount));
        expect(suppress(cells, groups).suppressed).toEqual([]);
      }),
    );
  });

  it('refuses groups that share a cell (the rule is only sound for disjoint groups)', () => {
    expect(() =>
      suppress({ t: 9, a: 4, b: 5 }, [
        { total: 't', parts: ['a', 'b'] },
        { total: 'a', parts: ['b'] },
      ]),
    ).toThrow(/two sum groups/);
  });
});

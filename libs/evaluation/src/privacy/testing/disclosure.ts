/**
 * What a reader can work out from one response, decided independently of `suppress`: the cells a
 * response does not show are unknowns, bounded below (a suppressed count is at least 1, since zeros are
 * shown; a figure never shown at least 0), and tied by the relations the reader knows (a total is the
 * sum of its parts, movement counts only workers present at both year ends, a change is this year's
 * value minus last year's...). An unknown is given away when its least and greatest possible values
 * are equal: found by linear programming, per connected set of unknowns.
 */

/** Σ coefficient × cell, equal to or at most `rhs`. */
export interface Relation {
  readonly terms: Readonly<Record<string, number>>;
  readonly op: '=' | '<=';
  readonly rhs: number;
}

export const sumOf = (total: string, parts: readonly string[]): Relation => ({
  terms: Object.fromEntries([[total, -1], ...parts.map((p) => [p, 1])]),
  op: '=',
  rhs: 0,
});

/**
 * The unknown cells among `asked` whose value the reader can pin down. `shown` are the values the
 * response shows; `unknown` maps every other cell in the relations to its lower bound.
 */
export function givenAway(
  shown: Readonly<Record<string, number>>,
  unknown: Readonly<Record<string, number>>,
  relations: readonly Relation[],
  asked: readonly string[],
): string[] {
  const substituted = relations
    .map((r) => {
      let rhs = r.rhs;
      const terms: Record<string, number> = {};
      for (const [cell, coefficient] of Object.entries(r.terms)) {
        if (cell in shown) rhs -= coefficient * shown[cell]!;
        else if (cell in unknown) terms[cell] = (terms[cell] ?? 0) + coefficient;
        else throw new Error(`disclosure model: cell "${cell}" is neither shown nor unknown`);
      }
      return { terms, op: r.op, rhs };
    })
    .filter((r) => Object.keys(r.terms).length > 0);
  return asked.filter((cell) => {
    const component = connected(cell, substituted);
    const max = extreme(cell, component, unknown, 1);
    const minusMin = extreme(cell, component, unknown, -1);
    return max !== 'unbounded' && minusMin !== 'unbounded' && Math.abs(max + minusMin) < 1e-7;
  });
}

type Substituted = { terms: Record<string, number>; op: '=' | '<='; rhs: number };

/** The relations reachable from `cell` through shared unknowns. */
function connected(cell: string, relations: readonly Substituted[]): Substituted[] {
  const cells = new Set([cell]);
  const chosen = new Set<Substituted>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of relations) {
      if (chosen.has(r) || !Object.keys(r.terms).some((c) => cells.has(c))) continue;
      chosen.add(r);
      Object.keys(r.terms).forEach((c) => cells.add(c));
      grew = true;
    }
  }
  return [...chosen];
}

/** max of sign × cell over the relations (sign -1: minus its min), unknowns shifted to be ≥ 0. */
function extreme(
  cell: string,
  relations: readonly Substituted[],
  lower: Readonly<Record<string, number>>,
  sign: 1 | -1,
): number | 'unbounded' {
  const variables = [...new Set([cell, ...relations.flatMap((r) => Object.keys(r.terms))])];
  const slacks = relations.filter((r) => r.op === '<=');
  const width = variables.length + slacks.length;
  const A = relations.map((r) => {
    const row = new Array<number>(width).fill(0);
    variables.forEach((v, j) => (row[j] = r.terms[v] ?? 0));
    if (r.op === '<=') row[variables.length + slacks.indexOf(r)] = 1;
    return row;
  });
  const b = relations.map((r) => r.rhs - variables.reduce((sum, v) => sum + (r.terms[v] ?? 0) * lower[v]!, 0));
  const c = new Array<number>(width).fill(0);
  c[0] = sign;
  const best = maximise(A, b, c);
  return best === 'unbounded' ? best : best + sign * lower[cell]!;
}

const EPS = 1e-9;

/** max c·y subject to A y = b, y ≥ 0: the two-phase tableau simplex with Bland's rule (no cycling). */
function maximise(A: number[][], b: number[], c: number[]): number | 'unbounded' {
  const m = A.length;
  const n = c.length;
  const width = n + m;
  const T = A.map((row, i) => {
    const s = b[i]! < 0 ? -1 : 1;
    return [...row.map((v) => v * s), ...Array.from({ length: m }, (_, k) => (k === i ? 1 : 0)), b[i]! * s];
  });
  const basis = Array.from({ length: m }, (_, i) => n + i);
  const pivot = (row: number, column: number) => {
    const p = T[row]![column]!;
    T[row] = T[row]!.map((v) => v / p);
    for (let i = 0; i < m; i++) {
      const f = T[i]![column]!;
      if (i === row || Math.abs(f) < EPS) continue;
      T[i] = T[i]!.map((v, j) => v - f * T[row]![j]!);
    }
    basis[row] = column;
  };
  const run = (cost: readonly number[], allowed: (j: number) => boolean): 'optimal' | 'unbounded' => {
    for (;;) {
      const entering = [...Array(width).keys()].find((j) => {
        if (!allowed(j) || basis.includes(j)) return false;
        let reduced = cost[j]!;
        for (let i = 0; i < m; i++) reduced -= cost[basis[i]!]! * T[i]![j]!;
        return reduced > EPS;
      });
      if (entering === undefined) return 'optimal';
      let leave = -1;
      for (let i = 0; i < m; i++) {
        if (T[i]![entering]! <= EPS) continue;
        const ratio = T[i]![width]! / T[i]![entering]!;
        const best = leave < 0 ? Infinity : T[leave]![width]! / T[leave]![entering]!;
        if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[i]! < basis[leave]!)) leave = i;
      }
      if (leave < 0) return 'unbounded';
      pivot(leave, entering);
    }
  };
  const value = (cost: readonly number[]) => basis.reduce((sum, j, i) => sum + cost[j]! * T[i]![width]!, 0);
  const phase1 = Array.from({ length: width }, (_, j) => (j >= n ? -1 : 0));
  run(phase1, () => true);
  if (value(phase1) < -1e-7) throw new Error('disclosure model: the true values do not satisfy the relations');
  for (let i = 0; i < m; i++) {
    if (basis[i]! < n) continue;
    const j = T[i]!.findIndex((v, k) => k < n && Math.abs(v) > EPS && !basis.includes(k));
    if (j >= 0) pivot(i, j);
  }
  const phase2 = [...c, ...new Array<number>(m).fill(0)];
  return run(phase2, (j) => j < n) === 'unbounded' ? 'unbounded' : value(phase2);
}

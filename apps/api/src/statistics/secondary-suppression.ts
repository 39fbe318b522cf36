// Secondary suppression (docs/statistics.md §14): which further counts a manager must not see so
// that no withheld count can be worked out from the ones shown. Pure: numbers in, forms out.

/**
 * How one count is published to a caller who may not see case-level data: as it is, as "<5" (the
 * primary rule: it is 1–4), or withheld to protect a "<5" (the secondary rule: it is 5 or more).
 */
export type Form = 'shown' | 'primary' | 'secondary';

/** `total` is the sum of `parts` (indexes of counts). */
export interface SumRelation {
  readonly total: number;
  readonly parts: readonly number[];
}

/** The count `lower` is never larger than the count `upper` (indexes of counts). */
export interface OrderRelation {
  readonly lower: number;
  readonly upper: number;
}

/** What a reader of the whole report knows about how its counts hang together. */
export interface Relations {
  readonly sums: readonly SumRelation[];
  readonly orders: readonly OrderRelation[];
}

export const isSmall = (n: number): boolean => n >= 1 && n <= 4;

/**
 * The primary rule (every 1–4 is "<5"), then the secondary rule until stable: while a withheld count
 * can be worked out — exactly from the sums (any combination of them, not only one at a time), or
 * pinned to one value by the ranges the forms give away ("<5" is 1–4; a count withheld by the
 * secondary rule is 5 or more, since 0 is shown and 1–4 is "<5") — withhold the smallest non-zero
 * count shown in a relation it is part of (or, when those have none, the nearest one further out).
 * Zeros stay shown: they are public, and hiding them would protect nothing.
 *
 * What is left exposed is only what the forms themselves give away (four insatser with "<5" each
 * and a "<5" total: each is 1 and the total 4), which no further suppression can change.
 */
export function suppress(values: readonly number[], relations: Relations): Form[] {
  for (const n of values) {
    if (!Number.isInteger(n) || n < 0) throw new Error('small numbers: a count must be a whole number ≥ 0');
  }
  const forms: Form[] = values.map((n) => (isSmall(n) ? 'primary' : 'shown'));
  const graph = linkGraph(values.length, relations);
  for (;;) {
    const picked = new Set<number>();
    const pickedGroups = new Set<number>();
    for (const cell of exposed(values, forms, relations)) {
      // One pick per neighbourhood and round: a pick next to this cell may already free it.
      if (graph.groupsOf[cell].some((g) => pickedGroups.has(g))) continue;
      const pick = nearestShown(cell, values, forms, graph);
      if (pick === undefined) continue;
      picked.add(pick);
      for (const g of graph.groupsOf[pick]) pickedGroups.add(g);
    }
    if (picked.size === 0) return forms;
    for (const cell of picked) forms[cell] = 'secondary';
  }
}

/** The withheld counts (either form) a reader can work out exactly from what is shown. */
export function exposed(values: readonly number[], forms: readonly Form[], relations: Relations): number[] {
  const hidden = forms.map((f) => f !== 'shown');
  const determined = linearlyDetermined(values.length, hidden, relations.sums);
  const { lo, hi } = bounds(values, forms, relations);
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (hidden[i] && (determined[i] || lo[i] === hi[i])) out.push(i);
  }
  return out;
}

interface Graph {
  /** Every relation as the list of its counts. */
  groups: number[][];
  /** For every count, the relations it is part of. */
  groupsOf: number[][];
}

function linkGraph(size: number, relations: Relations): Graph {
  const groups = [
    ...relations.sums.map((s) => [s.total, ...s.parts]),
    ...relations.orders.map((o) => [o.lower, o.upper]),
  ];
  const groupsOf: number[][] = Array.from({ length: size }, () => []);
  groups.forEach((cells, g) => {
    for (const c of new Set(cells)) groupsOf[c].push(g);
  });
  return { groups, groupsOf };
}

/**
 * The smallest non-zero shown count in the relations of `cell`; when there is none, in the relations
 * of the withheld counts those reach, and so on outward. Ties go to the count declared first.
 */
function nearestShown(
  cell: number,
  values: readonly number[],
  forms: readonly Form[],
  graph: Graph,
): number | undefined {
  const seenCells = new Set([cell]);
  const seenGroups = new Set<number>();
  let frontier = [cell];
  while (frontier.length > 0) {
    let best: number | undefined;
    const next: number[] = [];
    for (const c of frontier) {
      for (const g of graph.groupsOf[c]) {
        if (seenGroups.has(g)) continue;
        seenGroups.add(g);
        for (const other of graph.groups[g]) {
          if (forms[other] === 'shown') {
            if (
              values[other] > 0 &&
              (best === undefined ||
                values[other] < values[best] ||
                (values[other] === values[best] && other < best))
            )
              best = other;
          } else if (!seenCells.has(other)) {
            seenCells.add(other);
            next.push(other);
          }
        }
      }
    }
    if (best !== undefined) return best;
    frontier = next;
  }
  return undefined;
}

const EPSILON = 1e-9;

/**
 * For every withheld count: whether the sums fix its value whatever the other withheld counts are —
 * whether its unit vector lies in the row space of the sums restricted to the withheld counts.
 * Gauss–Jordan elimination per connected group of withheld counts; the coefficients start as 0 and
 * ±1, so floating point with a tolerance is exact enough.
 */
function linearlyDetermined(
  size: number,
  hidden: readonly boolean[],
  sums: readonly SumRelation[],
): boolean[] {
  const determined = new Array<boolean>(size).fill(false);
  // Each sum as coefficients on its withheld counts (total +1, parts −1); the shown ones are known.
  const rows: Map<number, number>[] = [];
  for (const s of sums) {
    const row = new Map<number, number>();
    const add = (c: number, k: number) => {
      if (hidden[c]) row.set(c, (row.get(c) ?? 0) + k);
    };
    add(s.total, 1);
    for (const p of s.parts) add(p, -1);
    for (const [c, k] of row) if (k === 0) row.delete(c);
    if (row.size > 0) rows.push(row);
  }
  // Connected groups of withheld counts (union–find over the sums that link them).
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const row of rows) {
    const [first, ...rest] = [...row.keys()];
    for (const c of rest) parent[find(c)] = find(first);
  }
  const byGroup = new Map<number, Map<number, number>[]>();
  for (const row of rows) {
    const root = find(row.keys().next().value as number);
    const list = byGroup.get(root);
    if (list) list.push(row);
    else byGroup.set(root, [row]);
  }
  for (const groupRows of byGroup.values()) {
    const cols = [...new Set(groupRows.flatMap((r) => [...r.keys()]))];
    const colOf = new Map(cols.map((c, j) => [c, j]));
    const n = cols.length;
    const m = groupRows.length;
    const a = new Float64Array(m * n);
    groupRows.forEach((r, i) => {
      for (const [c, k] of r) a[i * n + colOf.get(c)!] = k;
    });
    const pivotRowOfCol = new Int32Array(n).fill(-1);
    let rank = 0;
    for (let j = 0; j < n && rank < m; j++) {
      let best = rank;
      for (let i = rank + 1; i < m; i++) if (Math.abs(a[i * n + j]) > Math.abs(a[best * n + j])) best = i;
      if (Math.abs(a[best * n + j]) < EPSILON) continue;
      if (best !== rank) {
        for (let k = 0; k < n; k++) {
          const t = a[rank * n + k];
          a[rank * n + k] = a[best * n + k];
          a[best * n + k] = t;
        }
      }
      const pivot = a[rank * n + j];
      for (let k = 0; k < n; k++) a[rank * n + k] /= pivot;
      for (let i = 0; i < m; i++) {
        const f = a[i * n + j];
        if (i === rank || Math.abs(f) < EPSILON) continue;
        for (let k = 0; k < n; k++) a[i * n + k] -= f * a[rank * n + k];
      }
      pivotRowOfCol[j] = rank;
      rank++;
    }
    // A pivot whose row has nothing left in the free columns is fixed by the sums.
    for (let j = 0; j < n; j++) {
      const r = pivotRowOfCol[j];
      if (r < 0) continue;
      let alone = true;
      for (let k = 0; k < n && alone; k++) {
        if (k !== j && pivotRowOfCol[k] < 0 && Math.abs(a[r * n + k]) > EPSILON) alone = false;
      }
      if (alone) determined[cols[j]] = true;
    }
  }
  return determined;
}

/**
 * The range of every count as a reader can narrow it: a shown count is itself, "<5" is 1–4, a count
 * withheld by the secondary rule is 5 or more; then every sum and order tightens the ranges of its
 * counts until nothing changes. Sound (the true value always stays inside), not complete.
 */
export function bounds(
  values: readonly number[],
  forms: readonly Form[],
  relations: Relations,
): { lo: number[]; hi: number[] } {
  const lo = forms.map((f, i) => (f === 'shown' ? values[i] : f === 'primary' ? 1 : 5));
  const hi = forms.map((f, i) => (f === 'shown' ? values[i] : f === 'primary' ? 4 : Infinity));
  type Constraint = { sum: SumRelation } | { order: OrderRelation };
  const constraints: Constraint[] = [
    ...relations.sums.map((sum) => ({ sum })),
    ...relations.orders.map((order) => ({ order })),
  ];
  const constraintsOf: number[][] = Array.from({ length: values.length }, () => []);
  constraints.forEach((c, k) => {
    const cells = 'sum' in c ? [c.sum.total, ...c.sum.parts] : [c.order.lower, c.order.upper];
    for (const cell of new Set(cells)) constraintsOf[cell].push(k);
  });
  const queued = new Array<boolean>(constraints.length).fill(true);
  const queue = constraints.map((_, k) => k);
  const raiseLo = (cell: number, v: number) => {
    if (v > lo[cell]) {
      lo[cell] = v;
      touched(cell);
    }
  };
  const lowerHi = (cell: number, v: number) => {
    if (v < hi[cell]) {
      hi[cell] = v;
      touched(cell);
    }
  };
  const touched = (cell: number) => {
    if (lo[cell] > hi[cell]) throw new Error('small numbers: a relation does not hold for these figures');
    for (const k of constraintsOf[cell]) {
      if (!queued[k]) {
        queued[k] = true;
        queue.push(k);
      }
    }
  };
  // Each step narrows a range by at least one; the cap only guards against a mistake in the relations.
  let budget = 1_000_000 + 100 * constraints.length;
  for (let head = 0; head < queue.length && budget-- > 0; head++) {
    const k = queue[head];
    queued[k] = false;
    const c = constraints[k];
    if ('order' in c) {
      lowerHi(c.order.lower, hi[c.order.upper]);
      raiseLo(c.order.upper, lo[c.order.lower]);
      continue;
    }
    const { total, parts } = c.sum;
    const partLo = parts.map((p) => lo[p]);
    const partHi = parts.map((p) => hi[p]);
    const sumLo = partLo.reduce((a, b) => a + b, 0);
    const infinite = partHi.filter((h) => h === Infinity).length;
    const sumHiFinite = partHi.reduce((a, b) => (b === Infinity ? a : a + b), 0);
    raiseLo(total, sumLo);
    if (infinite === 0) lowerHi(total, sumHiFinite);
    parts.forEach((p, j) => {
      // The others at their largest leave this part at least total − that; at their smallest, at most.
      const othersInfinite = infinite - (partHi[j] === Infinity ? 1 : 0);
      const othersHi = partHi[j] === Infinity ? sumHiFinite : sumHiFinite - partHi[j];
      if (othersInfinite === 0) raiseLo(p, lo[total] - othersHi);
      if (hi[total] !== Infinity) lowerHi(p, hi[total] - (sumLo - partLo[j]));
    });
  }
  return { lo, hi };
}

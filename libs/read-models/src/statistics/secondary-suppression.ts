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
 * count shown in the relations that give it away (or, when those have none, the nearest one
 * further out). Zeros stay shown: they are public, and hiding them would protect nothing.
 *
 * Left alone is only what the forms themselves give away whatever else is withheld (four insatser
 * with "<5" each and a "<5" total: each is 1 and the total 4), which no suppression can change.
 */
export function suppress(values: readonly number[], relations: Relations): Form[] {
  for (const n of values) {
    if (!Number.isInteger(n) || n < 0) throw new Error('small numbers: a count must be a whole number ≥ 0');
  }
  const forms: Form[] = values.map((n) => (isSmall(n) ? 'primary' : 'shown'));
  const graph = linkGraph(values.length, relations);
  const everythingWithheld = values.map((n): Form =>
    n === 0 ? 'shown' : isSmall(n) ? 'primary' : 'secondary',
  );
  // Only ranges can give a count away then: a sum fixing one would make it the sum of shown zeros.
  const { lo, hi } = narrowedRanges(values, everythingWithheld, relations);
  const inherent = new Set(values.flatMap((n, c) => (n > 0 && lo[c] === hi[c] ? [c] : [])));
  for (;;) {
    withholdLoneCounts(values, forms, relations.sums);
    const picked = new Set<number>();
    const pickedGroups = new Set<number>();
    for (const e of exposures(values, forms, relations, graph)) {
      if (inherent.has(e.cell)) continue;
      // One pick per neighbourhood and round: a pick next to this count may already free it.
      if (graph.groupsOf[e.cell].some((g) => pickedGroups.has(g))) continue;
      // The relations that last narrowed a range explain it only in part: failing them, look
      // through every relation around the count.
      const pick =
        nearestShown(e, values, forms, graph) ??
        nearestShown(
          { ...e, via: graph.groupsOf[e.cell], further: (c) => graph.groupsOf[c] },
          values,
          forms,
          graph,
        );
      if (pick === undefined) continue;
      picked.add(pick);
      for (const g of graph.groupsOf[pick]) pickedGroups.add(g);
    }
    if (picked.size === 0) return forms;
    for (const cell of picked) forms[cell] = 'secondary';
  }
}

/**
 * The cheap part of the rule, to a fixpoint before every full check: a sum with exactly one withheld
 * count gives it back by subtraction, so its smallest non-zero shown count is withheld too.
 */
function withholdLoneCounts(values: readonly number[], forms: Form[], sums: readonly SumRelation[]): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const s of sums) {
      const cells = [s.total, ...s.parts];
      if (cells.filter((c) => forms[c] !== 'shown').length !== 1) continue;
      let pick: number | undefined;
      for (const c of cells) {
        if (forms[c] === 'shown' && values[c] > 0 && (pick === undefined || values[c] < values[pick]))
          pick = c;
      }
      // A withheld count is never 0, so its sum always has a shown count that is not 0 either.
      if (pick !== undefined) {
        forms[pick] = 'secondary';
        changed = true;
      }
    }
  }
}

/**
 * A withheld count a reader can work out, with how to look for what to withhold next: from the
 * relations that gave it away (`via`), then from `further(c)` for the withheld counts they hold.
 */
interface Exposure {
  cell: number;
  via: number[];
  further: (cell: number) => number[];
}

/** The withheld counts (either form) a reader can work out exactly from what is shown. */
function exposures(
  values: readonly number[],
  forms: readonly Form[],
  relations: Relations,
  graph: Graph,
): Exposure[] {
  const hidden = forms.map((f) => f !== 'shown');
  const determined = linearlyDetermined(values.length, hidden, relations.sums);
  const ranges = narrowedRanges(values, forms, relations);
  const { lo, hi } = ranges;
  const byRange = (c: number) => ranges.narrowedBy(c);
  const byAnySum = (c: number) => graph.groupsOf[c];
  const out: Exposure[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!hidden[i]) continue;
    if (determined[i]) out.push({ cell: i, via: graph.groupsOf[i], further: byAnySum });
    else if (lo[i] === hi[i]) out.push({ cell: i, via: ranges.narrowedBy(i), further: byRange });
  }
  return out;
}

/** Relations by index: the sums first, then the orders (the same order as in Ranges). */
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
 * The smallest non-zero shown count in the relations that gave the count away; when they have none,
 * in the relations that gave away the withheld counts they hold, and so on outward. Ties go to the
 * count declared first.
 */
function nearestShown(
  e: Exposure,
  values: readonly number[],
  forms: readonly Form[],
  graph: Graph,
): number | undefined {
  const seenCells = new Set([e.cell]);
  const seenGroups = new Set<number>();
  let groups = e.via;
  while (groups.length > 0) {
    let best: number | undefined;
    const next: number[] = [];
    for (const g of groups) {
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
          next.push(...e.further(other));
        }
      }
    }
    if (best !== undefined) return best;
    groups = next;
  }
  return undefined;
}

const EPSILON = 1e-9;

/**
 * For every withheld count: whether the sums fix its value whatever the other withheld counts are —
 * whether its unit vector lies in the row space of the sums restricted to the withheld counts.
 * Sparse Gauss–Jordan elimination, one sum at a time, keeping the rows reduced; a count is fixed
 * when the row it is the pivot of has nothing else left. The coefficients start as 0 and ±1, so
 * floating point with a tolerance is exact enough.
 */
function linearlyDetermined(
  size: number,
  hidden: readonly boolean[],
  sums: readonly SumRelation[],
): boolean[] {
  type Row = Map<number, number>;
  const basis = new Map<number, Row>(); // pivot count → its row (coefficient 1 on the pivot)
  const rowsWith = new Map<number, Set<number>>(); // non-pivot count → pivots whose rows hold it
  const note = (pivot: number, c: number) => {
    let set = rowsWith.get(c);
    if (!set) rowsWith.set(c, (set = new Set()));
    set.add(pivot);
  };
  const axpy = (target: Row, factor: number, source: Row, pivot: number | undefined) => {
    for (const [c, k] of source) {
      const v = (target.get(c) ?? 0) - factor * k;
      if (Math.abs(v) < EPSILON) {
        target.delete(c);
        if (pivot !== undefined) rowsWith.get(c)?.delete(pivot);
      } else {
        target.set(c, v);
        if (pivot !== undefined && c !== pivot) note(pivot, c);
      }
    }
  };
  for (const s of sums) {
    // The sum on its withheld counts (total +1, parts −1); the shown ones are known.
    const row: Row = new Map();
    const add = (c: number, k: number) => {
      if (hidden[c]) row.set(c, (row.get(c) ?? 0) + k);
    };
    add(s.total, 1);
    for (const p of s.parts) add(p, -1);
    for (const [c, k] of row) if (k === 0) row.delete(c);
    // Take out every pivot it holds: what is left are counts no earlier sum fixed.
    for (const c of [...row.keys()]) {
      const b = basis.get(c);
      const k = row.get(c);
      if (b && k !== undefined) axpy(row, k, b, undefined);
    }
    if (row.size === 0) continue;
    let pivot = -1;
    for (const [c, k] of row) if (pivot < 0 || Math.abs(k) > Math.abs(row.get(pivot)!)) pivot = c;
    const scale = row.get(pivot)!;
    for (const [c, k] of row) row.set(c, k / scale);
    // Take the new pivot out of the earlier rows, so every row keeps only its pivot and free counts.
    for (const other of [...(rowsWith.get(pivot) ?? [])]) {
      const r = basis.get(other)!;
      const k = r.get(pivot);
      if (k !== undefined) axpy(r, k, row, other);
    }
    rowsWith.delete(pivot);
    basis.set(pivot, row);
    for (const c of row.keys()) if (c !== pivot) note(pivot, c);
  }
  const determined = new Array<boolean>(size).fill(false);
  for (const [pivot, row] of basis) if (row.size === 1) determined[pivot] = true;
  return determined;
}

/**
 * The range of every count as a reader can narrow it: a shown count is itself, "<5" is 1–4, a count
 * withheld by the secondary rule is 5 or more; then every sum and order tightens the ranges of its
 * counts until nothing changes. Then every value of every "<5" is tried in turn: a value that
 * leaves some range empty is ruled out, and what is left narrows the rest again, until stable.
 * Sound (the true value always stays inside), not complete: a reader solving the whole table as an
 * integer programme could sometimes narrow further.
 */
function narrowedRanges(values: readonly number[], forms: readonly Form[], relations: Relations): Ranges {
  const ranges = new Ranges(values, forms, relations);
  for (let changed = true; changed;) {
    changed = false;
    for (let c = 0; c < values.length; c++) {
      if (forms[c] !== 'primary' || ranges.lo[c] === ranges.hi[c]) continue;
      // The true value is always possible: the smallest and largest possible lie between it and the ends.
      let lo = ranges.lo[c];
      while (lo < values[c] && !ranges.allows(c, lo)) lo++;
      let hi = ranges.hi[c];
      while (hi > values[c] && !ranges.allows(c, hi)) hi--;
      if (lo > ranges.lo[c] || hi < ranges.hi[c]) {
        ranges.restrict(c, lo, hi);
        changed = true;
      }
    }
  }
  return ranges;
}

type Constraint = { sum: SumRelation } | { order: OrderRelation };

/** The ranges of the counts of one report, narrowed by its relations (see narrowedRanges). */
class Ranges {
  readonly lo: number[];
  readonly hi: number[];
  // The relations (by index) that last narrowed each count from below and from above; -1: none.
  private readonly loBy: number[];
  private readonly hiBy: number[];
  private readonly constraints: Constraint[];
  private readonly constraintsOf: number[][];
  private readonly queued: Uint8Array;

  constructor(values: readonly number[], forms: readonly Form[], relations: Relations) {
    this.lo = forms.map((f, i) => (f === 'shown' ? values[i] : f === 'primary' ? 1 : 5));
    this.hi = forms.map((f, i) => (f === 'shown' ? values[i] : f === 'primary' ? 4 : Infinity));
    this.loBy = new Array<number>(values.length).fill(-1);
    this.hiBy = new Array<number>(values.length).fill(-1);
    this.constraints = [
      ...relations.sums.map((sum) => ({ sum })),
      ...relations.orders.map((order) => ({ order })),
    ];
    this.constraintsOf = Array.from({ length: values.length }, () => []);
    this.constraints.forEach((c, k) => {
      const cells = 'sum' in c ? [c.sum.total, ...c.sum.parts] : [c.order.lower, c.order.upper];
      for (const cell of new Set(cells)) this.constraintsOf[cell].push(k);
    });
    this.queued = new Uint8Array(this.constraints.length);
    const all = this.constraints.map((_, k) => k);
    if (!this.narrow(all, true)) throw new Error('small numbers: a relation does not hold for these figures');
  }

  /** Whether `cell` can be `v` as far as narrowing tells: a no is certain, a yes is not. */
  allows(cell: number, v: number): boolean {
    const trail: number[] = [];
    trail.push(cell, this.lo[cell], this.hi[cell]);
    this.lo[cell] = this.hi[cell] = v;
    const ok = this.narrow(this.constraintsOf[cell], false, trail);
    // Undo, last change first.
    for (let i = trail.length - 3; i >= 0; i -= 3) {
      this.lo[trail[i]] = trail[i + 1];
      this.hi[trail[i]] = trail[i + 2];
    }
    return ok;
  }

  /** Narrows the range of `cell` (what trying its values found) and all that follows from it. */
  restrict(cell: number, lo: number, hi: number): void {
    this.lo[cell] = lo;
    this.hi[cell] = hi;
    this.loBy[cell] = this.hiBy[cell] = -1;
    if (!this.narrow(this.constraintsOf[cell], true))
      throw new Error('small numbers: a relation does not hold for these figures');
  }

  /** The relations that narrowed the range of `cell` last (none when trying values did). */
  narrowedBy(cell: number): number[] {
    return [...new Set([this.loBy[cell], this.hiBy[cell]])].filter((k) => k >= 0);
  }

  // Narrows the ranges from the relations in `start` until nothing changes; false when one is
  // empty. With a trail, every range changed is noted first (count, lo, hi), to be undone.
  private narrow(start: readonly number[], record: boolean, trail?: number[]): boolean {
    const { lo, hi, queued } = this;
    const queue = [...start];
    for (const k of start) queued[k] = 1;
    let current = -1;
    let empty = false;
    const touched = (cell: number) => {
      if (lo[cell] > hi[cell]) empty = true;
      for (const k of this.constraintsOf[cell]) {
        if (!queued[k]) {
          queued[k] = 1;
          queue.push(k);
        }
      }
    };
    const raiseLo = (cell: number, v: number) => {
      if (v > lo[cell]) {
        trail?.push(cell, lo[cell], hi[cell]);
        lo[cell] = v;
        if (record) this.loBy[cell] = current;
        touched(cell);
      }
    };
    const lowerHi = (cell: number, v: number) => {
      if (v < hi[cell]) {
        trail?.push(cell, lo[cell], hi[cell]);
        hi[cell] = v;
        if (record) this.hiBy[cell] = current;
        touched(cell);
      }
    };
    // Each step narrows a range by at least one; the cap only guards against a mistake in the relations.
    let budget = 1_000_000 + 100 * this.constraints.length;
    let head = 0;
    for (; head < queue.length && !empty && budget-- > 0; head++) {
      const k = queue[head];
      queued[k] = 0;
      current = k;
      const c = this.constraints[k];
      if ('order' in c) {
        lowerHi(c.order.lower, hi[c.order.upper]);
        raiseLo(c.order.upper, lo[c.order.lower]);
        continue;
      }
      const { total, parts } = c.sum;
      let sumLo = 0;
      let sumHiFinite = 0;
      let infinite = 0;
      for (const p of parts) {
        sumLo += lo[p];
        if (hi[p] === Infinity) infinite++;
        else sumHiFinite += hi[p];
      }
      raiseLo(total, sumLo);
      if (infinite === 0) lowerHi(total, sumHiFinite);
      const totalLo = lo[total];
      const totalHi = hi[total];
      for (const p of parts) {
        // The others at their largest leave this part at least total − that; at their smallest, at most.
        // (Sums taken before this part moved: a stale bound is only looser, and the sum comes round again.)
        const pHi = hi[p];
        const pLo = lo[p];
        const othersInfinite = infinite - (pHi === Infinity ? 1 : 0);
        const othersHi = pHi === Infinity ? sumHiFinite : sumHiFinite - pHi;
        if (othersInfinite === 0) raiseLo(p, totalLo - othersHi);
        if (totalHi !== Infinity) lowerHi(p, totalHi - (sumLo - pLo));
      }
    }
    for (; head < queue.length; head++) queued[queue[head]] = 0;
    return !empty;
  }
}

// What a reader can work out about withheld counts from the ones shown (docs/statistics.md §14).
import { type Form, type OrderRelation, type Relations, type SumRelation } from './suppression-relations';

const EPSILON = 1e-9;

/**
 * For every withheld count: whether the sums fix its value whatever the other withheld counts are —
 * whether its unit vector lies in the row space of the sums restricted to the withheld counts.
 * Sparse Gauss–Jordan elimination, one sum at a time, keeping the rows reduced; a count is fixed
 * when the row it is the pivot of has nothing else left. The coefficients start as 0 and ±1, so
 * floating point with a tolerance is exact enough.
 */
export function linearlyDetermined(
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
export function narrowedRanges(
  values: readonly number[],
  forms: readonly Form[],
  relations: Relations,
): Ranges {
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

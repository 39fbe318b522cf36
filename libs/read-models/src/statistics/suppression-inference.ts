// What a reader can work out about withheld counts from the ones shown (docs/statistics.md §14).
import { type Form, type Relations, type SumRelation } from './suppression-relations';

const EPSILON = 1e-9;

/**
 * Which withheld counts the sums fix, kept up to date while more counts are withheld one at a time
 * (the secondary rule only ever withholds more). The sums restricted to the withheld counts are a
 * matrix with a column per withheld count. A withheld count is fixed unless some solution with every
 * shown count at 0 — a vector of the matrix's null space — moves it. Withholding a count adds its
 * column: either the column is a combination of the columns before it, which gives the null space
 * one new vector (that combination, less the new column), or it is not, and the null space stays as
 * it was. So a count once free stays free, and each withholding costs what reducing its one column
 * costs, not a new elimination of the whole table.
 *
 * The columns are reduced against a basis of the column space kept in echelon form: basis vector i
 * has its pivot in a row where no earlier basis vector has anything, so reducing a column pivot by
 * pivot in the basis order never brings back a pivot already cleared. Each basis vector carries the
 * combination of withheld counts' columns it is. The coefficients start as 0 and ±1, so floating
 * point with a tolerance is exact enough.
 */
export class SumExposure {
  private readonly columnFirst: Int32Array;
  private readonly columnRows: Int32Array;
  private readonly columnCoefficients: Float64Array;
  private readonly withheld: Uint8Array;
  private readonly free: Uint8Array;
  // For every sum, the basis vector with its pivot there (−1: none), and how many of its counts
  // are not withheld yet: the columns still to come.
  private readonly pivotOwner: Int32Array;
  private readonly open: Int32Array;
  private readonly basis: BasisVector[] = [];
  // The column being reduced and its combination, dense while they are worked on.
  private readonly vector: SparseAccumulator;
  private readonly combination: SparseAccumulator;
  private readonly pending = new MinHeap();
  private readonly queuedAt: Int32Array;
  private withholds = 0;

  constructor(size: number, sums: readonly SumRelation[]) {
    this.withheld = new Uint8Array(size);
    this.free = new Uint8Array(size);
    this.pivotOwner = new Int32Array(sums.length).fill(-1);
    this.open = new Int32Array(sums.length);
    this.queuedAt = new Int32Array(sums.length);
    this.vector = new SparseAccumulator(sums.length);
    this.combination = new SparseAccumulator(size);
    // Every count's column: +1 in each sum it is the total of, −1 in each it is a part of.
    const columns = Array.from({ length: size }, () => new Map<number, number>());
    sums.forEach((s, r) => {
      const add = (c: number, k: number) => {
        const column = columns[c];
        const v = (column.get(r) ?? 0) + k;
        if (v === 0) column.delete(r);
        else column.set(r, v);
      };
      add(s.total, 1);
      for (const p of s.parts) add(p, -1);
    });
    this.columnFirst = new Int32Array(size + 1);
    columns.forEach((column, c) => (this.columnFirst[c + 1] = this.columnFirst[c] + column.size));
    this.columnRows = new Int32Array(this.columnFirst[size]);
    this.columnCoefficients = new Float64Array(this.columnFirst[size]);
    columns.forEach((column, c) => {
      let i = this.columnFirst[c];
      for (const [r, k] of column) {
        this.columnRows[i] = r;
        this.columnCoefficients[i++] = k;
        this.open[r]++;
      }
    });
  }

  /** Whether `cell` is withheld and the sums fix it all the same. */
  determined(cell: number): boolean {
    return this.withheld[cell] === 1 && this.free[cell] === 0;
  }

  /**
   * Every count of `cells` is withheld from now on. Which counts the sums fix does not depend on
   * the order, but the work does: counts in few sums first keep the basis sparse for the rest.
   */
  withholdAll(cells: readonly number[]): void {
    const sumsOf = (c: number) => this.columnFirst[c + 1] - this.columnFirst[c];
    for (const c of [...cells].sort((a, b) => sumsOf(a) - sumsOf(b) || a - b)) this.withhold(c);
  }

  /** `cell` is withheld from now on. */
  withhold(cell: number): void {
    if (this.withheld[cell]) return;
    this.withheld[cell] = 1;
    const stamp = ++this.withholds;
    const { vector, combination, pending, pivotOwner, queuedAt, basis } = this;
    const queue = (row: number) => {
      if (pivotOwner[row] >= 0 && queuedAt[row] !== stamp) {
        queuedAt[row] = stamp;
        pending.push(pivotOwner[row]);
      }
    };
    for (let i = this.columnFirst[cell]; i < this.columnFirst[cell + 1]; i++) {
      const row = this.columnRows[i];
      vector.add(row, this.columnCoefficients[i]);
      this.open[row]--;
      queue(row);
    }
    combination.add(cell, 1);
    // The basis vectors whose pivots the column holds, taken in basis order. (The loops work on the
    // accumulators' arrays directly: this is where the time goes.)
    const v = vector.value;
    const w = combination.value;
    while (pending.size > 0) {
      const b = basis[pending.pop()];
      const k = v[b.pivot];
      if (Math.abs(k) < EPSILON) continue;
      const factor = -k / b.pivotValue;
      const { rows, values, cells, weights } = b;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        if (vector.hold(row)) queue(row);
        v[row] += factor * values[i];
      }
      v[b.pivot] = 0;
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i];
        combination.hold(c);
        w[c] += factor * weights[i];
      }
    }
    const [rows, values] = vector.take();
    const [cells, weights] = combination.take();
    if (rows.length === 0) {
      // A combination of earlier columns: a new vector of the null space, moving what it holds.
      for (const c of cells) this.free[c] = 1;
      return;
    }
    // The pivot goes where the fewest columns are still to come: each of them would take this
    // vector in (with its combination) when reduced, so a sum with none left costs nothing more.
    // Among those, the largest coefficient, for accuracy.
    let best = 0;
    for (let i = 1; i < rows.length; i++) {
      const still = this.open[rows[i]] - this.open[rows[best]];
      if (still < 0 || (still === 0 && Math.abs(values[i]) > Math.abs(values[best]))) best = i;
    }
    pivotOwner[rows[best]] = basis.length;
    basis.push({ pivot: rows[best], pivotValue: values[best], rows, values, cells, weights });
  }
}

/** A reduced column kept in the basis, and the combination of withheld counts' columns it is. */
interface BasisVector {
  pivot: number;
  pivotValue: number;
  rows: Int32Array;
  values: Float64Array;
  cells: Int32Array;
  weights: Float64Array;
}

/** A sparse vector worked on densely: add to it entry by entry, then take what is not 0. */
class SparseAccumulator {
  readonly value: Float64Array;
  private readonly held: Uint8Array;
  private readonly touched: number[] = [];

  constructor(size: number) {
    this.value = new Float64Array(size);
    this.held = new Uint8Array(size);
  }

  /** Adds `k` at `i`. */
  add(i: number, k: number): void {
    this.hold(i);
    this.value[i] += k;
  }

  /** Notes that `i` may hold something; true when it held nothing before. */
  hold(i: number): boolean {
    if (this.held[i]) return false;
    this.held[i] = 1;
    this.touched.push(i);
    return true;
  }

  /** The entries that are not 0 (within the tolerance), and the accumulator emptied. */
  take(): [Int32Array, Float64Array] {
    const { value, held, touched } = this;
    let n = 0;
    for (const i of touched) if (Math.abs(value[i]) >= EPSILON) n++;
    const indexes = new Int32Array(n);
    const values = new Float64Array(n);
    n = 0;
    for (const i of touched) {
      if (Math.abs(value[i]) >= EPSILON) {
        indexes[n] = i;
        values[n++] = value[i];
      }
      value[i] = 0;
      held[i] = 0;
    }
    touched.length = 0;
    return [indexes, values];
  }
}

/** The smallest number first. */
export class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(n: number): void {
    const { items } = this;
    let i = items.push(n) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= n) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = n;
  }

  pop(): number {
    const { items } = this;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= items.length) break;
        if (child + 1 < items.length && items[child + 1] < items[child]) child++;
        if (items[child] >= last) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

/**
 * The range of every count as a reader can narrow it: a shown count is itself, "<5" is 1–4, a count
 * withheld by the secondary rule is 5 or more; then every sum and order tightens the ranges of its
 * counts until nothing changes. Then every value of every "<5" is tried in turn: a value that
 * leaves some range empty is ruled out, and what is left narrows the rest again, until stable.
 * Sound (the true value always stays inside), not complete: a reader solving the whole table as an
 * integer programme could sometimes narrow further.
 *
 * `possible` carries what calls on the same counts and relations learn: `known` holds values found
 * possible by a call with no more withheld than this one — withholding more only widens what a
 * reader can narrow, so they are possible here too and are not tried again (the ranges come out
 * the same, sooner); `found` gets the ends of every "<5"'s range, found possible here.
 */
export function narrowedRanges(
  values: readonly number[],
  forms: readonly Form[],
  relations: Relations,
  possible: { known?: PossibleValues; found?: PossibleValues } = {},
): Ranges {
  const ranges = new Ranges(values, forms, relations);
  tryEnds(ranges, values, forms, values.keys(), possible);
  return ranges;
}

/**
 * Whether the counts just withheld (`fresh`) stay free of being pinned, shown cheaply: from
 * `before`, ranges the narrowing left unchanged when fewer counts were withheld (a state nothing
 * narrows further, trying values included), `fresh` are opened to their forms' ranges and only
 * what follows from that is narrowed and tried again. The result is again a state nothing narrows
 * further, and it holds `before`; so it lies within what narrowedRanges would give for `forms`
 * (the widest such state). A fresh count with two values or more here has them there as well.
 * Returns that state when every fresh count keeps two values or more, else undefined: then only
 * narrowing the whole report again tells. The state is worked out in `spare` (ranges of the same
 * report no longer needed) when given.
 */
export function freshStayFree(
  before: Ranges,
  values: readonly number[],
  forms: readonly Form[],
  fresh: readonly number[],
  known: PossibleValues,
  spare?: Ranges,
): Ranges | undefined {
  const ranges = before.copy(spare);
  ranges.open(fresh, forms);
  const anyPinned = () => fresh.some((c) => ranges.lo[c] === ranges.hi[c]);
  if (anyPinned()) return undefined;
  // A "<5" whose range is as in `before` needs no tries: its ends were possible there, and what
  // is possible in narrower ranges is possible in these. The others are tried until stable.
  for (;;) {
    const opened: number[] = [];
    for (let c = 0; c < values.length; c++)
      if (forms[c] === 'primary' && (ranges.lo[c] !== before.lo[c] || ranges.hi[c] !== before.hi[c]))
        opened.push(c);
    if (!tryEnds(ranges, values, forms, opened, { known })) break;
  }
  return anyPinned() ? undefined : ranges;
}

/**
 * Tries the values of every "<5" among `cells` at the ends of its range, in the order given: a
 * value that leaves some range empty is ruled out, and what is left narrows the rest again, until
 * stable (see narrowedRanges). Returns whether any range was narrowed.
 */
function tryEnds(
  ranges: Ranges,
  values: readonly number[],
  forms: readonly Form[],
  cells: Iterable<number>,
  possible: { known?: PossibleValues; found?: PossibleValues },
): boolean {
  const primary = [...cells].filter((c) => forms[c] === 'primary');
  const known = (c: number, v: number) => v === values[c] || possible.known?.has(c, v) === true;
  // A count whose ends were found possible, with the relations those tries read and when: until
  // one of them changes, trying again would find the same.
  const tried = new Map<number, { read: number[]; at: number }>();
  // Values found possible on the way: a try that leaves no range empty leaves a state nothing
  // narrows further, and a "<5" with one value in it can have that value (trying it would reach
  // that state or a wider one). So it is, while the relations that try read stay as they were.
  const onTheWay = new Map<number, { read: number[]; at: number }>(); // by count × 5 + value
  const pinned: number[] = [];
  let fromTheWay = false;
  const possibleValue = (c: number, v: number, read: number[]): boolean => {
    if (known(c, v)) return true;
    const found = onTheWay.get(c * 5 + v);
    if (found && ranges.unchangedSince(found.read, found.at)) return (fromTheWay = true);
    pinned.length = 0;
    if (!ranges.allows(c, v, read, pinned)) return false;
    for (let i = 0; i < pinned.length; i += 2)
      if (forms[pinned[i]] === 'primary')
        onTheWay.set(pinned[i] * 5 + pinned[i + 1], { read, at: ranges.restricts });
    return true;
  };
  let narrowed = false;
  for (let changed = true; changed;) {
    changed = false;
    for (const c of primary) {
      if (ranges.lo[c] === ranges.hi[c]) continue;
      const last = tried.get(c);
      if (last && ranges.unchangedSince(last.read, last.at)) continue;
      const read: number[] = [];
      fromTheWay = false;
      // The true value is always possible: the smallest and largest possible lie between it and the ends.
      let lo = ranges.lo[c];
      while (!possibleValue(c, lo, read)) lo++;
      let hi = ranges.hi[c];
      while (!possibleValue(c, hi, read)) hi--;
      if (lo > ranges.lo[c] || hi < ranges.hi[c]) {
        ranges.restrict(c, lo, hi);
        tried.delete(c);
        changed = narrowed = true;
      } else if (fromTheWay) {
        // What made an end possible was read by another count's try: look again next time.
        tried.delete(c);
      } else tried.set(c, { read, at: ranges.restricts });
    }
  }
  const { found } = possible;
  if (found) for (const c of primary) found.add(c, ranges.lo[c], ranges.hi[c]);
  return narrowed;
}

/** Values of "<5" counts found possible by narrowedRanges, for its calls with as much withheld or more. */
export class PossibleValues {
  private readonly ends = new Map<number, [number, number]>();

  has(cell: number, v: number): boolean {
    const ends = this.ends.get(cell);
    return ends !== undefined && (ends[0] === v || ends[1] === v);
  }

  add(cell: number, lo: number, hi: number): void {
    this.ends.set(cell, [lo, hi]);
  }
}

/**
 * The relations of one report kept flat, made once per report and kept while its forms change
 * (sums first, then orders, as given): relation k's counts are cells[first[k]] up to
 * cells[first[k + 1]], the total (or the lower count) first; the relations of count c are
 * relationsOf[relationsFirst[c]] up to relationsOf[relationsFirst[c + 1]].
 */
class RelationIndex {
  readonly orderFrom: number; // relations from here on are orders
  readonly first: Int32Array;
  readonly cells: Int32Array;
  readonly relationsFirst: Int32Array;
  readonly relationsOf: Int32Array;

  private static readonly made = new WeakMap<Relations, RelationIndex>();

  static of(size: number, relations: Relations): RelationIndex {
    let index = RelationIndex.made.get(relations);
    if (!index || index.relationsFirst.length !== size + 1) {
      index = new RelationIndex(size, relations);
      RelationIndex.made.set(relations, index);
    }
    return index;
  }

  private constructor(size: number, relations: Relations) {
    const { sums, orders } = relations;
    this.orderFrom = sums.length;
    const count = sums.length + orders.length;
    this.first = new Int32Array(count + 1);
    sums.forEach((s, k) => (this.first[k + 1] = this.first[k] + 1 + s.parts.length));
    for (let k = sums.length; k < count; k++) this.first[k + 1] = this.first[k] + 2;
    this.cells = new Int32Array(this.first[count]);
    sums.forEach((s, k) => {
      this.cells[this.first[k]] = s.total;
      this.cells.set(s.parts, this.first[k] + 1);
    });
    orders.forEach((o, i) => {
      this.cells[this.first[sums.length + i]] = o.lower;
      this.cells[this.first[sums.length + i] + 1] = o.upper;
    });
    // Each relation once per count in it (a count twice in one relation is one entry).
    const next = new Int32Array(size + 1);
    const lastSeen = new Int32Array(size).fill(-1);
    for (let k = 0; k < count; k++)
      for (let i = this.first[k]; i < this.first[k + 1]; i++) {
        const c = this.cells[i];
        if (lastSeen[c] !== k) {
          lastSeen[c] = k;
          next[c + 1]++;
        }
      }
    for (let c = 0; c < size; c++) next[c + 1] += next[c];
    this.relationsFirst = next.slice();
    this.relationsOf = new Int32Array(next[size]);
    lastSeen.fill(-1);
    for (let k = 0; k < count; k++)
      for (let i = this.first[k]; i < this.first[k + 1]; i++) {
        const c = this.cells[i];
        if (lastSeen[c] !== k) {
          lastSeen[c] = k;
          this.relationsOf[next[c]++] = k;
        }
      }
  }
}

/** The ranges of the counts of one report, narrowed by its relations (see narrowedRanges). */
export class Ranges {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  // The relations (by index) that last narrowed each count from below and from above; -1: none.
  private readonly loBy: Int32Array;
  private readonly hiBy: Int32Array;
  private readonly index: RelationIndex;
  private readonly queued: Uint8Array;
  private readonly queue: number[] = [];
  private readonly trail: number[] = [];
  /** How many times restrict() has narrowed the ranges, and for each relation the last that touched it. */
  restricts = 0;
  private readonly touchedAt: Uint32Array;

  /** The ranges `forms` give, narrowed by `relations`; or, with `from`, a copy of those ranges. */
  constructor(
    private readonly values: readonly number[],
    forms: readonly Form[],
    relations: Relations,
    from?: Ranges,
  ) {
    const size = values.length;
    this.index = from?.index ?? RelationIndex.of(size, relations);
    const count = this.index.first.length - 1;
    this.queued = new Uint8Array(count);
    this.touchedAt = new Uint32Array(count);
    if (from) {
      this.lo = from.lo.slice();
      this.hi = from.hi.slice();
      this.loBy = from.loBy.slice();
      this.hiBy = from.hiBy.slice();
      return;
    }
    this.lo = new Float64Array(size);
    this.hi = new Float64Array(size);
    for (let c = 0; c < size; c++) this.initialise(c, forms[c]);
    this.loBy = new Int32Array(size).fill(-1);
    this.hiBy = new Int32Array(size).fill(-1);
    const all = Array.from({ length: count }, (_, k) => k);
    if (!this.narrow(all, true)) throw new Error('small numbers: a relation does not hold for these figures');
  }

  /** The same ranges, to be narrowed on their own: in `into` (ranges of the same report) if given. */
  copy(into?: Ranges): Ranges {
    if (!into) return new Ranges(this.values, [], { sums: [], orders: [] }, this);
    into.lo.set(this.lo);
    into.hi.set(this.hi);
    into.loBy.set(this.loBy);
    into.hiBy.set(this.hiBy);
    into.touchedAt.fill(0);
    into.restricts = 0;
    return into;
  }

  /** `cells` opened to what their forms say, and narrowed again with all that follows from them. */
  open(cells: readonly number[], forms: readonly Form[]): void {
    this.restricts++;
    const { relationsOf, relationsFirst } = this.index;
    const start = new Set<number>();
    for (const c of cells) {
      this.initialise(c, forms[c]);
      this.loBy[c] = this.hiBy[c] = -1;
      for (let i = relationsFirst[c]; i < relationsFirst[c + 1]; i++) start.add(relationsOf[i]);
    }
    // In index order, as narrowing the whole report takes them.
    const relations = [...start].sort((a, b) => a - b);
    if (!this.narrow(relations, true))
      throw new Error('small numbers: a relation does not hold for these figures');
  }

  private initialise(c: number, f: Form | undefined): void {
    this.lo[c] = f === 'shown' ? this.values[c] : f === 'primary' ? 1 : 5;
    this.hi[c] = f === 'shown' ? this.values[c] : f === 'primary' ? 4 : Infinity;
  }

  /**
   * Whether `cell` can be `v` as far as narrowing tells: a no is certain, a yes is not. The
   * relations it read are added to `read`: the answer stays the same until one of them is touched.
   * On a yes, the counts the narrowing left with one value go to `pinned` (count, value).
   */
  allows(cell: number, v: number, read?: number[], pinned?: number[]): boolean {
    const { lo, hi, trail } = this;
    trail.length = 0;
    trail.push(cell, lo[cell], hi[cell]);
    lo[cell] = hi[cell] = v;
    const ok = this.narrow(this.relationsOfCell(cell), false, trail, read);
    // The counts the try left with one value (count, value), before it is undone.
    if (ok && pinned)
      for (let i = 3; i < trail.length; i += 3)
        if (lo[trail[i]] === hi[trail[i]]) pinned.push(trail[i], lo[trail[i]]);
    // Undo, last change first.
    for (let i = trail.length - 3; i >= 0; i -= 3) {
      lo[trail[i]] = trail[i + 1];
      hi[trail[i]] = trail[i + 2];
    }
    return ok;
  }

  /** Narrows the range of `cell` (what trying its values found) and all that follows from it. */
  restrict(cell: number, lo: number, hi: number): void {
    this.restricts++;
    this.lo[cell] = lo;
    this.hi[cell] = hi;
    this.loBy[cell] = this.hiBy[cell] = -1;
    const relations = this.relationsOfCell(cell);
    for (const k of relations) this.touchedAt[k] = this.restricts;
    if (!this.narrow(relations, true))
      throw new Error('small numbers: a relation does not hold for these figures');
  }

  /** Whether no range in the relations `read` has changed since restrict() number `at`. */
  unchangedSince(read: readonly number[], at: number): boolean {
    for (const k of read) if (this.touchedAt[k] > at) return false;
    return true;
  }

  /** The relations that narrowed the range of `cell` last (none when trying values did). */
  narrowedBy(cell: number): number[] {
    return [...new Set([this.loBy[cell], this.hiBy[cell]])].filter((k) => k >= 0);
  }

  private relationsOfCell(cell: number): Int32Array {
    const { relationsOf, relationsFirst } = this.index;
    return relationsOf.subarray(relationsFirst[cell], relationsFirst[cell + 1]);
  }

  // Narrows the ranges from the relations in `start` until nothing changes; false when one is
  // empty. With a trail, every range changed is noted first (count, lo, hi), to be undone; with
  // `read`, every relation looked at is added to it. Recorded changes mark the relations touched.
  private narrow(start: ArrayLike<number>, record: boolean, trail?: number[], read?: number[]): boolean {
    const { lo, hi, queued, queue, touchedAt, restricts } = this;
    const { cells, first, relationsOf, relationsFirst, orderFrom } = this.index;
    queue.length = 0;
    for (let i = 0; i < start.length; i++) {
      queue.push(start[i]);
      queued[start[i]] = 1;
    }
    let current = -1;
    let empty = false;
    const touched = (cell: number) => {
      if (lo[cell] > hi[cell]) empty = true;
      for (let i = relationsFirst[cell], end = relationsFirst[cell + 1]; i < end; i++) {
        const k = relationsOf[i];
        if (record) touchedAt[k] = restricts;
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
    let budget = 1_000_000 + 100 * queued.length;
    let head = 0;
    for (; head < queue.length && !empty && budget-- > 0; head++) {
      const k = queue[head];
      queued[k] = 0;
      current = k;
      const from = first[k];
      const to = first[k + 1];
      if (k >= orderFrom) {
        const lower = cells[from];
        const upper = cells[from + 1];
        lowerHi(lower, hi[upper]);
        raiseLo(upper, lo[lower]);
        continue;
      }
      const total = cells[from];
      let sumLo = 0;
      let sumHiFinite = 0;
      let infinite = 0;
      for (let i = from + 1; i < to; i++) {
        const p = cells[i];
        sumLo += lo[p];
        if (hi[p] === Infinity) infinite++;
        else sumHiFinite += hi[p];
      }
      raiseLo(total, sumLo);
      if (infinite === 0) lowerHi(total, sumHiFinite);
      const totalLo = lo[total];
      const totalHi = hi[total];
      for (let i = from + 1; i < to; i++) {
        const p = cells[i];
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
    if (read) for (let i = 0; i < head; i++) read.push(queue[i]);
    for (; head < queue.length; head++) queued[queue[head]] = 0;
    return !empty;
  }
}

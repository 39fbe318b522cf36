// What a reader can work out about withheld counts from the ones shown (docs/statistics.md §14).
import { type Form, type Relations, type SumRelation } from './suppression-relations';

const EPSILON = 1e-9;

/**
 * For every withheld count: whether the sums fix its value whatever the other withheld counts are —
 * whether its unit vector lies in the row space of the sums restricted to the withheld counts.
 * First the cheap part: a sum with one withheld count fixes it, and a fixed count is as good as
 * shown for every other sum it is in (peeled until none is left). What remains falls apart into
 * groups of counts that no sum links; each is solved on its own by sparse elimination
 * (solveGroup). The coefficients start as 0 and ±1, so floating point with a tolerance is exact enough.
 */
export function linearlyDetermined(
  size: number,
  hidden: readonly boolean[],
  sums: readonly SumRelation[],
): boolean[] {
  const determined = new Array<boolean>(size).fill(false);
  // Every sum on its withheld counts (total +1, parts −1); the shown ones are known.
  const rows: Row[] = [];
  for (const s of sums) {
    const row: Row = new Map();
    const add = (c: number, k: number) => {
      if (hidden[c]) row.set(c, (row.get(c) ?? 0) + k);
    };
    add(s.total, 1);
    for (const p of s.parts) add(p, -1);
    for (const [c, k] of row) if (k === 0) row.delete(c);
    if (row.size > 0) rows.push(row);
  }
  const rowsOf = new Map<number, number[]>();
  rows.forEach((row, r) => {
    for (const c of row.keys()) {
      let list = rowsOf.get(c);
      if (!list) rowsOf.set(c, (list = []));
      list.push(r);
    }
  });
  // Peel: a row with one count left fixes it; take it out of every other row.
  const single = rows.flatMap((row, r) => (row.size === 1 ? [r] : []));
  while (single.length > 0) {
    const row = rows[single.pop()!];
    if (row.size !== 1) continue;
    const [c] = row.keys();
    determined[c] = true;
    for (const r of rowsOf.get(c) ?? []) {
      const other = rows[r];
      if (other.delete(c) && other.size === 1) single.push(r);
    }
  }
  // Group what is left: counts that share a row are in one group.
  const parent = new Map<number, number>();
  const find = (c: number): number => {
    let root = c;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (c !== root) {
      const next = parent.get(c)!;
      parent.set(c, root);
      c = next;
    }
    return root;
  };
  const rest = rows.filter((row) => row.size > 1);
  for (const row of rest) {
    const [first, ...others] = row.keys();
    if (!parent.has(first)) parent.set(first, first);
    for (const c of others) {
      if (!parent.has(c)) parent.set(c, c);
      const a = find(first);
      const b = find(c);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<number, Row[]>();
  for (const row of rest) {
    const root = find(row.keys().next().value!);
    let list = groups.get(root);
    if (!list) groups.set(root, (list = []));
    list.push(row);
  }
  for (const group of groups.values()) for (const c of solveGroup(group)) determined[c] = true;
  return determined;
}

type Row = Map<number, number>;

/**
 * The counts a group of rows fixes. A count is fixed unless some solution of the rows with all
 * shown counts at 0 (a vector of the null space) moves it: the counts no vector of a null-space
 * basis moves are the fixed ones. Forward elimination first (sparse; each step takes the pivot
 * from the shortest row left, in the column the fewest rows left hold, so little fills in), then
 * one basis vector per free count by back substitution, all of them at once.
 */
function solveGroup(rows: Row[]): number[] {
  // Active rows and, for every count, the active rows that hold it.
  const active = new Set<number>();
  const work: Row[] = rows.map((row, r) => {
    active.add(r);
    return new Map(row);
  });
  const rowsOf = new Map<number, Set<number>>();
  work.forEach((row, r) => {
    for (const c of row.keys()) {
      let set = rowsOf.get(c);
      if (!set) rowsOf.set(c, (set = new Set()));
      set.add(r);
    }
  });
  const columns = [...rowsOf.keys()];
  const echelon: { pivot: number; row: Row }[] = [];
  while (active.size > 0) {
    let r = -1;
    for (const i of active) if (r < 0 || work[i].size < work[r].size) r = i;
    const row = work[r];
    active.delete(r);
    for (const c of row.keys()) rowsOf.get(c)!.delete(r);
    if (row.size === 0) continue; // a row the others already gave
    let largest = 0;
    for (const k of row.values()) largest = Math.max(largest, Math.abs(k));
    let pivot = -1;
    let holders = Infinity;
    for (const [c, k] of row) {
      const n = rowsOf.get(c)!.size;
      if (Math.abs(k) >= largest / 2 && n < holders) {
        pivot = c;
        holders = n;
      }
    }
    const scale = row.get(pivot)!;
    // Take the pivot out of every active row that holds it.
    for (const i of [...rowsOf.get(pivot)!]) {
      const target = work[i];
      const factor = target.get(pivot)! / scale;
      for (const [c, k] of row) {
        const old = target.get(c);
        const v = (old ?? 0) - factor * k;
        if (Math.abs(v) < EPSILON) {
          if (old !== undefined) {
            target.delete(c);
            rowsOf.get(c)!.delete(i);
          }
        } else {
          target.set(c, v);
          if (old === undefined) rowsOf.get(c)!.add(i);
        }
      }
    }
    echelon.push({ pivot, row });
  }
  // Each pivot row holds its pivot, later pivots and free counts: solve from the last row up, for
  // every free count set to 1 in turn (the others 0), all free counts at once.
  const pivots = new Set(echelon.map((e) => e.pivot));
  const free = columns.filter((c) => !pivots.has(c));
  const width = free.length;
  if (width === 0) return [...pivots];
  const x = new Map<number, Float64Array>();
  free.forEach((c, j) => {
    const v = new Float64Array(width);
    v[j] = 1;
    x.set(c, v);
  });
  for (let e = echelon.length - 1; e >= 0; e--) {
    const { pivot, row } = echelon[e];
    const v = new Float64Array(width);
    const scale = row.get(pivot)!;
    for (const [c, k] of row) {
      if (c === pivot) continue;
      const xc = x.get(c)!;
      const f = k / scale;
      for (let j = 0; j < width; j++) v[j] -= f * xc[j];
    }
    x.set(pivot, v);
  }
  const fixed: number[] = [];
  for (const c of pivots) if (x.get(c)!.every((v) => Math.abs(v) < EPSILON)) fixed.push(c);
  return fixed;
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
  const known = (c: number, v: number) => v === values[c] || possible.known?.has(c, v) === true;
  // A count whose ends were found possible, with the relations those tries read and when: until
  // one of them changes, trying again would find the same.
  const tried: ({ read: number[]; at: number } | undefined)[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (let c = 0; c < values.length; c++) {
      if (forms[c] !== 'primary' || ranges.lo[c] === ranges.hi[c]) continue;
      const last = tried[c];
      if (last && ranges.unchangedSince(last.read, last.at)) continue;
      const read: number[] = [];
      // The true value is always possible: the smallest and largest possible lie between it and the ends.
      let lo = ranges.lo[c];
      while (!known(c, lo) && !ranges.allows(c, lo, read)) lo++;
      let hi = ranges.hi[c];
      while (!known(c, hi) && !ranges.allows(c, hi, read)) hi--;
      if (lo > ranges.lo[c] || hi < ranges.hi[c]) {
        ranges.restrict(c, lo, hi);
        tried[c] = undefined;
        changed = true;
      } else tried[c] = { read, at: ranges.restricts };
    }
  }
  const { found } = possible;
  if (found)
    for (let c = 0; c < values.length; c++)
      if (forms[c] === 'primary') found.add(c, ranges.lo[c], ranges.hi[c]);
  return ranges;
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
class Ranges {
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

  constructor(values: readonly number[], forms: readonly Form[], relations: Relations) {
    const size = values.length;
    this.lo = new Float64Array(size);
    this.hi = new Float64Array(size);
    for (let c = 0; c < size; c++) {
      const f = forms[c];
      this.lo[c] = f === 'shown' ? values[c] : f === 'primary' ? 1 : 5;
      this.hi[c] = f === 'shown' ? values[c] : f === 'primary' ? 4 : Infinity;
    }
    this.loBy = new Int32Array(size).fill(-1);
    this.hiBy = new Int32Array(size).fill(-1);
    this.index = RelationIndex.of(size, relations);
    const count = this.index.first.length - 1;
    this.queued = new Uint8Array(count);
    this.touchedAt = new Uint32Array(count);
    const all = Array.from({ length: count }, (_, k) => k);
    if (!this.narrow(all, true)) throw new Error('small numbers: a relation does not hold for these figures');
  }

  /**
   * Whether `cell` can be `v` as far as narrowing tells: a no is certain, a yes is not. The
   * relations it read are added to `read`: the answer stays the same until one of them is touched.
   */
  allows(cell: number, v: number, read?: number[]): boolean {
    const { lo, hi, trail } = this;
    trail.length = 0;
    trail.push(cell, lo[cell], hi[cell]);
    lo[cell] = hi[cell] = v;
    const ok = this.narrow(this.relationsOfCell(cell), false, trail, read);
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

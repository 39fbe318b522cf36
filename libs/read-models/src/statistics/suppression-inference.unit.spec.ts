import { PossibleValues, Ranges, SumExposure, freshStayFree, narrowedRanges } from './suppression-inference';
import type { Form, OrderRelation, Relations, SumRelation } from './suppression-relations';

// docs/statistics.md §14: what a reader can work out about withheld counts, checked against
// plain, slow references on many small random reports.

function random(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Sums over random counts; some counts in several sums, some in none. */
function randomSums(rnd: () => number, size: number): SumRelation[] {
  return Array.from({ length: Math.floor(rnd() * size) }, () => {
    const cells = [
      ...new Set(Array.from({ length: 2 + Math.floor(rnd() * 5) }, () => Math.floor(rnd() * size))),
    ];
    return { total: cells[0], parts: cells.slice(1) };
  });
}

/** The rank of a small dense matrix (Gaussian elimination with partial pivoting). */
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[best][c])) best = i;
    if (Math.abs(m[best][c]) < 1e-9) continue;
    [m[r], m[best]] = [m[best], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i][c] / m[r][c];
      for (let j = c; j < m[i].length; j++) m[i][j] -= f * m[r][j];
    }
    r++;
  }
  return r;
}

/** The reference: a withheld count is fixed when adding its unit row leaves the rank as it was. */
function determinedByRank(size: number, hidden: boolean[], sums: SumRelation[]): boolean[] {
  const columns = hidden.flatMap((h, c) => (h ? [c] : []));
  const rows = sums.map((s) => {
    const row = columns.map(() => 0);
    const add = (c: number, k: number) => {
      const j = columns.indexOf(c);
      if (j >= 0) row[j] += k;
    };
    add(s.total, 1);
    for (const p of s.parts) add(p, -1);
    return row;
  });
  const base = rank(rows);
  return Array.from({ length: size }, (_, c) => {
    if (!hidden[c]) return false;
    const unit = columns.map((x) => (x === c ? 1 : 0));
    return rank([...rows, unit]) === base;
  });
}

/**
 * What the sums fix with every count of `hidden` withheld at once: one at a time in order, and
 * together (withholdAll, in an order of its own), which must come to the same.
 */
function linearlyDetermined(
  size: number,
  hidden: readonly boolean[],
  sums: readonly SumRelation[],
): boolean[] {
  const oneByOne = new SumExposure(size, sums);
  for (let c = 0; c < size; c++) if (hidden[c]) oneByOne.withhold(c);
  const together = new SumExposure(size, sums);
  together.withholdAll(hidden.flatMap((h, c) => (h ? [c] : [])));
  const determined = Array.from({ length: size }, (_, c) => oneByOne.determined(c));
  expect(Array.from({ length: size }, (_, c) => together.determined(c))).toEqual(determined);
  return determined;
}

/**
 * Consistent figures with crossing relations: counts, then totals over earlier counts (totals
 * too), so that sums chain and cross; and orders between counts that hold.
 */
function randomReport(
  rnd: () => number,
  { counts = 10, largest = 6, sums: most = 12 } = {},
): { values: number[]; relations: Relations } {
  const values = Array.from({ length: 3 + Math.floor(rnd() * counts) }, () => Math.floor(rnd() * largest));
  const sums: SumRelation[] = [];
  for (let n = Math.floor(rnd() * most); n > 0; n--) {
    const parts = [
      ...new Set(Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => Math.floor(rnd() * values.length))),
    ];
    sums.push({ total: values.length, parts });
    values.push(parts.reduce((k, p) => k + values[p], 0));
  }
  const orders: OrderRelation[] = [];
  for (let n = Math.floor(rnd() * 4); n > 0; n--) {
    const [a, b] = [Math.floor(rnd() * values.length), Math.floor(rnd() * values.length)];
    if (a !== b) orders.push(values[a] <= values[b] ? { lower: a, upper: b } : { lower: b, upper: a });
  }
  return { values, relations: { sums, orders } };
}

/**
 * narrowedRanges without its shortcuts: every end of every "<5" tried against a copy of the
 * ranges narrowed with that value alone (a relation left empty throws), until nothing changes.
 */
function referenceRanges(values: readonly number[], forms: readonly Form[], relations: Relations): Ranges {
  const ranges = new Ranges(values, forms, relations);
  const possible = (c: number, v: number) => {
    try {
      ranges.copy().restrict(c, v, v);
      return true;
    } catch {
      return false;
    }
  };
  for (let changed = true; changed;) {
    changed = false;
    values.forEach((_, c) => {
      if (forms[c] !== 'primary' || ranges.lo[c] === ranges.hi[c]) return;
      let lo = ranges.lo[c];
      while (!possible(c, lo)) lo++;
      let hi = ranges.hi[c];
      while (!possible(c, hi)) hi--;
      if (lo > ranges.lo[c] || hi < ranges.hi[c]) {
        ranges.restrict(c, lo, hi);
        changed = true;
      }
    });
  }
  return ranges;
}

describe('SumExposure with every withheld count at once', () => {
  it('finds exactly the withheld counts the sums fix, any combination of them (300 random reports against the rank)', () => {
    const rnd = random(5);
    let fixed = 0;
    let free = 0;
    for (let t = 0; t < 300; t++) {
      const size = 3 + Math.floor(rnd() * 30);
      const hidden = Array.from({ length: size }, () => rnd() < 0.3 + rnd() * 0.5);
      const sums = randomSums(rnd, size);
      const got = linearlyDetermined(size, hidden, sums);
      expect({ t, got }).toEqual({ t, got: determinedByRank(size, hidden, sums) });
      fixed += got.filter(Boolean).length;
      free += hidden.filter((h, c) => h && !got[c]).length;
    }
    // Both kinds occur often: the comparison means something.
    expect(fixed).toBeGreaterThan(500);
    expect(free).toBeGreaterThan(500);
  });

  it('a count fixed only by sums taken together: a + b, a + c and b + c shown fix a, b and c; two of them fix none', () => {
    // counts: 0 a, 1 b, 2 c, 3 (a+b), 4 (a+c), 5 (b+c); the three totals are shown.
    const sums = [
      { total: 3, parts: [0, 1] },
      { total: 4, parts: [0, 2] },
      { total: 5, parts: [1, 2] },
    ];
    const hidden = [true, true, true, false, false, false];
    expect(linearlyDetermined(6, hidden, sums)).toEqual([true, true, true, false, false, false]);
    // Without the third sum nothing is fixed.
    expect(linearlyDetermined(6, hidden, sums.slice(0, 2))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('SumExposure', () => {
  it('kept up to date one withheld count at a time, it finds what the rank finds after every step (200 random reports)', () => {
    const rnd = random(11);
    let freed = 0;
    for (let t = 0; t < 200; t++) {
      const size = 3 + Math.floor(rnd() * 30);
      const sums = randomSums(rnd, size);
      const exposure = new SumExposure(size, sums);
      const hidden = new Array<boolean>(size).fill(false);
      // Withheld in a random order, as the secondary rule withholds more each round.
      const order = Array.from({ length: size }, (_, c) => c).sort(() => rnd() - 0.5);
      let before = hidden.map(() => false);
      for (const c of order.slice(0, Math.ceil(size * (0.3 + rnd() * 0.6)))) {
        hidden[c] = true;
        exposure.withhold(c);
        const got = hidden.map((_, i) => exposure.determined(i));
        expect({ t, c, got }).toEqual({ t, c, got: determinedByRank(size, hidden, sums) });
        // A count the sums no longer fix is never fixed again by withholding more.
        freed += before.filter((was, i) => was && !got[i]).length;
        expect(before.some((was, i) => !was && hidden[i] && i !== c && got[i])).toBe(false);
        before = got;
      }
    }
    // Withholding a count often frees counts fixed before it: the incremental case is exercised.
    expect(freed).toBeGreaterThan(100);
  });
});

describe('narrowedRanges', () => {
  it('gives the ranges of trying every end against the whole report afresh, whatever it skips (400 random reports)', () => {
    const rnd = random(43);
    let narrowedByTries = 0;
    for (let t = 0; t < 400; t++) {
      const { values, relations } = randomReport(rnd, { counts: 20, largest: 5, sums: 30 });
      const forms: Form[] = values.map((n) =>
        n >= 1 && n <= 4 ? 'primary' : n >= 5 && rnd() < 0.3 ? 'secondary' : 'shown',
      );
      const got = narrowedRanges(values, forms, relations);
      const want = referenceRanges(values, forms, relations);
      expect({ t, lo: [...got.lo], hi: [...got.hi] }).toEqual({ t, lo: [...want.lo], hi: [...want.hi] });
      const plain = new Ranges(values, forms, relations);
      if (values.some((_, c) => plain.lo[c] !== want.lo[c] || plain.hi[c] !== want.hi[c])) narrowedByTries++;
    }
    // Trying values narrows further than the relations alone in many of them: the tries are tested.
    expect(narrowedByTries).toBeGreaterThan(20);
  });

  it('values found possible with less withheld are not tried again, and the ranges come out the same (300 random reports)', () => {
    const rnd = random(17);
    for (let t = 0; t < 300; t++) {
      const size = 4 + Math.floor(rnd() * 20);
      // Consistent figures: totals computed from their parts, in order.
      const values = Array.from({ length: size }, () => Math.floor(rnd() * 9));
      const sums: SumRelation[] = [];
      for (let c = size - 1; c >= 2; c--) {
        if (rnd() < 0.5) continue;
        const parts = [
          ...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => Math.floor(rnd() * c))),
        ];
        if (sums.some((s) => s.parts.includes(c) || parts.includes(s.total))) continue;
        values[c] = parts.reduce((n, p) => n + values[p], 0);
        sums.push({ total: c, parts });
      }
      const relations: Relations = { sums, orders: [] };
      const fewer: Form[] = values.map((n) => (n >= 1 && n <= 4 ? 'primary' : 'shown'));
      const more: Form[] = fewer.map((f, c) =>
        f === 'shown' && values[c] >= 5 && rnd() < 0.4 ? 'secondary' : f,
      );
      const possible = new PossibleValues();
      narrowedRanges(values, fewer, relations, { found: possible });
      const alone = narrowedRanges(values, more, relations);
      const helped = narrowedRanges(values, more, relations, { known: possible });
      expect({ t, lo: [...helped.lo], hi: [...helped.hi] }).toEqual({
        t,
        lo: [...alone.lo],
        hi: [...alone.hi],
      });
      // And sound: the true value is inside every range.
      values.forEach((n, c) => expect(alone.lo[c] <= n && n <= alone.hi[c]).toBe(true));
    }
  });
});

describe('freshStayFree', () => {
  it('gives ranges within those of narrowing the whole report again and holding the ones before, so a fresh count it keeps free is free (300 random reports)', () => {
    const rnd = random(31);
    let kept = 0;
    let refused = 0;
    for (let t = 0; t < 300; t++) {
      const { values, relations } = randomReport(rnd);
      const fewer: Form[] = values.map((n) => (n >= 1 && n <= 4 ? 'primary' : 'shown'));
      const more = [...fewer];
      const fresh = values.flatMap((n, c) => (n >= 5 && rnd() < 0.2 ? [c] : []));
      for (const c of fresh) more[c] = 'secondary';
      const possible = new PossibleValues();
      const before = narrowedRanges(values, fewer, relations, { found: possible });
      const whole = narrowedRanges(values, more, relations);
      const after = freshStayFree(before, values, more, fresh, possible);
      if (!after) {
        refused++;
        continue;
      }
      kept++;
      values.forEach((_, c) => {
        const seen = { t, c, before: [before.lo[c], before.hi[c]], after: [after.lo[c], after.hi[c]] };
        expect({ ...seen, within: whole.lo[c] <= after.lo[c] && after.hi[c] <= whole.hi[c] }).toEqual({
          ...seen,
          within: true,
        });
        expect({ ...seen, holds: after.lo[c] <= before.lo[c] && before.hi[c] <= after.hi[c] }).toEqual({
          ...seen,
          holds: true,
        });
      });
      for (const c of fresh) expect(whole.lo[c] < whole.hi[c]).toBe(true);
    }
    // Both answers occur: the cheap one, and "narrow the whole report to tell".
    expect(kept).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(5);
  });
});

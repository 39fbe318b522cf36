import type { Period } from './period';
import { Count, type Published, type ReportTable, type SmallNumbers } from './small-numbers';

// A statistics answer with a second period beside the first (`compareFrom`, `compareTo`:
// docs/statistics.md §17). Both periods are one report for the small-numbers rule: their counts are
// masked together, so a "<5" of one period cannot come back from the other.

/** A route's report in two steps on one table: its counts and how they hang together, then its derived figures. */
export interface Presenter<R, C, B> {
  count(t: ReportTable, report: R): C;
  finish(t: ReportTable, counted: C): B;
  /** Whether two periods give the same answer (default: the same dates). */
  same?(a: Dates, b: Dates): boolean;
}

export type WithCompare<B> = B & { compare?: B };

/**
 * The report (and the comparison report) as the caller may see them: counted on one table, linked
 * where the periods are related (linkPeriods), then finished (derived figures) and published.
 */
export function presentPeriods<R extends { from: string; to: string }, C, B>(
  small: SmallNumbers,
  presenter: Presenter<R, C, B>,
  report: R,
  compare?: R,
): Published<WithCompare<B>> {
  const t = small.table();
  const main = presenter.count(t, report);
  const second = compare ? presenter.count(t, compare) : undefined;
  if (second !== undefined && compare) {
    const same = (presenter.same ?? sameDates)(report, compare);
    linkPeriods(t, main, report, second, compare, same);
  }
  const body = presenter.finish(t, main);
  const out = second === undefined ? body : { ...body, compare: presenter.finish(t, second) };
  return t.publish(out) as Published<WithCompare<B>>;
}

type Dates = Pick<Period, 'from' | 'to'>;
const sameDates = (a: Dates, b: Dates) => a.from === b.from && a.to === b.to;
const contains = (outer: Dates, inner: Dates) => outer.from <= inner.from && inner.to <= outer.to;

/**
 * What a reader knows across the two periods. The same dates give the same counts (each count of one
 * equals its twin in the other). When one period holds the other, a count of the inner period is
 * at most its twin in the outer one for the counts that only grow with the period (participants,
 * cases, SIPs held, …); a count that need not (an outcome of a participant's last end, which a
 * longer period can change) is linked only where it happens to be so — a reader is assumed to know
 * more than they can, never less, which only withholds more. Disjoint or overlapping periods share
 * no count, so nothing links them.
 */
function linkPeriods<C>(t: ReportTable, a: C, pa: Dates, b: C, pb: Dates, same: boolean): void {
  const [inner, outer] = contains(pa, pb) ? [b, a] : contains(pb, pa) ? [a, b] : [undefined, undefined];
  if (!same && inner === undefined) return;
  pairCounts(inner ?? a, outer ?? b, (x, y) => {
    if (same) {
      if (x.value === y.value) t.sum(x, [y]);
    } else if (x.value <= y.value) t.atMost(x, y);
  });
}

/** The name of a row in a list: its insats, party and unit, or question; rows pair by it. */
function identity(row: unknown, index: number): string {
  if (row === null || typeof row !== 'object') return String(index);
  const r = row as Record<string, unknown>;
  if ('insatsCode' in r) return `insats:${String(r.insatsCode)}`;
  if ('question' in r) return `question:${String(r.question)}`;
  if ('party' in r) return `party:${String(r.party)}:${String(r.unit ?? '')}:${'unit' in r}`;
  return String(index);
}

/** Every count of `x` with its twin in `y` (the same path; list rows paired by identity). */
function pairCounts(x: unknown, y: unknown, visit: (x: Count, y: Count) => void): void {
  if (x instanceof Count) {
    if (y instanceof Count) visit(x, y);
    return;
  }
  if (Array.isArray(x)) {
    if (!Array.isArray(y)) return;
    const twins = new Map(y.map((row, i) => [identity(row, i), row]));
    x.forEach((row, i) => {
      const twin = twins.get(identity(row, i));
      if (twin !== undefined) pairCounts(row, twin, visit);
    });
    return;
  }
  if (x !== null && typeof x === 'object' && y !== null && typeof y === 'object') {
    const other = y as Record<string, unknown>;
    for (const [key, value] of Object.entries(x)) if (key in other) pairCounts(value, other[key], visit);
  }
}

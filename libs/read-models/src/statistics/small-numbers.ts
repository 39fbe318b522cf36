import type { Gender } from '@app/case-domain';
import {
  type Form,
  type OrderRelation,
  type Relations,
  type SumRelation,
  isSmall,
  suppress,
} from './secondary-suppression';

// Figures and the small-numbers rule (DOMAIN.md §9, docs/statistics.md "Small numbers").

/** A count split by gender: kvinnor, män and the rest (ANNAT_EJ_SVAR) as its own column. */
export interface Split {
  total: number;
  kvinna: number;
  man: number;
  annat: number;
}

/** What every statistics route's OpenAPI description says of a manager's counts (docs/statistics.md §14). */
export const MANAGER_COUNTS =
  'For a manager every count 1–4 is "<5", and further counts are withheld as null (each 5 or more; an empty ' +
  'cell in CSV) so that no "<5" can be worked out from the counts around it (a total less its other parts, ' +
  'the total row less the other rows, …); zeros are always shown.';

/**
 * A published count: the number; for a manager "<5" when it is 1–4 (the primary rule), and null
 * when it is withheld so that no "<5" can be worked out from the counts around it (the secondary
 * rule). docs/statistics.md §14.
 */
export type Cell = number | '<5' | null;
export type MaskedSplit = Record<keyof Split, Cell>;

export const emptySplit = (): Split => ({ total: 0, kvinna: 0, man: 0, annat: 0 });

export function genderKey(gender: Gender | string): Exclude<keyof Split, 'total'> {
  return gender === 'KVINNA' ? 'kvinna' : gender === 'MAN' ? 'man' : 'annat';
}

export function addTo(split: Split, gender: string, n: number): void {
  split.total += n;
  split[genderKey(gender)] += n;
}

export function sumSplits(splits: Split[]): Split {
  const out = emptySplit();
  for (const s of splits) {
    out.total += s.total;
    out.kvinna += s.kvinna;
    out.man += s.man;
    out.annat += s.annat;
  }
  return out;
}

/**
 * How a caller may see the figures. Only callers allowed to see case-level data (the processledare)
 * get plain numbers. A manager sees every count from 1 to 4 as "<5" (0 stays 0), further counts
 * withheld (null) wherever a "<5" could otherwise be worked out from the counts shown around it, and
 * no figure derived from a group of 1–4 cases or from a withheld count (a median, a share, a mean),
 * which would describe them or, multiplied back by a shown count, undo the masking.
 */
export class SmallNumbers {
  /**
   * `solve`: how a report's masked counts are worked out; the secondary rule itself
   * (secondary-suppression.ts) unless forms worked out elsewhere are handed in (suppression-thread.ts).
   */
  constructor(
    readonly masked: boolean,
    readonly solve: (values: readonly number[], relations: Relations) => Form[] = suppress,
  ) {}

  static for(caller: { roles: readonly string[] }): SmallNumbers {
    return new SmallNumbers(!caller.roles.includes('processledare'));
  }

  /** A new report to publish: its counts, how they add up, then its figures for this caller. */
  table(): ReportTable {
    return new ReportTable(this);
  }

  /**
   * A figure computed from the counts `parts`: withheld (null) for a manager when any part is 1–4.
   * For a median or a mean the part is the number of cases it is taken over; for a share it is the
   * numerator and its complement (positive and not positive), since share × a shown whole gives the
   * numerator back; for a mean over groups the report shows, every group (improved, unchanged,
   * worsened). docs/statistics.md §14.
   */
  derived(value: number | null, ...parts: number[]): number | null {
    if (value === null || parts.every((n) => n === 0)) return null;
    return this.masked && parts.some(isSmall) ? null : value;
  }
}

/** One count of a report being published: see ReportTable. */
export class Count {
  constructor(
    readonly value: number,
    readonly index: number,
  ) {}
}
export type CountSplit = Record<keyof Split, Count>;

/** A report with its counts as published: every Count becomes a Cell. */
export type Published<T> = T extends Count
  ? Cell
  : T extends readonly (infer U)[]
    ? Published<U>[]
    : T extends object
      ? { [K in keyof T]: Published<T[K]> }
      : T;

/**
 * The one place the small-numbers rule is applied (docs/statistics.md §14). A route registers the
 * counts of its report (`count`, `split`) and how they add up (`sum`, `atMost`: a gender split's
 * total, a total row, avslutade and their outcomes …), computes its derived figures with `derived`
 * and publishes the report with `publish`. For a manager the counts are masked as a whole: the
 * primary rule ("<5"), then the secondary rule (null) until no withheld count can be worked out
 * from the shown ones (secondary-suppression.ts). A processledare gets the numbers, untouched.
 */
export class ReportTable {
  private readonly values: number[] = [];
  private readonly sums: SumRelation[] = [];
  private readonly orders: OrderRelation[] = [];
  private forms: Form[] | undefined;

  constructor(private readonly small: SmallNumbers) {}

  count(n: number): Count {
    this.open();
    this.values.push(n);
    return new Count(n, this.values.length - 1);
  }

  /** A count split by gender; total = kvinna + man + annat. */
  split(s: Split): CountSplit {
    const out = {
      total: this.count(s.total),
      kvinna: this.count(s.kvinna),
      man: this.count(s.man),
      annat: this.count(s.annat),
    };
    this.sum(out.total, [out.kvinna, out.man, out.annat]);
    return out;
  }

  /** `total` is the sum of `parts` (and a reader can tell). */
  sum(total: Count, parts: readonly Count[]): void {
    this.open();
    if (!this.small.masked) return;
    const cells = [total, ...parts].map((c) => c.index);
    if (new Set(cells).size !== cells.length) throw new Error('small numbers: a count is twice in one sum');
    if (parts.reduce((n, p) => n + p.value, 0) !== total.value)
      throw new Error('small numbers: a sum does not hold for these figures');
    this.sums.push({ total: total.index, parts: parts.map((p) => p.index) });
  }

  /** The same sum for every gender column and the total. */
  sumSplits(total: CountSplit, parts: readonly CountSplit[]): void {
    for (const k of SPLIT_KEYS)
      this.sum(
        total[k],
        parts.map((p) => p[k]),
      );
  }

  /** `lower` is never more than `upper` (a part of what `upper` counts). */
  atMost(lower: Count, upper: Count): void {
    this.open();
    if (!this.small.masked) return;
    if (lower.value > upper.value) throw new Error('small numbers: an order does not hold for these figures');
    this.orders.push({ lower: lower.index, upper: upper.index });
  }

  atMostSplit(lower: CountSplit, upper: CountSplit): void {
    for (const k of SPLIT_KEYS) this.atMost(lower[k], upper[k]);
  }

  /** Whether the caller does not see this count as a number ("<5" or withheld). */
  withheld(c: Count): boolean {
    return this.small.masked && this.solved()[c.index] !== 'shown';
  }

  /**
   * A figure computed from counts, as SmallNumbers.derived; a Count among `parts` also withholds it
   * when the caller does not see that count, since the figure and the counts shown would give it back.
   */
  derived(value: number | null, ...parts: (Count | number)[]): number | null {
    const shown = this.small.derived(value, ...parts.map((p) => (p instanceof Count ? p.value : p)));
    return shown !== null && parts.some((p) => p instanceof Count && this.withheld(p)) ? null : shown;
  }

  /** The report with every Count as the caller may see it. */
  publish<T>(report: T): Published<T> {
    return this.cells(report) as Published<T>;
  }

  private cells(v: unknown): unknown {
    if (v instanceof Count) {
      if (!this.small.masked) return v.value;
      const form = this.solved()[v.index];
      return form === 'shown' ? v.value : form === 'primary' ? '<5' : null;
    }
    if (Array.isArray(v)) return v.map((x) => this.cells(x));
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.cells(x)]));
    return v;
  }

  private solved(): Form[] {
    this.forms ??= this.small.masked
      ? this.small.solve(this.values, { sums: this.sums, orders: this.orders })
      : this.values.map(() => 'shown');
    return this.forms;
  }

  private open(): void {
    if (this.forms) throw new Error('small numbers: the report is already published');
  }
}

const SPLIT_KEYS = ['total', 'kvinna', 'man', 'annat'] as const satisfies readonly (keyof Split)[];

/** A share 0–1 rounded to three decimals (0.723 = 72.3 %), or null without a basis. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

export function round2(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100;
}

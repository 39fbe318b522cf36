import type { Gender } from '@app/case-domain';
import type { Principal } from '@app/security';

// Figures and the small-numbers rule (DOMAIN.md §9, docs/statistics.md "Small numbers").

/** A count split by gender: kvinnor, män and the rest (ANNAT_EJ_SVAR) as its own column. */
export interface Split {
  total: number;
  kvinna: number;
  man: number;
  annat: number;
}

/** A published count: the number, or "<5" for a manager when it is 1–4. */
export type Cell = number | '<5';
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
 * get plain numbers; a manager sees every count from 1 to 4 as "<5" (0 stays 0), and no figure
 * derived from a group of 1–4 cases (a median, a share, a mean), which would describe them or,
 * multiplied back by a shown count, undo a "<5".
 */
export class SmallNumbers {
  constructor(readonly masked: boolean) {}

  static for(caller: Principal): SmallNumbers {
    return new SmallNumbers(!caller.roles.includes('processledare'));
  }

  count(n: number): Cell {
    return this.masked && n >= 1 && n <= 4 ? '<5' : n;
  }

  split(s: Split): MaskedSplit {
    return {
      total: this.count(s.total),
      kvinna: this.count(s.kvinna),
      man: this.count(s.man),
      annat: this.count(s.annat),
    };
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
    return this.masked && parts.some((n) => n >= 1 && n <= 4) ? null : value;
  }
}

/** A share 0–1 rounded to three decimals (0.723 = 72.3 %), or null without a basis. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

export function round2(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100;
}

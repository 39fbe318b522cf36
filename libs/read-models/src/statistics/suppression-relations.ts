// What a reader of a published report knows about its counts, and how each count is published.

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

// Secondary suppression (docs/statistics.md §14): which further counts a manager must not see so
// that no withheld count can be worked out from the ones shown. Pure: numbers in, forms out.
import {
  type Form,
  type OrderRelation,
  type Relations,
  type SumRelation,
  isSmall,
} from './suppression-relations';
import {
  MinHeap,
  PossibleValues,
  type Ranges,
  SumExposure,
  freshStayFree,
  narrowedRanges,
} from './suppression-inference';

export type { Form, OrderRelation, Relations, SumRelation } from './suppression-relations';
export { isSmall } from './suppression-relations';

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
  // Counts no relation links tell nothing of each other (two disjoint periods, say): each linked
  // part is suppressed on its own, which gives the same forms as the whole at once, sooner.
  for (const part of linkedParts(values, relations)) {
    const partForms = suppressLinked(part.values, part.relations);
    part.cells.forEach((cell, i) => (forms[cell] = partForms[i]));
  }
  return forms;
}

/** suppress() for counts that relations link into one whole. */
function suppressLinked(values: readonly number[], relations: Relations): Form[] {
  const forms: Form[] = values.map((n) => (isSmall(n) ? 'primary' : 'shown'));
  const graph = linkGraph(values.length, relations);
  // Each round withholds more than the last (and everything withheld, more than any): what was found
  // possible stays possible (narrowedRanges), what the sums fix is brought up to date, not worked
  // out again (SumExposure), and while the ranges pin nothing but what the forms alone give away,
  // only the counts withheld since are checked (exposures). The forms come out as if every round
  // worked everything out again.
  const rounds: Rounds = {
    possible: new PossibleValues(),
    fixedBySums: new SumExposure(values.length, relations.sums),
    withheld: new Uint8Array(values.length),
  };
  const lone = new LoneCounts(values, graph.groups.slice(0, relations.sums.length));
  for (;;) {
    lone.run(forms);
    const picked = new Set<number>();
    const pickedGroups = new Set<number>();
    const found = exposures(values, forms, relations, graph, rounds);
    if (found.length > 0) rounds.inherent ??= givenAwayWhateverIsWithheld(values, relations, rounds.possible);
    const inherent = rounds.inherent;
    rounds.last!.pinned = !rounds.last!.fresh && pinnedBeyondForms(forms, rounds.last!.ranges, inherent);
    for (const e of found) {
      if (inherent!.has(e.cell)) continue;
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
    for (const cell of picked) {
      forms[cell] = 'secondary';
      lone.withheld(cell);
    }
  }
}

/**
 * The counts the forms alone give away: pinned to one value even with every count that is not 0
 * withheld. Only ranges can give a count away then: a sum fixing one would make it the sum of
 * shown zeros.
 */
function givenAwayWhateverIsWithheld(
  values: readonly number[],
  relations: Relations,
  possible: PossibleValues,
): Set<number> {
  const everythingWithheld = values.map((n): Form =>
    n === 0 ? 'shown' : isSmall(n) ? 'primary' : 'secondary',
  );
  const { lo, hi } = narrowedRanges(values, everythingWithheld, relations, { known: possible });
  return new Set(values.flatMap((n, c) => (n > 0 && lo[c] === hi[c] ? [c] : [])));
}

/**
 * The cheap part of the rule, to a fixpoint before every full check: a sum with exactly one withheld
 * count gives it back by subtraction, so its smallest non-zero shown count is withheld too. Pass
 * after pass over the sums in order, until a pass withholds nothing. A sum none of whose counts was
 * withheld since it was last looked at would do as it did then (nothing), so only the others are
 * looked at, in the same order.
 */
class LoneCounts {
  private readonly sumsOf: number[][];
  // Per sum: 1 when it is to be looked at in this pass, 2 in the next.
  private readonly queued: Uint8Array;
  private readonly thisPass = new MinHeap();
  private nextPass: number[];
  private current = -1;

  constructor(
    private readonly values: readonly number[],
    private readonly sums: readonly (readonly number[])[],
  ) {
    this.sumsOf = values.map(() => []);
    sums.forEach((cells, k) => {
      for (const c of cells) this.sumsOf[c].push(k);
    });
    // The first pass looks at every sum.
    this.queued = new Uint8Array(sums.length).fill(2);
    this.nextPass = sums.map((_, k) => k);
  }

  /** `cell` is withheld from now on: the sums it is in are looked at again. */
  withheld(cell: number): void {
    for (const k of this.sumsOf[cell]) {
      if (this.queued[k]) continue;
      // A sum still ahead in this pass is looked at in it; one behind, in the next.
      if (k > this.current) {
        this.queued[k] = 1;
        this.thisPass.push(k);
      } else {
        this.queued[k] = 2;
        this.nextPass.push(k);
      }
    }
  }

  /** Withholds (in `forms`) until no sum has exactly one withheld count. */
  run(forms: Form[]): void {
    const { values, sums, queued, thisPass } = this;
    for (;;) {
      this.current = -1;
      for (const k of this.nextPass) {
        queued[k] = 1;
        thisPass.push(k);
      }
      this.nextPass = [];
      if (thisPass.size === 0) return;
      while (thisPass.size > 0) {
        const k = thisPass.pop();
        queued[k] = 0;
        this.current = k;
        const cells = sums[k];
        let withheld = 0;
        for (let i = 0; i < cells.length && withheld < 2; i++) if (forms[cells[i]] !== 'shown') withheld++;
        if (withheld !== 1) continue;
        let pick: number | undefined;
        for (const c of cells) {
          if (forms[c] === 'shown' && values[c] > 0 && (pick === undefined || values[c] < values[pick]))
            pick = c;
        }
        // A withheld count is never 0, so its sum always has a shown count that is not 0 either.
        if (pick !== undefined) {
          forms[pick] = 'secondary';
          this.withheld(pick);
        }
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

/** What one round of the rule carries over to the next. */
interface Rounds {
  possible: PossibleValues;
  fixedBySums: SumExposure;
  /** The counts the forms alone give away (givenAwayWhateverIsWithheld), once there are exposures. */
  inherent?: Set<number>;
  /** 1 for every count withheld as of the last round. */
  withheld: Uint8Array;
  /** Ranges of this report no longer needed, for freshStayFree to work in. */
  spare?: Ranges;
  /**
   * The last round's ranges; whether those ranges were only shown to keep its fresh counts
   * free (freshStayFree) rather than narrowed over the whole report; and whether they pinned a
   * withheld count the forms alone do not give away.
   */
  last?: { ranges: Ranges; fresh: boolean; pinned: boolean };
}

/** The withheld counts (either form) a reader can work out exactly from what is shown. */
function exposures(
  values: readonly number[],
  forms: readonly Form[],
  relations: Relations,
  graph: Graph,
  rounds: Rounds,
): Exposure[] {
  const { possible, fixedBySums, inherent, last, withheld } = rounds;
  // The counts withheld since the last round. Withheld counts stay withheld: the sums' answer is
  // brought up to date, not worked out again.
  const since: number[] = [];
  for (let c = 0; c < values.length; c++)
    if (forms[c] !== 'shown' && !withheld[c]) {
      withheld[c] = 1;
      since.push(c);
    }
  fixedBySums.withholdAll(since);
  // Withholding more only widens the ranges, so a count they do not pin stays unpinned. When the
  // last round pinned nothing but what the forms alone give away, this round can pin no more than
  // those and the counts withheld since; if these are shown to stay free, that is the answer
  // without narrowing the whole report again.
  const fresh =
    last && inherent && !last.pinned
      ? freshStayFree(last.ranges, values, forms, since, possible, rounds.spare)
      : undefined;
  const ranges = fresh ?? narrowedRanges(values, forms, relations, { known: possible, found: possible });
  // The last round's ranges are not needed after this one: the next shortcut works in them.
  if (last) rounds.spare = last.ranges;
  rounds.last = { ranges, fresh: fresh !== undefined, pinned: true };
  const { lo, hi } = ranges;
  const pinned = fresh ? (c: number) => inherent!.has(c) : (c: number) => lo[c] === hi[c];
  const byRange = (c: number) => ranges.narrowedBy(c);
  const byAnySum = (c: number) => graph.groupsOf[c];
  const out: Exposure[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!withheld[i]) continue;
    if (fixedBySums.determined(i)) out.push({ cell: i, via: graph.groupsOf[i], further: byAnySum });
    else if (pinned(i)) out.push({ cell: i, via: ranges.narrowedBy(i), further: byRange });
  }
  return out;
}

/** Whether `ranges` pin a withheld count (either form) the forms alone do not give away. */
function pinnedBeyondForms(
  forms: readonly Form[],
  ranges: Ranges,
  inherent: Set<number> | undefined,
): boolean {
  return forms.some((f, c) => f !== 'shown' && ranges.lo[c] === ranges.hi[c] && !inherent?.has(c));
}

/**
 * The counts split into parts no relation crosses, each with its relations renumbered to the part's
 * counts (in the same order, so ties still go to the count declared first). Counts in no relation
 * are left out: the primary rule is all there is to them.
 */
function linkedParts(
  values: readonly number[],
  relations: Relations,
): { cells: number[]; values: number[]; relations: Relations }[] {
  const parent = values.map((_, c) => c);
  const find = (c: number): number => {
    while (parent[c] !== c) c = parent[c] = parent[parent[c]];
    return c;
  };
  const link = (a: number, b: number) => {
    const [x, y] = [find(a), find(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  };
  const linked = new Array<boolean>(values.length).fill(false);
  for (const s of relations.sums) for (const p of s.parts) link(s.total, p);
  for (const o of relations.orders) link(o.lower, o.upper);
  for (const s of relations.sums) for (const c of [s.total, ...s.parts]) linked[c] = true;
  for (const o of relations.orders) linked[o.lower] = linked[o.upper] = true;
  const parts = new Map<number, { cells: number[]; values: number[]; relations: Relations }>();
  const local = new Array<number>(values.length);
  values.forEach((n, c) => {
    if (!linked[c]) return;
    const root = find(c);
    let part = parts.get(root);
    if (!part) parts.set(root, (part = { cells: [], values: [], relations: { sums: [], orders: [] } }));
    local[c] = part.cells.length;
    part.cells.push(c);
    part.values.push(n);
  });
  for (const s of relations.sums)
    (parts.get(find(s.total))!.relations.sums as SumRelation[]).push({
      total: local[s.total],
      parts: s.parts.map((p) => local[p]),
    });
  for (const o of relations.orders)
    (parts.get(find(o.lower))!.relations.orders as OrderRelation[]).push({
      lower: local[o.lower],
      upper: local[o.upper],
    });
  return [...parts.values()];
}

/** Relations by index: the sums first, then the orders (the same order as in Ranges). */
interface Graph {
  /** Every relation as the list of its counts. */
  groups: number[][];
  /** For every count, the relations it is part of. */
  groupsOf: number[][];
  /** For nearestShown: its searches so far, and the last to reach each count and each relation. */
  searches: number;
  cellSeenIn: Uint32Array;
  groupSeenIn: Uint32Array;
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
  return {
    groups,
    groupsOf,
    searches: 0,
    cellSeenIn: new Uint32Array(size),
    groupSeenIn: new Uint32Array(groups.length),
  };
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
  const search = ++graph.searches;
  const { cellSeenIn, groupSeenIn } = graph;
  cellSeenIn[e.cell] = search;
  let groups = e.via;
  while (groups.length > 0) {
    let best: number | undefined;
    const next: number[] = [];
    for (const g of groups) {
      if (groupSeenIn[g] === search) continue;
      groupSeenIn[g] = search;
      for (const other of graph.groups[g]) {
        if (forms[other] === 'shown') {
          if (
            values[other] > 0 &&
            (best === undefined ||
              values[other] < values[best] ||
              (values[other] === values[best] && other < best))
          )
            best = other;
        } else if (cellSeenIn[other] !== search) {
          cellSeenIn[other] = search;
          for (const h of e.further(other)) next.push(h);
        }
      }
    }
    if (best !== undefined) return best;
    groups = next;
  }
  return undefined;
}

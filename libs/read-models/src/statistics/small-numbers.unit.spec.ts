import { OUTCOMES, OUTCOME_CLASS, SIP_INITIATOR_ROLES, type Outcome } from '@app/case-domain';
import { SmallNumbers, type Split, addTo, emptySplit, sumSplits } from './small-numbers';
import { suppress } from './secondary-suppression';
import { SuppressionThread } from './suppression-thread';
import { presentCaseOutcomes, type CaseOutcomesReport } from './queries/case-outcomes.query';
import { presentClosingSurvey, type ClosingSurveyReport } from './queries/closing-survey.query';
import { presentInitiatingParties, type InitiatingPartiesReport } from './queries/initiating-parties.query';
import { presentFollowUps, type FollowUpsReport } from './queries/follow-ups.query';
import { presentLeadTimes, type LeadTimesReport } from './queries/lead-times.query';
import { presentSips, type SipsReport } from './queries/sips.query';
import {
  presentProgression,
  type ProgressionFigures,
  type ProgressionReport,
} from './queries/progression.query';
import {
  ARBETE_ELLER_STUDIER,
  OUTCOME_KEYS,
  type OutcomeKey,
  type ParticipantFigures,
  type ParticipantsReport,
  presentParticipants,
} from './queries/participants.query';

// docs/statistics.md §14: a derived figure is withheld from a manager when any count it is computed
// from is 1–4, so that no share times a shown whole gives a "<5" back.

const manager = new SmallNumbers(true);
const processledare = new SmallNumbers(false);

describe('SmallNumbers.derived', () => {
  it('given a share of 1 in 7, when a manager reads it, then it is withheld: 0.143 × 7 would give the 1 back', () => {
    expect(manager.derived(0.143, 1, 6)).toBeNull();
    expect(manager.derived(0.857, 6, 1)).toBeNull();
    expect(processledare.derived(0.143, 1, 6)).toBe(0.143);
  });

  it('given every part 0 or 5 and more, then the figure is shown', () => {
    expect(manager.derived(0.5, 5, 5)).toBe(0.5);
    expect(manager.derived(0, 0, 7)).toBe(0);
    expect(manager.derived(1, 7, 0)).toBe(1);
    expect(manager.derived(12, 9)).toBe(12);
  });

  it('given no basis, then there is no figure, for anyone', () => {
    expect(manager.derived(null, 0, 0)).toBeNull();
    expect(processledare.derived(null, 0)).toBeNull();
    expect(processledare.derived(3, 0)).toBeNull();
  });

  it('given a median of 1–4 cases, then a manager gets null', () => {
    expect(manager.derived(30, 4)).toBeNull();
    expect(manager.derived(30, 5)).toBe(30);
  });
});

describe('every statistics route withholds a share whose part or complement is "<5"', () => {
  it('closing survey: 7 answers, 1 positive → positive "<5", share null (and 6 positive → share null)', () => {
    const report: ClosingSurveyReport = {
      from: '2026-06-01',
      to: '2026-06-30',
      insatsCode: 'AMT',
      surveys: 10,
      questions: [
        { question: 'q1', text: '', answered: 7, positive: 1, share: 0.143 },
        { question: 'q2', text: '', answered: 7, positive: 6, share: 0.857 },
        { question: 'q3', text: '', answered: 10, positive: 5, share: 0.5 },
        { question: 'q4', text: '', answered: 7, positive: 0, share: 0 },
      ],
    };
    const [q1, q2, q3, q4] = presentClosingSurvey(report, manager).questions;
    expect(q1).toMatchObject({ answered: 7, positive: '<5', share: null });
    expect(q2).toMatchObject({ answered: 7, positive: 6, share: null });
    expect(q3).toMatchObject({ answered: 10, positive: 5, share: 0.5 });
    expect(q4).toMatchObject({ answered: 7, positive: 0, share: 0 });
    expect(presentClosingSurvey(report, processledare).questions[0]).toMatchObject({
      positive: 1,
      share: 0.143,
    });
  });

  it('lead times: the 90-day share with 1 met of 7 is withheld', () => {
    const days = { count: 0, median: null, p90: null };
    const report: LeadTimesReport = {
      from: '2026-01-01',
      to: '2026-06-30',
      toDecision: days,
      toFirstInsats: days,
      toClosure: days,
      ninetyDayRule: { cases: 7, met: 1, missed: 6, share: 0.143 },
    };
    // 7 − 6 would give the met back: the missed go too (secondary suppression), the 7 stays.
    expect(presentLeadTimes(report, manager).ninetyDayRule).toEqual({
      cases: 7,
      met: '<5',
      missed: null,
      share: null,
    });
    report.ninetyDayRule = { cases: 10, met: 5, missed: 5, share: 0.5 };
    expect(presentLeadTimes(report, manager).ninetyDayRule.share).toBe(0.5);
  });

  it('follow-ups: a share of 6 on time and 1 late is withheld, overall and per month', () => {
    const f = { due: 9, onTime: 6, late: 1, pending: 2, share: 0.857 };
    const report: FollowUpsReport = {
      from: '2026-01-01',
      to: '2026-06-30',
      graceDays: 14,
      ...f,
      byMonth: { '3': f },
    };
    const masked = presentFollowUps(report, manager);
    expect(masked.share).toBeNull();
    expect(masked.byMonth['3'].share).toBeNull();
    expect(presentFollowUps(report, processledare).share).toBe(0.857);
  });

  it('SIPs: a förmöte share of 1 in 7 held is withheld', () => {
    const held = { total: 7, kvinna: 7, man: 0, annat: 0 };
    const withFormote = { total: 1, kvinna: 1, man: 0, annat: 0 };
    const report = {
      from: '2026-01-01',
      to: '2026-06-30',
      held,
      byKind: { FORSTA: held, UPPFOLJNING: emptySplit() },
      byInitiatorRole: Object.fromEntries(
        SIP_INITIATOR_ROLES.map((role) => [role, role === 'SOCIALSEKRETERARE' ? held : emptySplit()]),
      ),
      withFormote,
      formoteShare: 0.143,
      daysRequestToHeld: { count: 7, median: 10, p90: 20 },
    } as unknown as SipsReport;
    const masked = presentSips(report, manager);
    expect(masked.withFormote.total).toBe('<5');
    expect(masked.formoteShare).toBeNull();
    expect(masked.daysRequestToHeld).toEqual({ count: 7, median: 10, p90: 20 });
  });

  it('progression: with "<5" improved over 5 measured periods the mean change is withheld, and so are the step means it is the difference of', () => {
    const f: ProgressionFigures = {
      periods: 5,
      measured: 5,
      firstStepMean: 2,
      lastStepMean: 2.2,
      changeMean: 0.2,
      improved: 1,
      unchanged: 4,
      worsened: 0,
      vas: { measured: 5, firstMean: 40, lastMean: 50, changeMean: 10 },
    };
    const masked = presentProgression(
      { from: '2026-01-01', to: '2026-06-30', rows: [{ insatsCode: 'AMT', name: 'AMT', ...f }], total: f },
      manager,
    ).total;
    // 2.2 − 2 would give the 0.2 back: exactly one period improved by one step.
    expect(masked).toMatchObject({
      firstStepMean: null,
      lastStepMean: null,
      changeMean: null,
      improved: '<5',
    });
    expect(masked.vas).toEqual({ measured: 5, firstMean: 40, lastMean: 50, changeMean: 10 });
    // With every group 0 or at least 5 the means are shown.
    const ten = { ...f, periods: 10, measured: 10, improved: 5, unchanged: 5, changeMean: 0.5 };
    const shown = presentProgression(
      {
        from: '2026-01-01',
        to: '2026-06-30',
        rows: [{ insatsCode: 'AMT', name: 'AMT', ...ten }],
        total: ten,
      },
      manager,
    ).total;
    expect(shown).toMatchObject({ firstStepMean: 2, lastStepMean: 2.2, changeMean: 0.5 });
  });
});

// docs/statistics.md §14, secondary suppression: a manager must not be able to work a "<5" out from
// the counts shown around it. The checks below know nothing of how the service chooses what to
// withhold: they read the published report as a manager gets it, with the relations a reader knows
// (a gender split's total, the total row, avslutade and their outcomes, …), written out again here.

type Sum = { total: string; parts: string[] };
type Order = { lower: string; upper: string };
type Relations = { sums: Sum[]; orders: Order[] };

const isWithheld = (c: unknown) => c === '<5' || c === null;

/** Every value of a report by its path: "rows.0.participants.kvinna". */
function cellsOf(report: object): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    else out.set(path, v);
  };
  walk(report, '');
  return out;
}

const countPaths = (r: Relations) => [
  ...new Set([
    ...r.sums.flatMap((s) => [s.total, ...s.parts]),
    ...r.orders.flatMap((o) => [o.lower, o.upper]),
  ]),
];

/**
 * The brute force of the brief: every sum, one at a time — a withheld count that is the only
 * withheld one of a sum is that sum's shown counts added and subtracted. The leaks found.
 */
function loneWithheld(report: object, relations: Relations): string[] {
  const cells = cellsOf(report);
  const leaks: string[] = [];
  for (const s of relations.sums) {
    const all = [s.total, ...s.parts];
    for (const p of all) if (!cells.has(p)) throw new Error(`the report has no count ${p}`);
    const hidden = all.filter((p) => isWithheld(cells.get(p)));
    if (hidden.length === 1) leaks.push(`${hidden[0]} from ${s.total} = ${s.parts.join(' + ')}`);
  }
  return leaks;
}

/**
 * The stronger brute force: is there any other way to fill in the withheld counts ("<5" with 1–4,
 * null with 5 up to `cap`: 0 is always shown and 1–4 always "<5", so a reader knows a null is 5 or
 * more) that fits the shown counts and every relation at once? A small complete search: narrow the
 * ranges by the relations, split a range in two, and again, until every count has one value or a
 * range is empty. The withheld counts that can only be one value.
 */
function pinned(
  report: object,
  relations: Relations,
  cap: number,
  only?: (path: string) => boolean,
): string[] {
  const cells = cellsOf(report);
  const paths = countPaths(relations);
  const index = new Map(paths.map((p, i) => [p, i]));
  const sums = relations.sums.map((s) => ({
    total: index.get(s.total)!,
    parts: s.parts.map((p) => index.get(p)!),
  }));
  const orders = relations.orders.map((o) => [index.get(o.lower)!, index.get(o.upper)!] as const);
  const start = paths.map((p): [number, number] => {
    const c = cells.get(p);
    return typeof c === 'number' ? [c, c] : c === '<5' ? [1, 4] : [5, cap];
  });
  const narrow = (r: [number, number][]): boolean => {
    for (let changed = true; changed;) {
      changed = false;
      const set = (i: number, lo: number, hi: number) => {
        if (lo > r[i][0] || hi < r[i][1]) {
          r[i] = [Math.max(lo, r[i][0]), Math.min(hi, r[i][1])];
          changed = true;
        }
      };
      for (const s of sums) {
        const lo = s.parts.reduce((n, p) => n + r[p][0], 0);
        const hi = s.parts.reduce((n, p) => n + r[p][1], 0);
        set(s.total, lo, hi);
        for (const p of s.parts) set(p, r[s.total][0] - (hi - r[p][1]), r[s.total][1] - (lo - r[p][0]));
      }
      for (const [a, b] of orders) {
        set(a, -Infinity, r[b][1]);
        set(b, r[a][0], Infinity);
      }
      if (r.some(([lo, hi]) => lo > hi)) return false;
    }
    return true;
  };
  type Ranges = [number, number][];
  const copy = (r: Ranges): Ranges => r.map(([lo, hi]) => [lo, hi]);
  // One filling within the ranges, or undefined when none fits.
  const fill = (r: Ranges): number[] | undefined => {
    if (!narrow(r)) return undefined;
    // The narrowest open range first: a dead end shows soonest there.
    let open = -1;
    r.forEach(([lo, hi], i) => {
      if (lo < hi && (open < 0 || hi - lo < r[open][1] - r[open][0])) open = i;
    });
    if (open < 0) return r.map(([lo]) => lo);
    const [lo, hi] = r[open];
    const mid = Math.floor((lo + hi) / 2);
    const left = copy(r);
    left[open] = [lo, mid];
    const right = copy(r);
    right[open] = [mid + 1, hi];
    return fill(left) ?? fill(right);
  };
  const one = fill(copy(start));
  if (!one) throw new Error('no filling fits: the relations written here do not hold');
  const fitsWith = (i: number, lo: number, hi: number) => {
    if (lo > hi) return false;
    const r = copy(start);
    r[i] = [Math.max(lo, r[i][0]), Math.min(hi, r[i][1])];
    return fill(r) !== undefined;
  };
  return paths.filter(
    (p, i) =>
      isWithheld(cells.get(p)) &&
      (!only || only(p)) &&
      !fitsWith(i, -Infinity, one[i] - 1) &&
      !fitsWith(i, one[i] + 1, Infinity),
  );
}

/**
 * What the forms alone give away, which no suppression can change: the counts pinned even when
 * every count that is not 0 is withheld (four insatser with "<5" and a "<5" total: 1 each).
 */
function pinnedWhateverIsWithheld(
  plain: object,
  relations: Relations,
  cap: number,
  among: string[],
): string[] {
  const everything = JSON.parse(
    JSON.stringify(plain, (_, v) => (typeof v === 'number' && v > 0 ? (v <= 4 ? '<5' : null) : v)),
  ) as object;
  return pinned(everything, relations, cap, (p) => among.includes(p));
}

/**
 * The published forms tell the truth: a shown count is the count, "<5" is 1–4, null is 5 or more
 * (never 0: zeros are public), and 0 is always shown.
 */
function formsAgree(published: object, truth: object, relations: Relations): string[] {
  const shown = cellsOf(published);
  const real = cellsOf(truth);
  const wrong: string[] = [];
  for (const p of countPaths(relations)) {
    const c = shown.get(p);
    const n = real.get(p) as number;
    const ok =
      c === '<5'
        ? n >= 1 && n <= 4
        : c === null
          ? n >= 5
          : typeof c === 'number' && c === n && !(n >= 1 && n <= 4);
    if (!ok) wrong.push(`${p}: ${String(c)} for ${n}`);
  }
  return wrong;
}

/** All the checks for one report, as a manager and as a processledare gets it. */
function expectProtected(masked: object, plain: object, relations: Relations): void {
  expect(loneWithheld(masked, relations)).toEqual([]);
  expect(formsAgree(masked, plain, relations)).toEqual([]);
  // Far above any count of the report: a null is searched from 5 up to here.
  const cap = 2 * Math.max(5, ...countPaths(relations).map((p) => cellsOf(plain).get(p) as number));
  // A "<5" is what the rule protects (a withheld count of 5 or more could have been shown); one that
  // the forms alone give away is beyond any suppression.
  const cells = cellsOf(masked);
  const given = pinned(masked, relations, cap, (p) => cells.get(p) === '<5');
  const unavoidable = given.length ? pinnedWhateverIsWithheld(plain, relations, cap, given) : [];
  expect(given.filter((p) => !unavoidable.includes(p))).toEqual([]);
}

const GENDERS = ['total', 'kvinna', 'man', 'annat'] as const;
const s3 = (kvinna: number, man: number, annat = 0) => ({ total: kvinna + man + annat, kvinna, man, annat });
const genderSum = (path: string): Sum => ({
  total: `${path}.total`,
  parts: [`${path}.kvinna`, `${path}.man`, `${path}.annat`],
});
const perGender = (total: string, parts: string[]): Sum[] =>
  GENDERS.map((g) => ({ total: `${total}.${g}`, parts: parts.map((p) => `${p}.${g}`) }));
const atMostPerGender = (lower: string, upper: string): Order[] =>
  GENDERS.map((g) => ({ lower: `${lower}.${g}`, upper: `${upper}.${g}` }));

// Participants (docs/statistics.md §1–§5): what a reader of the report knows.
const PARTICIPANT_SPLITS = ['participants', 'new', 'ended', ...OUTCOME_KEYS.map((k) => `outcomes.${k}`)];
const ARBETE_OCH_STUDIER = OUTCOMES.filter((o) => OUTCOME_CLASS[o] === 'arbete/studier');

function participantsRelations(rowCount: number): Relations {
  const rows = Array.from({ length: rowCount }, (_, i) => `rows.${i}`);
  const lines = [...rows, 'total'];
  const sums: Sum[] = [genderSum('unique.participants')];
  const orders: Order[] = [];
  for (const line of lines) {
    for (const m of PARTICIPANT_SPLITS) sums.push(genderSum(`${line}.${m}`));
    sums.push(
      ...perGender(
        `${line}.ended`,
        OUTCOMES.map((o) => `${line}.outcomes.${o}`),
      ),
      ...perGender(
        `${line}.outcomes.${ARBETE_ELLER_STUDIER}`,
        ARBETE_OCH_STUDIER.map((o) => `${line}.outcomes.${o}`),
      ),
    );
    orders.push(...atMostPerGender(`${line}.new`, `${line}.participants`));
    orders.push(...atMostPerGender(`${line}.ended`, `${line}.participants`));
  }
  for (const m of PARTICIPANT_SPLITS)
    sums.push(
      ...perGender(
        `total.${m}`,
        rows.map((r) => `${r}.${m}`),
      ),
    );
  sums.push({ total: 'total.volume', parts: rows.map((r) => `${r}.volume`) });
  for (const r of rows) orders.push(...atMostPerGender(`${r}.participants`, 'unique.participants'));
  orders.push(...atMostPerGender('unique.participants', 'total.participants'));
  return { sums, orders };
}

type Figures = Partial<Omit<ParticipantFigures, 'outcomes'>> & { outcomes?: Partial<Record<Outcome, Split>> };

/** A participants report from its rows; the total row is their sum, unique persons as given (or the sum). */
function participantsOf(rows: Record<string, Figures>, unique?: Split): ParticipantsReport {
  const full = Object.entries(rows).map(([code, f]) => {
    const outcomes = Object.fromEntries(
      OUTCOME_KEYS.map((k) => [k, (f.outcomes as Record<string, Split> | undefined)?.[k] ?? emptySplit()]),
    ) as Record<OutcomeKey, Split>;
    outcomes[ARBETE_ELLER_STUDIER] = sumSplits(ARBETE_OCH_STUDIER.map((o) => outcomes[o]));
    const ended = sumSplits(OUTCOMES.map((o) => outcomes[o]));
    return {
      insatsCode: code,
      name: code,
      participants: f.participants ?? emptySplit(),
      new: f.new ?? emptySplit(),
      ended,
      volume: f.volume ?? 0,
      outcomes,
    };
  });
  const total: ParticipantFigures = {
    participants: sumSplits(full.map((r) => r.participants)),
    new: sumSplits(full.map((r) => r.new)),
    ended: sumSplits(full.map((r) => r.ended)),
    volume: full.reduce((n, r) => n + r.volume, 0),
    outcomes: Object.fromEntries(
      OUTCOME_KEYS.map((k) => [k, sumSplits(full.map((r) => r.outcomes[k]))]),
    ) as Record<OutcomeKey, Split>,
  };
  return {
    from: '2026-01-01',
    to: '2026-06-30',
    rows: full,
    total,
    unique: { participants: unique ?? total.participants },
  };
}

function checkParticipants(report: ParticipantsReport) {
  const masked = presentParticipants(report, manager);
  const plain = presentParticipants(report, processledare);
  expectProtected(masked, plain, participantsRelations(report.rows.length));
  return masked;
}

describe('secondary suppression: no "<5" can be worked out from the counts shown around it (§14)', () => {
  it('the row {total 7, kvinna "<5", man 5, annat 0} no longer gives kvinna = 7 − 5 − 0: man is withheld (null)', () => {
    const t = manager.table();
    const split = t.split(s3(2, 5));
    expect(t.publish(split)).toEqual({ total: 7, kvinna: '<5', man: null, annat: 0 });
    // A reader knows kvinna is 1–4 and man 5 or more: kvinna is 1 or 2, man 5 or 6 — neither one number.
    const relations = { sums: [genderSum('s')], orders: [] };
    expect(loneWithheld({ s: t.publish(split) }, relations)).toEqual([]);
    expect(pinned({ s: t.publish(split) }, relations, 20)).toEqual([]);
  });

  it('the same row in the participants report: the total row and the unique persons, which would give man back, are withheld with it', () => {
    const masked = checkParticipants(participantsOf({ AMT: { participants: s3(2, 5) } }));
    expect(masked.rows[0].participants).toEqual({ total: 7, kvinna: '<5', man: null, annat: 0 });
    // The total row is the one row; unique persons lie between the largest row and the row sum.
    expect(masked.total.participants).toEqual({ total: 7, kvinna: '<5', man: null, annat: 0 });
    expect(masked.unique.participants).toEqual({ total: 7, kvinna: '<5', man: null, annat: 0 });
  });

  it('a column: the "<5" of one insats is not the total row less the other insats', () => {
    const masked = checkParticipants(
      participantsOf({ AMT: { participants: s3(3, 9) }, FIA: { participants: s3(8, 7) } }),
    );
    // kvinna: 11 − 8 would give AMT's 3, so FIA's 8 goes; then FIA's row would give it back (15 − 7)…
    expect(masked.rows.map((r) => r.participants)).toEqual([
      { total: 12, kvinna: '<5', man: null, annat: 0 },
      { total: 15, kvinna: null, man: null, annat: 0 },
    ]);
    expect(masked.total.participants).toEqual({ total: 27, kvinna: 11, man: 16, annat: 0 });
  });

  it('rows and columns interact: withholding in a row opens a column, and so on, until stable', () => {
    const masked = checkParticipants(
      participantsOf({
        A: { participants: s3(3, 9, 8) },
        B: { participants: s3(10, 6, 9) },
        C: { participants: s3(12, 11, 7) },
      }),
    );
    // A's "<5" takes A's annat (row A) and B's kvinna (column kvinna); those take C's annat (column
    // annat) and B's man (row B), which take C's man: a cycle through all three rows.
    expect(masked.rows.map((r) => r.participants)).toEqual([
      { total: 20, kvinna: '<5', man: 9, annat: null },
      { total: 25, kvinna: null, man: null, annat: 9 },
      { total: 30, kvinna: 12, man: null, annat: null },
    ]);
    expect(masked.total.participants).toEqual({ total: 75, kvinna: 25, man: 26, annat: 24 });
  });

  it('a withheld count is 5 or more, and a reader knows it: 6 = "<5" + withheld pins both (1 and 5), so the total goes too', () => {
    const t = manager.table();
    const split = t.split(s3(1, 5));
    const published = { s: t.publish(split) };
    expect(published.s).toEqual({ total: null, kvinna: '<5', man: null, annat: 0 });
    expect(pinned(published, { sums: [genderSum('s')], orders: [] }, 20)).toEqual([]);
  });

  it('two "<5" can pin each other: 8 = "<5" + "<5" means 4 and 4, so the total goes', () => {
    const t = manager.table();
    const split = t.split(s3(4, 4));
    expect(t.publish(split)).toEqual({ total: null, kvinna: '<5', man: '<5', annat: 0 });
  });

  it('outcomes: avslutade is the sum of the outcome columns, and arbete eller studier of ARBETE and STUDIER', () => {
    const masked = checkParticipants(
      participantsOf({
        NOVA: {
          participants: s3(20, 15),
          new: s3(9, 6),
          outcomes: { ARBETE: s3(2, 6), STUDIER: s3(6, 0), SJUKDOM: s3(5, 5) },
        },
      }),
    );
    const row = masked.rows[0];
    // ARBETE.kvinna is "<5": neither ARBETE 8 − 6, nor arbete eller studier 8 − 6, nor avslutade 13 − 6 − 5 gives it.
    expect(row.outcomes.ARBETE.kvinna).toBe('<5');
    expect(row.participants).toEqual({ total: 35, kvinna: 20, man: 15, annat: 0 });
  });

  it('zeros stay zeros, however much is withheld around them', () => {
    const report = participantsOf({
      A: { participants: s3(1, 0, 2), new: s3(1, 0, 0), volume: 3 },
      B: { participants: s3(0, 6, 1), outcomes: { FLYTT: s3(0, 5, 1) } },
    });
    const masked = checkParticipants(report);
    const shown = cellsOf(masked);
    for (const [path, n] of cellsOf(presentParticipants(report, processledare)))
      if (n === 0) expect({ path, shown: shown.get(path) }).toEqual({ path, shown: 0 });
  });

  it('what the forms alone give away is left as it is: four insatser with "<5" and a "<5" total of 4 (each is 1)', () => {
    const report = participantsOf(
      Object.fromEntries(['A', 'B', 'C', 'D'].map((code) => [code, { participants: s3(0, 1) }])),
    );
    const masked = presentParticipants(report, manager);
    // Nothing shown gives it away and no suppression can help, so nothing more is withheld.
    expect(JSON.stringify(masked)).not.toContain('null');
    expect(masked.total.participants).toEqual({ total: '<5', kvinna: 0, man: '<5', annat: 0 });
  });

  it('a processledare gets every number as it is, withheld nothing', () => {
    const report = participantsOf({
      A: { participants: s3(3, 9, 8), volume: 2 },
      B: { participants: s3(10, 6, 9), outcomes: { ARBETE: s3(1, 2) } },
    });
    expect(presentParticipants(report, processledare)).toEqual(report);
  });

  it('random participants reports: every manager report passes every check', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    for (let run = 0; run < 25; run++) {
      const rows: Record<string, Figures> = {};
      const persons = 8 + Math.floor(random() * 40);
      const unique = emptySplit();
      for (let p = 0; p < persons; p++) {
        const gender = pick(['KVINNA', 'KVINNA', 'MAN', 'MAN', 'ANNAT_EJ_SVAR']);
        addTo(unique, gender, 1);
        for (const code of new Set([pick(['A', 'B', 'C']), pick(['A', 'B', 'C', 'C'])])) {
          const f = (rows[code] ??= { participants: emptySplit(), new: emptySplit(), outcomes: {} });
          addTo(f.participants!, gender, 1);
          if (random() < 0.5) addTo(f.new!, gender, 1);
          if (random() < 0.3)
            addTo((f.outcomes![pick(['ARBETE', 'SJUKDOM'] as const)] ??= emptySplit()), gender, 1);
        }
      }
      checkParticipants(participantsOf(rows, unique));
    }
  });
});

describe('every route that shows counts to a manager is protected the same way (§14)', () => {
  const period = { from: '2026-01-01', to: '2026-06-30' };

  it('case outcomes: closed {7, "<5", 5, 0} — its man, and the outcome that equals it, are withheld', () => {
    const outcomes = Object.fromEntries(OUTCOME_KEYS.map((k) => [k, emptySplit()])) as Record<
      OutcomeKey,
      Split
    >;
    outcomes.ARBETE = s3(2, 5);
    outcomes.ARBETE_ELLER_STUDIER = s3(2, 5);
    const report: CaseOutcomesReport = { ...period, closed: s3(2, 5), outcomes };
    const relations: Relations = {
      sums: [
        genderSum('closed'),
        ...OUTCOME_KEYS.map((k) => genderSum(`outcomes.${k}`)),
        ...perGender(
          'closed',
          OUTCOMES.map((o) => `outcomes.${o}`),
        ),
        ...perGender(
          `outcomes.${ARBETE_ELLER_STUDIER}`,
          ARBETE_OCH_STUDIER.map((o) => `outcomes.${o}`),
        ),
      ],
      orders: [],
    };
    const masked = presentCaseOutcomes(report, manager);
    expect(masked.closed).toEqual({ total: 7, kvinna: '<5', man: null, annat: 0 });
    expectProtected(masked, presentCaseOutcomes(report, processledare), relations);
    // Each outcome's share of the closed cases (§6): all seven closed in work.
    const shares: Record<string, number> = Object.fromEntries(OUTCOME_KEYS.map((k) => [k, 0]));
    shares.ARBETE = shares.ARBETE_ELLER_STUDIER = 1;
    expect(presentCaseOutcomes(report, processledare)).toEqual({ ...report, shares });
  });

  it('follow-ups: a month with 2 late takes its on time, and the other month down the columns; the share of a withheld count goes with it', () => {
    const f = (onTime: number, late: number, pending: number) => ({
      due: onTime + late + pending,
      onTime,
      late,
      pending,
      share: onTime + late === 0 ? null : Math.round((onTime / (onTime + late)) * 1000) / 1000,
    });
    const byMonth = {
      '3': f(6, 2, 0),
      '6': f(9, 7, 0),
      '9': f(0, 0, 0),
      '12': f(0, 0, 0),
      POST_CLOSURE: f(0, 0, 0),
    };
    const report: FollowUpsReport = { ...period, graceDays: 14, ...f(15, 9, 0), byMonth };
    const lines = ['', ...Object.keys(byMonth).map((m) => `byMonth.${m}.`)];
    const relations: Relations = {
      sums: [
        ...lines.map((l) => ({ total: `${l}due`, parts: [`${l}onTime`, `${l}late`, `${l}pending`] })),
        ...['due', 'onTime', 'late', 'pending'].map((k) => ({
          total: k,
          parts: Object.keys(byMonth).map((m) => `byMonth.${m}.${k}`),
        })),
      ],
      orders: [],
    };
    const masked = presentFollowUps(report, manager);
    expect(masked.byMonth['3']).toEqual({ due: 8, onTime: null, late: '<5', pending: 0, share: null });
    expect(masked.byMonth['6']).toEqual({ due: 16, onTime: null, late: null, pending: 0, share: null });
    // All months: 15 on time and 9 late are shown, and so is their share.
    expect(masked).toMatchObject({ due: 24, onTime: 15, late: 9, pending: 0, share: 0.625 });
    expectProtected(masked, presentFollowUps(report, processledare), relations);
    expect(presentFollowUps(report, processledare)).toEqual(report);
  });

  it('SIPs: held = by kind = by initiating role, the days are counted over the same SIPs, and förmöte is among the held', () => {
    const roles = Object.fromEntries(
      SIP_INITIATOR_ROLES.map((r) => [r, emptySplit()]),
    ) as SipsReport['byInitiatorRole'];
    roles.SOCIALSEKRETERARE = s3(2, 5);
    roles.ARBETSKONSULENT = s3(6, 5);
    const report: SipsReport = {
      ...period,
      held: s3(8, 10),
      byKind: { FORSTA: s3(8, 10), UPPFOLJNING: emptySplit() },
      byInitiatorRole: roles,
      withFormote: s3(1, 6),
      formoteShare: 0.389,
      daysRequestToHeld: { count: 18, median: 21, p90: 40 },
    };
    const relations: Relations = {
      sums: [
        genderSum('held'),
        genderSum('withFormote'),
        ...['FORSTA', 'UPPFOLJNING'].map((k) => genderSum(`byKind.${k}`)),
        ...SIP_INITIATOR_ROLES.map((r) => genderSum(`byInitiatorRole.${r}`)),
        ...perGender('held', ['byKind.FORSTA', 'byKind.UPPFOLJNING']),
        ...perGender(
          'held',
          SIP_INITIATOR_ROLES.map((r) => `byInitiatorRole.${r}`),
        ),
        { total: 'daysRequestToHeld.count', parts: ['held.total'] },
      ],
      orders: atMostPerGender('withFormote', 'held'),
    };
    const masked = presentSips(report, manager);
    // SOCIALSEKRETERARE's 2 would be 7 − 5, or 8 − 6 down the roles; with those withheld, the men
    // of the two roles would be 10 over two counts of 5 or more: 5 and 5. So the role totals go too.
    expect(masked.byInitiatorRole.SOCIALSEKRETERARE).toEqual({
      total: null,
      kvinna: '<5',
      man: null,
      annat: 0,
    });
    expect(masked.byInitiatorRole.ARBETSKONSULENT).toEqual({
      total: null,
      kvinna: null,
      man: null,
      annat: 0,
    });
    expect(masked.held).toEqual({ total: 18, kvinna: null, man: null, annat: 0 });
    expect(masked.withFormote).toEqual({ total: 7, kvinna: '<5', man: null, annat: 0 });
    // The share is of the totals, both shown and neither the förmöte SIPs nor the others 1–4.
    expect(masked.formoteShare).toBe(0.389);
    expect(masked.daysRequestToHeld).toEqual({ count: 18, median: 21, p90: 40 });
    expectProtected(masked, presentSips(report, processledare), relations);
    expect(presentSips(report, processledare)).toEqual(report);
  });

  it('initiating parties: a party is the sum of its units, the total the sum of the parties', () => {
    const report: InitiatingPartiesReport = {
      ...period,
      rows: [
        { party: 'KOMMUN', unit: 'Socialtjänsten', cases: s3(2, 5) },
        { party: 'KOMMUN', unit: null, cases: s3(6, 0) },
        { party: 'REGION', unit: null, cases: s3(5, 5) },
      ],
      parties: [
        { party: 'KOMMUN', cases: s3(8, 5) },
        { party: 'REGION', cases: s3(5, 5) },
        { party: 'ARBETSFORMEDLINGEN', cases: emptySplit() },
        { party: 'FORSAKRINGSKASSAN', cases: emptySplit() },
      ],
      total: s3(13, 10),
    };
    const relations: Relations = {
      sums: [
        ...report.rows.map((_, i) => genderSum(`rows.${i}.cases`)),
        ...report.parties.map((_, i) => genderSum(`parties.${i}.cases`)),
        genderSum('total'),
        ...report.parties.flatMap((p, i) =>
          perGender(
            `parties.${i}.cases`,
            report.rows.flatMap((r, j) => (r.party === p.party ? [`rows.${j}.cases`] : [])),
          ),
        ),
        ...perGender(
          'total',
          report.parties.map((_, i) => `parties.${i}.cases`),
        ),
      ],
      orders: [],
    };
    const masked = presentInitiatingParties(report, manager);
    // A unit of women only is its own total, and Socialtjänsten is all the men of KOMMUN: every
    // count withheld takes its equal with it, and the "<5" spreads to all but the grand total.
    expect(masked.rows[0].cases).toEqual({ total: null, kvinna: '<5', man: null, annat: 0 });
    expect(masked.parties[0].cases).toEqual({ total: null, kvinna: null, man: null, annat: 0 });
    expect(masked.total).toEqual({ total: 23, kvinna: null, man: null, annat: 0 });
    expectProtected(masked, presentInitiatingParties(report, processledare), relations);
    expect(presentInitiatingParties(report, processledare)).toEqual(report);
  });

  it('lead times: the 90-day cases are met + missed', () => {
    const days = { count: 12, median: 30, p90: 80 };
    const report: LeadTimesReport = {
      ...period,
      toDecision: days,
      toFirstInsats: { count: 3, median: 50, p90: 60 },
      toClosure: days,
      ninetyDayRule: { cases: 9, met: 3, missed: 6, share: 0.333 },
    };
    const relations: Relations = {
      sums: [{ total: 'ninetyDayRule.cases', parts: ['ninetyDayRule.met', 'ninetyDayRule.missed'] }],
      orders: [],
    };
    const masked = presentLeadTimes(report, manager);
    expect(masked.ninetyDayRule).toEqual({ cases: 9, met: '<5', missed: null, share: null });
    expect(masked.toFirstInsats).toEqual({ count: '<5', median: null, p90: null });
    expect(masked.toDecision).toEqual(days);
    expectProtected(masked, presentLeadTimes(report, processledare), relations);
    expect(presentLeadTimes(report, processledare)).toEqual(report);
  });

  it('progression: measured = improved + unchanged + worsened, and the total is the sum of the insatser; a mean goes with a withheld count', () => {
    const figures = (
      periods: number,
      improved: number,
      unchanged: number,
      worsened: number,
    ): ProgressionFigures => ({
      periods,
      measured: improved + unchanged + worsened,
      firstStepMean: 2,
      lastStepMean: 3,
      changeMean: 1,
      improved,
      unchanged,
      worsened,
      vas: { measured: 0, firstMean: null, lastMean: null, changeMean: null },
    });
    const report: ProgressionReport = {
      ...period,
      rows: [
        { insatsCode: 'AMT', name: 'AMT', ...figures(9, 2, 6, 0) },
        { insatsCode: 'FIA', name: 'FIA', ...figures(12, 5, 5, 0) },
      ],
      total: figures(21, 7, 11, 0),
    };
    const lines = ['rows.0', 'rows.1', 'total'];
    const keys = ['periods', 'measured', 'improved', 'unchanged', 'worsened', 'vas.measured'];
    const relations: Relations = {
      sums: [
        ...lines.map((l) => ({
          total: `${l}.measured`,
          parts: [`${l}.improved`, `${l}.unchanged`, `${l}.worsened`],
        })),
        ...keys.map((k) => ({ total: `total.${k}`, parts: [`rows.0.${k}`, `rows.1.${k}`] })),
      ],
      orders: lines.flatMap((l) => [
        { lower: `${l}.measured`, upper: `${l}.periods` },
        { lower: `${l}.vas.measured`, upper: `${l}.periods` },
      ]),
    };
    const masked = presentProgression(report, manager);
    // AMT's improved would be 8 − 6; then FIA's 5 and 5 go down the columns — and FIA's 10 measured
    // over two counts of 5 or more would pin them at 5 and 5: the measured go as well.
    expect(masked.rows[0]).toMatchObject({
      periods: 9,
      measured: null,
      improved: '<5',
      unchanged: null,
      changeMean: null,
    });
    expect(masked.rows[1]).toMatchObject({ periods: 12, measured: null, improved: null, unchanged: null });
    // A mean goes with the withheld counts it is taken over.
    expect(masked.rows[1]).toMatchObject({ firstStepMean: null, lastStepMean: null, changeMean: null });
    expect(masked.total).toMatchObject({
      periods: 21,
      measured: 18,
      improved: null,
      unchanged: null,
      changeMean: null,
    });
    expectProtected(masked, presentProgression(report, processledare), relations);
    expect(presentProgression(report, processledare)).toEqual(report);
  });
});

describe('the small-numbers rule on its own thread (suppression-thread.ts)', () => {
  const thread = new SuppressionThread();
  afterAll(() => thread.close());

  /** A seeded generator, so a failure can be run again. */
  function random(seed: number): () => number {
    return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  }

  /** A participants report of a few insatser with counts around the "<5" line (new and ended among the participants). */
  function randomParticipants(rnd: () => number, from: string): ParticipantsReport {
    const upTo = (n: number) => Math.floor(rnd() * (n + 1));
    const rows = Object.fromEntries(
      ['ENTER', 'NOVA', 'FIA', 'KOLL'].map((code) => {
        const [kvinna, man] = [upTo(14), upTo(14)];
        const third = () => s3(upTo(Math.floor(kvinna / 3)), upTo(Math.floor(man / 3)));
        return [
          code,
          {
            participants: s3(kvinna, man),
            new: s3(upTo(kvinna), upTo(man)),
            volume: upTo(10),
            outcomes: { ARBETE: third(), STUDIER: third(), SJUKDOM: third() },
          },
        ];
      }),
    );
    return { ...participantsOf(rows), from, to: from.replace('-01-01', '-12-31') };
  }

  it('gives a manager the same figures as worked out on the API’s own thread, with a comparison period', async () => {
    const rnd = random(4711);
    for (let i = 0; i < 25; i++) {
      const [report, compare] = [
        randomParticipants(rnd, '2025-01-01'),
        randomParticipants(rnd, '2024-01-01'),
      ];
      const onThread = await thread.presentation(true)((small) =>
        presentParticipants(report, small, compare),
      );
      expect(onThread).toEqual(presentParticipants(report, manager, compare));
      expect(JSON.stringify(onThread)).toContain('"<5"');
    }
  });

  it('gives a processledare the numbers, without the thread', async () => {
    const report = randomParticipants(random(7), '2025-01-01');
    expect(await thread.presentation(false)((small) => presentParticipants(report, small))).toEqual(
      presentParticipants(report, processledare),
    );
  });

  it('works out the same forms as the rule itself, and keeps the API’s thread free meanwhile', async () => {
    const rnd = random(99);
    // A report of 3,000 counts in 1,000 sums: long enough to work out that a timer fires meanwhile.
    const values: number[] = [];
    const sums: { total: number; parts: number[] }[] = [];
    for (let i = 0; i < 1000; i++) {
      const parts = [values.length, values.length + 1];
      values.push(Math.floor(rnd() * 9), Math.floor(rnd() * 9));
      sums.push({ total: values.length, parts });
      values.push(values[parts[0]] + values[parts[1]]);
    }
    const relations = { sums, orders: [] };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const forms = await thread.suppress(values, relations);
    clearInterval(timer);
    expect(forms).toEqual(suppress(values, relations));
    expect(ticks).toBeGreaterThan(0);
  });

  it('refuses what the rule refuses, and answers the next report', async () => {
    await expect(thread.suppress([1.5], { sums: [], orders: [] })).rejects.toThrow('whole number');
    expect(await thread.suppress([2, 7, 9], { sums: [{ total: 2, parts: [0, 1] }], orders: [] })).toEqual(
      suppress([2, 7, 9], { sums: [{ total: 2, parts: [0, 1] }], orders: [] }),
    );
  });

  it('works a manager’s figures out on the API’s thread when the thread has stopped, and starts a new one after', async () => {
    const report = randomParticipants(random(3), '2025-01-01');
    const stopped = new SuppressionThread();
    await stopped.suppress([1], { sums: [], orders: [] });
    await (stopped as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(await stopped.presentation(true)((small) => presentParticipants(report, small))).toEqual(
      presentParticipants(report, manager),
    );
    expect(await stopped.suppress([3], { sums: [], orders: [] })).toEqual(['primary']);
    await stopped.close();
  });
});

import { SIP_INITIATOR_ROLES, SIP_KINDS, type SipInitiatorRole, type SipKind } from '@app/case-domain';
import type { SqlQueryable } from '@app/event-store';
import { type Presenter, type WithCompare, presentPeriods } from '../compare';
import type { Period } from '../period';
import {
  type Count,
  type CountSplit,
  type Published,
  type ReportTable,
  type SmallNumbers,
  type Split,
  addTo,
  emptySplit,
  share,
} from '../small-numbers';
import { type Days, countDays, publishDays } from './lead-times.query';

// SIPs held in the period (docs/statistics.md §7).

export interface SipsReport<C = Split, D = Days> {
  from: string;
  to: string;
  held: C;
  byKind: Record<SipKind, C>;
  byInitiatorRole: Record<SipInitiatorRole, C>;
  withFormote: C;
  formoteShare: number | null;
  daysRequestToHeld: D;
}

const HELD = `
  SELECT kind, initiator_role, formote, gender, count(*)::int AS n
    FROM stat_sips
   WHERE tenant = $1 AND held_on BETWEEN $2::date AND $3::date
   GROUP BY 1, 2, 3, 4`;

const DAYS = `
  SELECT count(*)::int AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY held_on - requested_on) AS median,
         percentile_disc(0.9) WITHIN GROUP (ORDER BY held_on - requested_on) AS p90
    FROM stat_sips
   WHERE tenant = $1 AND held_on BETWEEN $2::date AND $3::date`;

const splits = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, emptySplit()])) as Record<K, Split>;

export async function sipsReport(sql: SqlQueryable, period: Period): Promise<SipsReport> {
  const args = [period.tenant, period.from, period.to];
  const [held, days] = await Promise.all([
    sql.query<{
      kind: SipKind;
      initiator_role: SipInitiatorRole;
      formote: boolean;
      gender: string;
      n: number;
    }>(HELD, args),
    sql.query<{ n: number; median: number | null; p90: number | null }>(DAYS, args),
  ]);
  const report: SipsReport = {
    from: period.from,
    to: period.to,
    held: emptySplit(),
    byKind: splits(SIP_KINDS),
    byInitiatorRole: splits(SIP_INITIATOR_ROLES),
    withFormote: emptySplit(),
    formoteShare: null,
    daysRequestToHeld: {
      count: days.rows[0].n,
      median: numberOrNull(days.rows[0].median),
      p90: numberOrNull(days.rows[0].p90),
    },
  };
  for (const r of held.rows) {
    addTo(report.held, r.gender, r.n);
    addTo(report.byKind[r.kind], r.gender, r.n);
    addTo(report.byInitiatorRole[r.initiator_role], r.gender, r.n);
    if (r.formote) addTo(report.withFormote, r.gender, r.n);
  }
  report.formoteShare = share(report.withFormote.total, report.held.total);
  return report;
}

export function numberOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

type CountedSips = SipsReport<CountSplit, Days<Count>> & { formoteShareValue: number | null };

function countSips(t: ReportTable, r: SipsReport): CountedSips {
  const splits = <K extends string>(rec: Record<K, Split>) =>
    Object.fromEntries(Object.entries<Split>(rec).map(([k, s]) => [k, t.split(s)])) as Record<K, CountSplit>;
  const held = t.split(r.held);
  const byKind = splits(r.byKind);
  const byInitiatorRole = splits(r.byInitiatorRole);
  const withFormote = t.split(r.withFormote);
  const days = countDays(t, r.daysRequestToHeld);
  // Every held SIP has one kind and one initiating role; the days are counted over the same SIPs.
  t.sumSplits(held, Object.values<CountSplit>(byKind));
  t.sumSplits(held, Object.values<CountSplit>(byInitiatorRole));
  t.atMostSplit(withFormote, held);
  t.sum(days.count, [held.total]);
  return {
    from: r.from,
    to: r.to,
    held,
    byKind,
    byInitiatorRole,
    withFormote,
    formoteShare: null,
    formoteShareValue: r.formoteShare,
    daysRequestToHeld: days,
  };
}

function finishSips(t: ReportTable, c: CountedSips): SipsReport<CountSplit, Days<Count>> {
  const { held, withFormote } = c;
  return {
    from: c.from,
    to: c.to,
    held,
    byKind: c.byKind,
    byInitiatorRole: c.byInitiatorRole,
    withFormote,
    formoteShare: t.derived(
      c.formoteShareValue,
      withFormote.total,
      held.total,
      held.total.value - withFormote.total.value,
    ),
    daysRequestToHeld: publishDays(t, c.daysRequestToHeld),
  };
}

export const sipsPresenter: Presenter<SipsReport, CountedSips, SipsReport<CountSplit, Days<Count>>> = {
  count: countSips,
  finish: finishSips,
};

export function presentSips(
  r: SipsReport,
  small: SmallNumbers,
  compare?: SipsReport,
): Published<WithCompare<SipsReport<CountSplit, Days<Count>>>> {
  return presentPeriods(small, sipsPresenter, r, compare);
}

export const sipsCsv = (body: object): object[] => [body];

import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorState, Loading } from '../common/states';
import { OUTCOMES } from '../common/codes';
import { formatShortDate } from '../i18n/format';
import { label, sv } from '../i18n/sv';
import type { Cell } from './cell';
import { ChartCard } from './charts/ChartCard';
import { type ChartRow, type ChartTable, formatFigure, formatFigurePair } from './charts/chart-table';
import { type Figures, type ReportDocument, useReports, useStatistics } from './charts/use-statistics';
import type { PeriodQuery } from './period';

const t = sv.statistics.dashboard;

/** "2026", "jan–jun 2026" or the two dates: how the dashboard names a period. */
export function periodName(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  if (fy === ty && fm === '01' && fd === '01' && tm === '12' && td === '31') return fy;
  if (fy === ty && fm === '01' && fd === '01' && tm === '06' && td === '30') return `jan–jun ${fy}`;
  return `${formatShortDate(from)} – ${formatShortDate(to)}`;
}

/**
 * Översikt i diagram (issue: managers' dashboards): the period's figures as charts, each with its
 * table, download and definition. Every figure is the API's, small numbers as it published them.
 */
export function Dashboard({ query }: { query: PeriodQuery }) {
  const period = periodName(query.from, query.to);
  const compared =
    query.compareFrom && query.compareTo ? periodName(query.compareFrom, query.compareTo) : undefined;
  const props = { query, period, compared };
  return (
    <Stack gap="md" component="section" aria-labelledby="dashboard-title">
      <Title order={2} id="dashboard-title">
        {t.title}
      </Title>
      <Text>{t.intro}</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ParticipantsCharts {...props} />
        <WorkOrStudiesTrend query={query} />
        <LeadTimesCharts {...props} />
        <FollowUpsChart {...props} />
        <SipsCharts {...props} />
        <ProgressionChart {...props} />
        <ClosingSurveyChart {...props} />
      </SimpleGrid>
    </Stack>
  );
}

interface ChartsProps {
  query: PeriodQuery;
  period: string;
  compared?: string;
}

/** The loading and error states of a chart's route, or its charts. */
function Loaded<T>({
  result,
  children,
}: {
  result: { data?: T; isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (result.data) return <>{children(result.data)}</>;
  if (result.isError) return <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  return <Loading label={t.loading} />;
}

/** Rows by name with the compared period's row of the same name beside it. */
function pairRows<R>(
  rows: readonly R[],
  comparedRows: readonly R[] | undefined,
  key: (r: R) => string,
  rowLabel: (r: R) => string,
  cells: (r: R) => Cell[],
): ChartRow[] {
  const out: ChartRow[] = rows.map((r) => {
    const twin = comparedRows?.find((c) => key(c) === key(r));
    return {
      label: rowLabel(r),
      cells: cells(r),
      compared: comparedRows ? (twin ? cells(twin) : cells(r).map(() => 0)) : undefined,
    };
  });
  // A row only in the compared period: 0 in this one.
  for (const c of comparedRows ?? [])
    if (!rows.some((r) => key(r) === key(c)))
      out.push({ label: rowLabel(c), cells: cells(c).map(() => 0), compared: cells(c) });
  return out;
}

function ParticipantsCharts({ query, period, compared }: ChartsProps) {
  const result = useStatistics('participants', query);
  return (
    <Loaded result={result}>
      {(data) => {
        const pt = sv.statistics.participants;
        const c = data.compare;
        const byGender: ChartTable = {
          caption: t.participants.caption(period),
          rowHeader: t.insats,
          columns: [pt.kvinnor, pt.man, pt.annat],
          kind: 'count',
          rows: pairRows(
            data.rows,
            c?.rows,
            (r) => r.insatsCode,
            (r) => r.name,
            (r) => [r.participants.kvinna, r.participants.man, r.participants.annat],
          ),
        };
        const outcomes: ChartTable = {
          caption: t.outcomes.caption(period),
          rowHeader: t.outcomes.outcome,
          columns: [t.outcomes.column],
          kind: 'count',
          rows: [
            ...OUTCOMES.map((o) => ({
              label: label(sv.codes.outcome, o),
              cells: [data.total.outcomes[o].total],
              compared: c ? [c.total.outcomes[o].total] : undefined,
            })),
            {
              label: pt.workOrStudies,
              cells: [data.total.outcomes.ARBETE_ELLER_STUDIER.total],
              compared: c ? [c.total.outcomes.ARBETE_ELLER_STUDIER.total] : undefined,
            },
          ],
        };
        const volume: ChartTable = {
          caption: t.volume.caption(period),
          rowHeader: t.insats,
          columns: [t.volume.column],
          kind: 'count',
          rows: pairRows(
            data.rows,
            c?.rows,
            (r) => r.insatsCode,
            (r) => r.name,
            (r) => [r.volume],
          ),
        };
        return (
          <>
            <ChartCard
              definition="deltagare"
              title={t.participants.title}
              table={byGender}
              chart="horizontal-bar"
              wide
              comparedLabel={compared}
              fileName={`deltagare-per-kon-${query.from}-${query.to}`}
            />
            <ChartCard
              definition="utfall"
              title={t.outcomes.title}
              table={outcomes}
              chart="horizontal-bar"
              comparedLabel={compared}
              fileName={`utfall-${query.from}-${query.to}`}
            />
            <ChartCard
              definition="volym"
              title={t.volume.title}
              table={volume}
              chart="horizontal-bar"
              comparedLabel={compared}
              fileName={`volyminsatser-${query.from}-${query.to}`}
            />
          </>
        );
      }}
    </Loaded>
  );
}

/** The quarters of the period's year and the two years before it that have begun. */
function quarters(year: number, today: string): { year: number; q: number; query: PeriodQuery }[] {
  const out = [];
  for (let y = year - 2; y <= year; y++)
    for (let q = 1; q <= 4; q++) {
      const from = `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`;
      if (from > today) continue;
      const end = new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
      out.push({ year: y, q, query: { from, to: end } });
    }
  return out;
}

/** Arbete eller studier's share of the avslutade, as the report computes it (docs/statistics.md §22). */
function reportShare(doc: ReportDocument): Cell {
  for (const table of doc.tables) {
    const column = table.columns.find((c) => c.kind === 'share');
    const total = table.rows.find((r) => r.code === 'TOTAL');
    if (column && total) return (total.values[column.key] as Cell) ?? null;
  }
  return null;
}

function WorkOrStudiesTrend({ query }: { query: PeriodQuery }) {
  const year = Number(query.to.slice(0, 4));
  const today = new Date().toISOString().slice(0, 10);
  const list = quarters(year, today);
  const results = useReports(list.map((q) => q.query));
  const failed = results.find((r) => r.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (results.some((r) => !r.data)) return <Loading label={t.loading} />;
  const table: ChartTable = {
    caption: t.workOrStudies.caption(year - 2, year),
    rowHeader: t.workOrStudies.quarter,
    columns: [t.workOrStudies.column],
    kind: 'share',
    rows: list.map((q, i) => ({
      label: t.workOrStudies.quarterLabel(q.year, q.q),
      axisLabel: t.workOrStudies.quarterAxisLabel(q.year, q.q),
      cells: [reportShare(results[i].data!)],
    })),
  };
  return (
    <ChartCard
      definition="arbete-eller-studier"
      title={t.workOrStudies.title}
      table={table}
      chart="line"
      fileName={`arbete-eller-studier-${year - 2}-${year}`}
      note={t.workOrStudies.note}
    />
  );
}

const MEASURES = ['toDecision', 'toFirstInsats', 'toClosure'] as const;

function LeadTimesCharts({ query, period, compared }: ChartsProps) {
  const result = useStatistics('lead-times', query);
  return (
    <Loaded result={result}>
      {(data) => {
        const c = data.compare;
        const lt = sv.statistics.leadTimes;
        const days: ChartTable = {
          caption: t.leadTimes.caption(period),
          rowHeader: t.leadTimes.measure,
          columns: [t.leadTimes.median, t.leadTimes.p90],
          kind: 'days',
          rows: MEASURES.map((m) => ({
            label: lt.measures[m],
            cells: [data[m].median, data[m].p90],
            compared: c ? [c[m].median, c[m].p90] : undefined,
          })),
        };
        const n = data.ninetyDayRule;
        const ninety: ChartTable = {
          caption: t.ninetyDay.caption(period),
          rowHeader: t.ninetyDay.result,
          columns: [t.ninetyDay.column],
          kind: 'count',
          rows: [
            { label: t.ninetyDay.met, cells: [n.met], compared: c ? [c.ninetyDayRule.met] : undefined },
            {
              label: t.ninetyDay.missed,
              cells: [n.missed],
              compared: c ? [c.ninetyDayRule.missed] : undefined,
            },
          ],
        };
        const share = formatFigurePair('share', n.share, c ? c.ninetyDayRule.share : false);
        return (
          <>
            <ChartCard
              definition="ledtider"
              title={t.leadTimes.title}
              table={days}
              chart="bar"
              comparedLabel={compared}
              fileName={`ledtider-${query.from}-${query.to}`}
            />
            <ChartCard
              definition="90-dagarsregeln"
              title={t.ninetyDay.title}
              table={ninety}
              chart="horizontal-bar"
              comparedLabel={compared}
              fileName={`90-dagarsregeln-${query.from}-${query.to}`}
              note={t.ninetyDay.share(share)}
            />
          </>
        );
      }}
    </Loaded>
  );
}

const FOLLOW_UP_MONTHS = ['3', '6', '9', '12', 'POST_CLOSURE'] as const;

function FollowUpsChart({ query, period, compared }: ChartsProps) {
  const result = useStatistics('follow-ups', query);
  return (
    <Loaded result={result}>
      {(data) => {
        const c = data.compare;
        const f = t.followUps;
        const table: ChartTable = {
          caption: f.caption(period),
          rowHeader: f.month,
          columns: [f.onTime, f.late, f.pending],
          kind: 'count',
          rows: FOLLOW_UP_MONTHS.map((m) => {
            const cells = (x: Pick<Figures<'follow-ups'>, 'byMonth'>) => [
              x.byMonth[m].onTime,
              x.byMonth[m].late,
              x.byMonth[m].pending,
            ];
            return {
              label: label(sv.codes.followUpMonth, m),
              cells: cells(data),
              compared: c ? cells(c) : undefined,
            };
          }),
        };
        const share = formatFigurePair('share', data.share, c ? c.share : false);
        return (
          <ChartCard
            definition="uppfoljningar"
            title={f.title}
            table={table}
            chart="horizontal-bar"
            comparedLabel={compared}
            fileName={`uppfoljningar-${query.from}-${query.to}`}
            note={f.share(share)}
          />
        );
      }}
    </Loaded>
  );
}

function SipsCharts({ query, period, compared }: ChartsProps) {
  const result = useStatistics('sips', query);
  return (
    <Loaded result={result}>
      {(data) => {
        const c = data.compare;
        const pt = sv.statistics.participants;
        const kinds: ChartTable = {
          caption: t.sipKinds.caption(period),
          rowHeader: t.sipKinds.kind,
          columns: [pt.kvinnor, pt.man, pt.annat],
          kind: 'count',
          rows: (['FORSTA', 'UPPFOLJNING'] as const).map((k) => {
            const cells = (x: Figures<'sips'>['byKind']) => [x[k].kvinna, x[k].man, x[k].annat];
            return {
              label: label(sv.codes.sipKind, k),
              cells: cells(data.byKind),
              compared: c ? cells(c.byKind) : undefined,
            };
          }),
        };
        const roles = Object.keys(data.byInitiatorRole) as (keyof Figures<'sips'>['byInitiatorRole'])[];
        const byRole: ChartTable = {
          caption: t.sipRoles.caption(period),
          rowHeader: t.sipRoles.role,
          columns: [t.sipRoles.column],
          kind: 'count',
          rows: roles.map((r) => ({
            label: label(sv.codes.sipInitiatorRole, r),
            cells: [data.byInitiatorRole[r].total],
            compared: c ? [c.byInitiatorRole[r].total] : undefined,
          })),
        };
        const pair = (kind: 'share' | 'days', v: Cell, w: Cell | undefined) =>
          formatFigurePair(kind, v, c ? (w ?? null) : false);
        const note = t.sipKinds.note(
          pair('share', data.formoteShare, c?.formoteShare),
          pair('days', data.daysRequestToHeld.median, c?.daysRequestToHeld.median),
          pair('days', data.daysRequestToHeld.p90, c?.daysRequestToHeld.p90),
        );
        return (
          <>
            <ChartCard
              definition="sip"
              title={t.sipKinds.title}
              table={kinds}
              chart="bar"
              comparedLabel={compared}
              fileName={`sip-per-slag-${query.from}-${query.to}`}
              note={note}
            />
            <ChartCard
              definition="sip"
              title={t.sipRoles.title}
              table={byRole}
              chart="horizontal-bar"
              comparedLabel={compared}
              fileName={`sip-per-roll-${query.from}-${query.to}`}
            />
          </>
        );
      }}
    </Loaded>
  );
}

function ProgressionChart({ query, period, compared }: ChartsProps) {
  const result = useStatistics('progression', query);
  return (
    <Loaded result={result}>
      {(data) => {
        const c = data.compare;
        const p = t.progression;
        const table: ChartTable = {
          caption: p.caption(period),
          rowHeader: t.insats,
          columns: [p.improved, p.unchanged, p.worsened],
          kind: 'count',
          rows: pairRows(
            data.rows,
            c?.rows,
            (r) => r.insatsCode,
            (r) => r.name,
            (r) => [r.improved, r.unchanged, r.worsened],
          ),
        };
        const note = p.note(
          formatFigurePair('mean', data.total.changeMean, c ? c.total.changeMean : false),
          formatFigurePair('mean', data.total.vas.changeMean, c ? c.total.vas.changeMean : false),
        );
        return (
          <ChartCard
            definition="stegforflyttning"
            title={p.title}
            table={table}
            chart="horizontal-bar"
            wide
            comparedLabel={compared}
            fileName={`stegforflyttning-${query.from}-${query.to}`}
            note={note}
          />
        );
      }}
    </Loaded>
  );
}

function ClosingSurveyChart({ query, period, compared }: ChartsProps) {
  const result = useStatistics('closing-survey', query);
  return (
    <Loaded result={result}>
      {(data) => {
        const c = data.compare;
        const s = t.closingSurvey;
        const table: ChartTable = {
          caption: s.caption(period),
          rowHeader: s.question,
          columns: [s.column],
          kind: 'share',
          rows: data.questions.map((q) => {
            const twin = c?.questions.find((x) => x.question === q.question);
            return {
              label: s.questionLabel(q.text, formatFigure('count', q.answered)),
              cells: [q.share],
              compared: c ? [twin?.share ?? null] : undefined,
            };
          }),
        };
        return (
          <ChartCard
            definition="avslutsenkat"
            title={s.title}
            table={table}
            chart="horizontal-bar"
            wide
            comparedLabel={compared}
            fileName={`avslutsenkat-${query.from}-${query.to}`}
          />
        );
      }}
    </Loaded>
  );
}

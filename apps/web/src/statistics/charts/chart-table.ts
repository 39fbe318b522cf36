import type { EChartsCoreOption } from 'echarts/core';
import { formatNumber } from '../../i18n/format';
import type { Cell } from '../cell';

// What a dashboard chart shows, kept as a table: the chart, "Visa som tabell" and the download are
// three views of it, so they never disagree. Every figure is as the API published it: a count, "<5"
// (1–4, for a manager), null (withheld) or a share the server computed; nothing is computed here.

/** count: a number of people or cases; days: a median or percentile; share: 0–1; mean: a mean. */
export type FigureKind = 'count' | 'days' | 'share' | 'mean';

export interface ChartRow {
  label: string;
  cells: Cell[];
  /** The compared period's figures, when one was asked for. */
  compared?: Cell[];
}

export interface ChartTable {
  caption: string;
  /** The header of the first column (what the rows are). */
  rowHeader: string;
  /** A column (series) per figure. */
  columns: string[];
  rows: ChartRow[];
  kind: FigureKind;
}

const PLACEHOLDER = { small: '<5', withheld: '–' } as const;

/** A figure as the table shows it: "12", "<5", "–", "72,3 %", "3,4". */
export function formatFigure(kind: FigureKind, value: Cell): string {
  if (value === null || value === undefined) return PLACEHOLDER.withheld;
  if (value === '<5') return PLACEHOLDER.small;
  if (kind === 'share') return `${formatNumber(Math.round(value * 1000) / 10)} %`;
  if (kind === 'mean') return formatNumber(Math.round(value * 10) / 10);
  return formatNumber(value);
}

/** A figure beside the compared period's: "95 (84)". */
export function formatFigurePair(kind: FigureKind, value: Cell, compared: Cell | false): string {
  const shown = formatFigure(kind, value);
  return compared === false ? shown : `${shown} (${formatFigure(kind, compared)})`;
}

/** Which placeholders the table holds: "<5" (1–4 people) and "–" (withheld or no basis). */
export function placeholdersIn(table: ChartTable): { small: boolean; withheld: boolean } {
  const cells = table.rows.flatMap((r) => [...r.cells, ...(r.compared ?? [])]);
  return {
    small: cells.some((c) => c === '<5'),
    withheld: cells.some((c) => c === null || c === undefined),
  };
}

/**
 * The table as a CSV file for Excel in Swedish: semicolons, decimal commas, a byte-order mark; the
 * compared period in columns of its own.
 */
export function chartCsv(table: ChartTable, comparedLabel?: string): string {
  const comparing = table.rows.some((r) => r.compared);
  const quote = (s: string) => (/[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const figure = (c: Cell) => {
    if (typeof c !== 'number') return formatFigure(table.kind, c);
    const n = table.kind === 'share' ? Math.round(c * 1000) / 10 : c;
    return String(n).replace('.', ',');
  };
  const header = [
    table.rowHeader,
    ...table.columns,
    ...(comparing ? table.columns.map((c) => `${c} (${comparedLabel ?? ''})`) : []),
  ];
  const lines = table.rows.map((r) => [
    r.label,
    ...r.cells.map(figure),
    ...(comparing ? table.columns.map((_, i) => figure(r.compared?.[i] ?? null)) : []),
  ]);
  return `\uFEFF${[header, ...lines].map((l) => l.map(quote).join(';')).join('\r\n')}\r\n`;
}

// Colours with at least 3:1 against white (WCAG 1.4.11), told apart by pattern as well (aria decal).
const COLOURS = ['#1c5d99', '#b4461a', '#2f6f2f', '#6a3d9a', '#8a6100'];

function value(kind: FigureKind, c: Cell): number | null {
  if (typeof c !== 'number') return null;
  return kind === 'share' ? Math.round(c * 1000) / 10 : c;
}

function common(table: ChartTable, description: string) {
  return {
    animation: false,
    color: COLOURS,
    aria: { enabled: true, label: { description }, decal: { show: true } },
    textStyle: { fontFamily: 'inherit', color: '#1f2328' },
    legend: table.columns.length > 1 ? { top: 0, textStyle: { fontSize: 14 } } : undefined,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // The tooltip reads the table, so a placeholder says "<5" or "–", never a number.
      formatter: (params: { dataIndex: number }[]) => {
        const row = table.rows[params[0]?.dataIndex ?? 0];
        if (!row) return '';
        const lines = table.columns.map((c, i) => `${c}: ${formatFigure(table.kind, row.cells[i])}`);
        return [row.label, ...lines].map(escapeHtml).join('<br/>');
      },
    },
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const axisLabel = (kind: FigureKind) => ({
  fontSize: 13,
  formatter: (v: number) => (kind === 'share' ? `${formatNumber(v)} %` : formatNumber(v)),
});

/**
 * Bars per row and column. A "<5" or withheld figure gets no bar at all — a bar's length would give
 * the number away — but a marked placeholder: its text ("<5", "–") where the bar would start.
 */
export function barOption(table: ChartTable, description: string, horizontal = false): EChartsCoreOption {
  const categories = table.rows.map((r) => r.label);
  const series = table.columns.map((name, i) => ({
    type: 'bar',
    name,
    barMaxWidth: 36,
    data: table.rows.map((r) => {
      const c = r.cells[i];
      const v = value(table.kind, c);
      if (v !== null) return { value: v };
      return {
        value: 0,
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          formatter: formatFigure(table.kind, c),
          fontWeight: 'bold',
          fontSize: 13,
          color: '#1f2328',
        },
      };
    }),
  }));
  const categoryAxis = {
    type: 'category',
    data: categories,
    axisLabel: { fontSize: 13, interval: 0, width: horizontal ? 160 : 96, overflow: 'break' },
  };
  const valueAxis = {
    type: 'value',
    min: 0,
    max: table.kind === 'share' ? 100 : undefined,
    minInterval: table.kind === 'count' ? 1 : undefined,
    axisLabel: axisLabel(table.kind),
  };
  return {
    ...common(table, description),
    grid: { left: 8, right: 32, top: table.columns.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series,
  };
}

/** A line per column over the rows (periods in order); a withheld figure is a gap in the line. */
export function lineOption(table: ChartTable, description: string): EChartsCoreOption {
  return {
    ...common(table, description),
    tooltip: { ...common(table, description).tooltip, axisPointer: { type: 'line' } },
    grid: { left: 8, right: 32, top: table.columns.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: table.rows.map((r) => r.label), axisLabel: { fontSize: 13 } },
    yAxis: {
      type: 'value',
      min: 0,
      max: table.kind === 'share' ? 100 : undefined,
      axisLabel: axisLabel(table.kind),
    },
    series: table.columns.map((name, i) => ({
      type: 'line',
      name,
      connectNulls: false,
      symbolSize: 8,
      data: table.rows.map((r) => value(table.kind, r.cells[i])),
    })),
  };
}

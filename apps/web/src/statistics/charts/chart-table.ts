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
  /** A shorter name for a crowded axis ("kv 2"), where the chart has many rows side by side. */
  axisLabel?: string;
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
const TEXT = '#1f2328';

/** Text sizes in pixels, and the height of a line of the axes' labels. */
const SIZE = { label: 13, legend: 14, line: 17 } as const;

/** What a chart is drawn into: the page's font, so ECharts measures the text it draws. */
export interface ChartFrame {
  /** The chart's width in pixels. */
  width: number;
  /** The page's font family (the theme's): ECharts measures text on a canvas, where "inherit" is no font. */
  fontFamily: string;
  /** The width in pixels of a text in that font at a size. */
  measure: (text: string, fontSize: number) => number;
}

export type ChartKind = 'bar' | 'horizontal-bar' | 'line';

/** An ECharts option and the height it needs to be legible. */
export interface DrawnChart {
  option: EChartsCoreOption;
  height: number;
}

/** The chart of a table: bars (vertical or horizontal) or a line, sized for the frame. */
export function drawChart(
  table: ChartTable,
  description: string,
  kind: ChartKind,
  frame: ChartFrame,
): DrawnChart {
  if (kind === 'line') return lineChart(table, description, frame);
  return kind === 'horizontal-bar'
    ? horizontalBarChart(table, description, frame)
    : barChart(table, description, frame);
}

function value(kind: FigureKind, c: Cell): number | null {
  if (typeof c !== 'number') return null;
  return kind === 'share' ? Math.round(c * 1000) / 10 : c;
}

/**
 * A text broken into lines no wider than `width` at the words, as a multi-line label: done here
 * rather than by ECharts, so the chart knows how many lines each label takes and is tall enough.
 */
export function wrapLabel(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}

// The legend as ECharts lays it out: an icon of 25 px, 5 px to its text, 10 px between items, rows
// that wrap at the chart's width, 5 px of padding around.
const LEGEND = { icon: 25, toText: 5, gap: 10, row: 20, padding: 5 } as const;

/** The height of the legend above the chart: none for one column; more rows when it wraps. */
export function legendHeight(columns: string[], frame: ChartFrame): number {
  if (columns.length < 2) return 0;
  const room = frame.width - 2 * LEGEND.padding;
  let rows = 1;
  let x = 0;
  for (const c of columns) {
    const w = LEGEND.icon + LEGEND.toText + Math.ceil(frame.measure(c, SIZE.legend));
    if (x > 0 && x + LEGEND.gap + w > room) {
      rows++;
      x = w;
    } else x += (x > 0 ? LEGEND.gap : 0) + w;
  }
  return 2 * LEGEND.padding + rows * LEGEND.row + (rows - 1) * LEGEND.gap;
}

function common(table: ChartTable, description: string, frame: ChartFrame) {
  return {
    animation: false,
    color: COLOURS,
    aria: { enabled: true, label: { description }, decal: { show: true } },
    textStyle: { fontFamily: frame.fontFamily, color: TEXT },
    legend:
      table.columns.length > 1
        ? { top: 0, padding: LEGEND.padding, textStyle: { fontSize: SIZE.legend, color: TEXT } }
        : undefined,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      textStyle: { fontFamily: frame.fontFamily, color: TEXT },
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

function valueAxis(table: ChartTable) {
  const shown = table.rows.flatMap((r) => r.cells.map((c) => value(table.kind, c) ?? 0));
  const held = placeholdersIn(table);
  // A share runs to 100 %. Placeholders beside nothing of 5 or more get a scale to 5, not to 1,
  // which would make a "<5" look like less than one.
  const floor = (held.small || held.withheld) && Math.max(0, ...shown) < 5 ? 5 : undefined;
  return {
    type: 'value',
    min: 0,
    max: table.kind === 'share' ? 100 : floor,
    minInterval: table.kind === 'count' ? 1 : undefined,
    axisLabel: {
      color: TEXT,
      fontSize: SIZE.label,
      hideOverlap: true,
      formatter: (v: number) => (table.kind === 'share' ? `${formatNumber(v)} %` : formatNumber(v)),
    },
  };
}

// The plot holds the axes' labels inside its box (ECharts 6: outer bounds rather than containLabel).
const grid = (top: number, right: number) => ({
  left: 8,
  right,
  top,
  bottom: 8,
  outerBoundsMode: 'same',
  outerBoundsContain: 'axisLabel',
});

/**
 * A bar per row and column, each with its figure as text at its end. A "<5" or withheld figure gets
 * no bar at all — a bar's length would give the number away — but a marked placeholder: its text
 * ("<5", "–") in a grey box where the bar would start. A 0 says "0", so no row is left blank.
 */
function bars(table: ChartTable, horizontal: boolean, thickness?: number) {
  const position = horizontal ? 'right' : 'top';
  return table.columns.map((name, i) => ({
    type: 'bar',
    name,
    ...(thickness ? { barWidth: thickness, barGap: '15%' } : { barMaxWidth: 40 }),
    data: table.rows.map((r) => {
      const c = r.cells[i];
      const v = value(table.kind, c);
      const text = formatFigure(table.kind, c);
      if (v !== null)
        return {
          value: v,
          label: { show: true, position, formatter: text, fontSize: SIZE.label, color: TEXT },
        };
      return {
        value: 0,
        label: {
          show: true,
          position,
          formatter: text,
          fontWeight: 'bold',
          fontSize: SIZE.label,
          color: TEXT,
          backgroundColor: '#e9ecef',
          borderColor: '#868e96',
          borderWidth: 1,
          borderRadius: 2,
          padding: [0, 3],
        },
      };
    }),
  }));
}

/**
 * Horizontal bars: the rows down the side (insatser, outcomes, questions), so long names read in
 * full. The chart grows with the rows and the columns: each bar and each placeholder gets its own
 * line, and a row as many lines as its wrapped name takes.
 */
function horizontalBarChart(table: ChartTable, description: string, frame: ChartFrame): DrawnChart {
  const n = table.columns.length;
  const thickness = n === 1 ? 20 : 16;
  const labelWidth = Math.max(120, Math.floor(frame.width * 0.42));
  const labels = table.rows.map((r) => wrapLabel(r.label, labelWidth, (t) => frame.measure(t, SIZE.label)));
  const lines = Math.max(1, ...labels.map((l) => l.length));
  const row = Math.max(n * thickness + (n - 1) * 3 + 14, lines * SIZE.line + 10);
  const legend = legendHeight(table.columns, frame);
  const top = legend ? legend + 8 : 8;
  const option = {
    ...common(table, description, frame),
    grid: grid(top, 56),
    yAxis: {
      type: 'category',
      // The first row at the top, as in the table.
      inverse: true,
      data: labels.map((l) => l.join('\n')),
      axisLabel: { color: TEXT, fontSize: SIZE.label, lineHeight: SIZE.line, interval: 0 },
    },
    xAxis: valueAxis(table),
    series: bars(table, true, thickness),
  };
  // The value axis's labels below the rows: a line and its margin.
  return { option, height: top + table.rows.length * row + SIZE.line + 16 };
}

/** Vertical bars, for a few short rows (lead times, kinds of SIP); names wrap to their column's width. */
function barChart(table: ChartTable, description: string, frame: ChartFrame): DrawnChart {
  const legend = legendHeight(table.columns, frame);
  // Room above the highest bar for its figure.
  const top = legend + 24;
  const plot = frame.width - 72;
  const labelWidth = Math.max(48, Math.floor(plot / Math.max(1, table.rows.length)) - 8);
  const option = {
    ...common(table, description, frame),
    grid: grid(top, 16),
    xAxis: {
      type: 'category',
      data: table.rows.map((r) =>
        wrapLabel(r.label, labelWidth, (t) => frame.measure(t, SIZE.label)).join('\n'),
      ),
      axisLabel: { color: TEXT, fontSize: SIZE.label, lineHeight: SIZE.line, interval: 0 },
    },
    yAxis: valueAxis(table),
    series: bars(table, false),
  };
  return { option, height: 300 + top };
}

/** A line per column over the rows (periods in order); a withheld figure is a gap in the line. */
function lineChart(table: ChartTable, description: string, frame: ChartFrame): DrawnChart {
  const legend = legendHeight(table.columns, frame);
  const top = legend ? legend + 12 : 16;
  const base = common(table, description, frame);
  const option = {
    ...base,
    tooltip: { ...base.tooltip, axisPointer: { type: 'line' } },
    grid: grid(top, 24),
    xAxis: {
      type: 'category',
      data: table.rows.map((r) => r.axisLabel ?? r.label),
      // As many labels as fit, evenly spaced (ECharts leaves out the others), none on another.
      axisLabel: { color: TEXT, fontSize: SIZE.label, lineHeight: SIZE.line, hideOverlap: true },
    },
    yAxis: valueAxis(table),
    series: table.columns.map((name, i) => ({
      type: 'line',
      name,
      connectNulls: false,
      symbolSize: 8,
      lineStyle: { width: 3 },
      data: table.rows.map((r) => value(table.kind, r.cells[i])),
    })),
  };
  return { option, height: 300 + top };
}

import { sv } from '../../i18n/sv';
import {
  type ChartFrame,
  type ChartTable,
  chartCsv,
  drawChart,
  formatFigurePair,
  legendHeight,
  placeholdersIn,
  wrapLabel,
} from './chart-table';

// docs/statistics.md §23: a chart, its table and its file are drawn from one table of the API's
// figures; a "<5" or withheld figure is never drawn as a bar.

const table: ChartTable = {
  caption: 'Deltagare per insats och kön, 2026',
  rowHeader: 'Insats',
  columns: ['Kvinnor', 'Män'],
  kind: 'count',
  rows: [
    { label: 'Enter', cells: [12, '<5'], compared: [9, null] },
    { label: 'NOVA', cells: [null, 7], compared: [0, 5] },
  ],
};

// A font where every character is 0.6 em wide: 13 px text is 7.8 px a character.
const frame: ChartFrame = {
  width: 600,
  fontFamily: 'Testfont, sans-serif',
  measure: (t, size) => t.length * size * 0.6,
};

type Item = { value: number; label: { show: boolean; formatter: string; fontWeight?: string } };
type Axis = { data: string[]; max?: number };
type Option = {
  series: { data: Item[]; barWidth?: number }[];
  tooltip: { formatter: (p: { dataIndex: number }[]) => string };
  aria: { enabled: boolean; label: { description: string } };
  textStyle: { fontFamily: string };
  grid: { top: number };
  xAxis: Axis;
  yAxis: Axis;
};
const draw = (t: ChartTable, kind: 'bar' | 'horizontal-bar' | 'line', f = frame) => {
  const { option, height } = drawChart(t, 'Diagram', kind, f);
  return { option: option as unknown as Option, height };
};
const insatser = (n: number, columns: string[]): ChartTable => ({
  caption: 'Deltagare',
  rowHeader: 'Insats',
  columns,
  kind: 'count',
  rows: Array.from({ length: n }, (_, i) => ({ label: `Insats ${i}`, cells: columns.map(() => 7) })),
});

describe('a dashboard chart', () => {
  it('given "<5" and a withheld count, when drawn as bars, then neither has a bar: each is its marked text where the bar would start', () => {
    const { option } = draw(table, 'bar');
    const [kvinnor, man] = option.series.map((s) => s.data);
    expect(kvinnor[0]).toMatchObject({ value: 12, label: { show: true, formatter: '12' } });
    expect(kvinnor[0].label.fontWeight).toBeUndefined();
    expect(man[0]).toMatchObject({ value: 0, label: { show: true, formatter: '<5', fontWeight: 'bold' } });
    expect(kvinnor[1]).toMatchObject({ value: 0, label: { show: true, formatter: '–', fontWeight: 'bold' } });
    expect(man[1]).toMatchObject({ value: 7, label: { formatter: '7' } });
    // The tooltip reads the table: "<5", never a number for it.
    expect(option.tooltip.formatter([{ dataIndex: 0 }])).toBe('Enter<br/>Kvinnor: 12<br/>Män: &lt;5');
    expect(option.aria).toMatchObject({ enabled: true, label: { description: 'Diagram' } });
  });

  it('given shares, then the axis is 0–100 % and a withheld share is a gap in the line', () => {
    const shares: ChartTable = {
      caption: 'Andel',
      rowHeader: 'Kvartal',
      columns: ['Arbete eller studier'],
      kind: 'share',
      rows: [
        { label: '2026 kv 1', cells: [0.403] },
        { label: '2026 kv 2', cells: [null] },
      ],
    };
    const { option } = draw(shares, 'line');
    expect(option.series[0].data as unknown as (number | null)[]).toEqual([40.3, null]);
    expect(option.yAxis.max).toBe(100);
  });

  it('is drawn in the page\'s font, which ECharts measures its text in (never "inherit")', () => {
    for (const kind of ['bar', 'horizontal-bar', 'line'] as const)
      expect(draw(table, kind).option.textStyle.fontFamily).toBe('Testfont, sans-serif');
  });

  it('given insatser as horizontal bars, then the first row is at the top and the chart grows with the rows and the columns', () => {
    const three = draw(insatser(14, ['Kvinnor', 'Män', 'Annat']), 'horizontal-bar');
    expect(three.option.yAxis).toMatchObject({ inverse: true, data: expect.arrayContaining(['Insats 0']) });
    expect(three.option.series[0].barWidth).toBeGreaterThanOrEqual(16);
    const one = draw(insatser(14, ['Volyminsatser']), 'horizontal-bar');
    const fewer = draw(insatser(7, ['Kvinnor', 'Män', 'Annat']), 'horizontal-bar');
    expect(three.height).toBeGreaterThan(one.height);
    expect(three.height).toBeGreaterThan(fewer.height);
    // Room for every bar of a row, and a little between rows: 14 rows of three bars of 16 px.
    expect(three.height).toBeGreaterThan(14 * 3 * 16);
  });

  it('given names longer than the label column, then they wrap at words and their rows are as tall as their lines', () => {
    expect(wrapLabel('Får stödet ta den tid du behöver?', 100, (t) => t.length * 7.8)).toEqual([
      'Får stödet',
      'ta den tid',
      'du behöver?',
    ]);
    const long =
      'Har ni påbörjat en planering för vad som ska hända efter att nuvarande stöd har upphört? (n = 26)';
    const questions = (label: string): ChartTable => ({
      caption: '',
      rowHeader: 'Fråga',
      columns: ['Andel positiva'],
      kind: 'share',
      rows: Array.from({ length: 10 }, () => ({ label, cells: [0.7] })),
    });
    const wrapped = draw(questions(long), 'horizontal-bar');
    const lines = wrapped.option.yAxis.data[0].split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(long);
    for (const line of lines) expect(line.length * 7.8).toBeLessThanOrEqual(600 * 0.42);
    expect(wrapped.height).toBeGreaterThan(draw(questions('Kort fråga?'), 'horizontal-bar').height);
  });

  it('given a legend wider than the chart, then it wraps and the plot starts below it', () => {
    const columns = ['I tid', 'Sent eller inte gjord', 'Kan fortfarande göras i tid'];
    expect(legendHeight(columns, { ...frame, width: 1000 })).toBe(30);
    expect(legendHeight(columns, { ...frame, width: 400 })).toBeGreaterThan(30);
    expect(legendHeight(['Avslutade'], frame)).toBe(0);
    const narrow = draw({ ...table, columns }, 'horizontal-bar', { ...frame, width: 400 });
    expect(narrow.option.grid.top).toBeGreaterThanOrEqual(legendHeight(columns, { ...frame, width: 400 }));
  });

  it('given placeholders and nothing of 5 or more, then the scale still runs to 5; a 0 says "0"', () => {
    const small: ChartTable = { ...table, rows: [{ label: 'Första SIP', cells: ['<5', 0] }] };
    const { option } = draw(small, 'bar');
    expect(option.yAxis.max).toBe(5);
    expect(option.series[1].data[0]).toMatchObject({ value: 0, label: { show: true, formatter: '0' } });
    expect(draw(table, 'bar').option.yAxis.max).toBeUndefined();
    // Plain small numbers (a processledare's) keep their own scale.
    expect(
      draw({ ...table, rows: [{ label: 'Första SIP', cells: [2, 0] }] }, 'bar').option.yAxis.max,
    ).toBeUndefined();
  });

  it('given a compared period, then the table shows "95 (84)" and the file has the compared figures in columns of their own', () => {
    expect(formatFigurePair('count', 12, 9)).toBe('12 (9)');
    expect(formatFigurePair('count', '<5', null)).toBe('<5 (–)');
    expect(formatFigurePair('share', 0.723, false)).toBe('72,3 %');
    const csv = chartCsv(table, '2025');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Insats;Kvinnor;Män;Kvinnor (2025);Män (2025)',
      'Enter;12;<5;9;–',
      'NOVA;–;7;0;5',
      '',
    ]);
  });

  it('given shares in the file, then they are percentages with a decimal comma', () => {
    const csv = chartCsv({
      caption: '',
      rowHeader: 'Fråga',
      columns: ['Andel'],
      kind: 'share',
      rows: [{ label: 'q1', cells: [0.667] }],
    });
    expect(csv).toContain('q1;66,7\r\n');
  });

  it('given only figures with no basis, then the note speaks of "–" and not of "<5"; given none, there is no note', () => {
    const plain: ChartTable = { ...table, rows: [{ label: 'Enter', cells: [3, null] }] };
    const held = placeholdersIn(plain);
    expect(held).toEqual({ small: false, withheld: true });
    const note = sv.statistics.dashboard.placeholders(held, false);
    expect(note).toContain('–');
    expect(note).not.toContain('<5');
    expect(placeholdersIn(table)).toEqual({ small: true, withheld: true });
    expect(sv.statistics.dashboard.placeholders(placeholdersIn(table), false)).toMatch(
      /^<5 och – ritas inte som stapel/,
    );
    expect(sv.statistics.dashboard.placeholders({ small: false, withheld: true }, true)).toContain(
      'avbrott i linjen',
    );
    const none: ChartTable = { ...table, rows: [{ label: 'Enter', cells: [3, 0], compared: [1, 2] }] };
    expect(sv.statistics.dashboard.placeholders(placeholdersIn(none), false)).toBeNull();
  });
});

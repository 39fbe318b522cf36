import { sv } from '../../i18n/sv';
import {
  type ChartTable,
  barOption,
  chartCsv,
  formatFigurePair,
  lineOption,
  placeholdersIn,
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

type Item = { value: number; label?: { show: boolean; formatter: string } };
type Option = {
  series: { data: Item[] }[];
  tooltip: { formatter: (p: { dataIndex: number }[]) => string };
  aria: { enabled: boolean; label: { description: string } };
};

describe('a dashboard chart', () => {
  it('given "<5" and a withheld count, when drawn as bars, then neither has a bar: each is its text where the bar would start', () => {
    const option = barOption(table, 'Diagram') as unknown as Option;
    const [kvinnor, man] = option.series.map((s) => s.data);
    expect(kvinnor[0]).toEqual({ value: 12 });
    expect(man[0]).toMatchObject({ value: 0, label: { show: true, formatter: '<5' } });
    expect(kvinnor[1]).toMatchObject({ value: 0, label: { show: true, formatter: '–' } });
    expect(man[1]).toEqual({ value: 7 });
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
    const option = lineOption(shares, 'Diagram') as unknown as { series: { data: (number | null)[] }[] };
    expect(option.series[0].data).toEqual([40.3, null]);
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

import type { Cell } from '@app/read-models';

// A report as a document: titled tables of rows and columns, the definitions behind each column and
// the notes on small numbers. One model, rendered as JSON, CSV, a printable HTML page and an Excel
// workbook (docs/statistics.md §22), so the four never disagree.

/** A period of the report: its dates and how a reader names it ("2023", "jan–jun 2023", …). */
export interface ReportPeriod {
  from: string;
  to: string;
  label: string;
}

/** A column: a count (integer, "<5" or null) or a share (0–1, null where withheld or without a basis). */
export interface ReportColumn {
  key: string;
  label: string;
  kind: 'count' | 'share';
  /** The definition it follows: a key of `definitions`. */
  definition: string;
}

export interface ReportRow {
  /** The insats code, or TOTAL (the row sum) and UNIQUE (unique persons). */
  code: string;
  label: string;
  /** This period's figures by column key; a column the row has no figure for is absent. */
  values: Record<string, Cell>;
  /** The comparison period's figures, when one was asked for. */
  compare?: Record<string, Cell>;
}

export interface ReportTableDocument {
  key: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
}

export interface ReportDefinition {
  key: string;
  term: string;
  text: string;
  /** The section of docs/statistics.md. */
  section: string;
}

export interface ReportDocument {
  title: string;
  /** The förbund (tenant) it is for. */
  tenant: string;
  period: ReportPeriod;
  compare?: ReportPeriod;
  /** Whether small numbers are masked ("<5", withheld): a manager's report. */
  masked: boolean;
  tables: ReportTableDocument[];
  definitions: ReportDefinition[];
  notes: string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** "2023" for a calendar year, "jan–jun 2023" for whole months of one year, else the two dates. */
export function periodLabel(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  const lastDay = new Date(Date.UTC(Number(ty), Number(tm), 0)).getUTCDate();
  if (fy === ty && fd === '01' && Number(td) === lastDay) {
    if (fm === '01' && tm === '12') return fy;
    const first = MONTHS[Number(fm) - 1];
    return fm === tm ? `${first} ${fy}` : `${first}–${MONTHS[Number(tm) - 1]} ${fy}`;
  }
  return `${from} – ${to}`;
}

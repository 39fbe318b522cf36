import type { CellValue } from 'exceljs';
import type { Cell } from '@app/read-models';
import type { ReportColumn, ReportDocument } from './report-document';

// A report as an Excel workbook: a sheet per table and one of definitions. Counts are numbers,
// shares numbers formatted as percentages, "<5" the text "<5" and a withheld count "–", so the
// numbers can be summed and charted in Excel as they are.

const SHEET_NAMES: Record<string, string> = { participants: 'Deltagare', outcomes: 'Utfall' };

function value(v: Cell | undefined): CellValue {
  if (v === undefined) return null;
  if (v === null) return '–';
  return v;
}

export async function renderReportXlsx(doc: ReportDocument): Promise<Buffer> {
  // Loaded on the first download: the workbook library is a fifth of the service's modules.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  workbook.creator = 'AMT ärendesamordning';
  workbook.title = `${doc.title} ${doc.period.label}`;
  const comparing = doc.compare !== undefined;
  for (const table of doc.tables) {
    const sheet = workbook.addWorksheet(SHEET_NAMES[table.key] ?? table.title.slice(0, 31));
    sheet.addRow([`${table.title} ${doc.period.label}`]).font = { bold: true, size: 14 };
    sheet.addRow([
      `${doc.tenant}, ${doc.period.from} – ${doc.period.to}` +
        (comparing ? `, jämfört med ${doc.compare!.from} – ${doc.compare!.to}` : ''),
    ]);
    sheet.addRow([]);
    const columns: { column: ReportColumn; compare: boolean }[] = table.columns.flatMap((column) =>
      comparing
        ? [
            { column, compare: false },
            { column, compare: true },
          ]
        : [{ column, compare: false }],
    );
    const header = sheet.addRow([
      'Insats',
      ...columns.map(({ column, compare }) =>
        comparing ? `${column.label} ${compare ? doc.compare!.label : doc.period.label}` : column.label,
      ),
    ]);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'bottom' };
    for (const row of table.rows) {
      const added = sheet.addRow([
        row.label,
        ...columns.map(({ column, compare }) => value((compare ? row.compare : row.values)?.[column.key])),
      ]);
      if (row.code === 'TOTAL' || row.code === 'UNIQUE') added.font = { bold: true };
    }
    sheet.getColumn(1).width = 28;
    columns.forEach(({ column }, i) => {
      const col = sheet.getColumn(i + 2);
      col.width = comparing ? 16 : 14;
      col.alignment = { horizontal: 'right' };
      if (column.kind === 'share') col.numFmt = '0.0%';
    });
    sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 4 }];
  }
  const definitions = workbook.addWorksheet('Definitioner');
  definitions.addRow(['Begrepp', 'Definition', 'Avsnitt i docs/statistics.md']).font = { bold: true };
  for (const d of doc.definitions) definitions.addRow([d.term, d.text, d.section]);
  definitions.addRow([]);
  for (const note of doc.notes) definitions.addRow([note]);
  definitions.getColumn(1).width = 28;
  definitions.getColumn(2).width = 100;
  definitions.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  definitions.getColumn(3).width = 14;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

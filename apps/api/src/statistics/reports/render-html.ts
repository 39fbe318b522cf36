import type { Cell } from '@app/read-models';
import type { ReportColumn, ReportDocument, ReportRow } from './report-document';

// A report as a printable page: the tables as the board reads them ("95 (84)": this period, the
// comparison period in brackets), the definitions as numbered footnotes, A4 print styles, no script.

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('sv-SE', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A cell as printed: a number in Swedish form, "<5", "–" where withheld; a share as a percentage. */
export function formatCell(value: Cell | undefined, kind: ReportColumn['kind']): string {
  if (value === undefined) return '';
  if (value === null) return '–';
  if (value === '<5') return '<5';
  return kind === 'share' ? percent.format(value) : integer.format(value);
}

function cellText(row: ReportRow, column: ReportColumn, comparing: boolean): string {
  if (!(column.key in row.values) && !(column.key in (row.compare ?? {}))) return '';
  const now = formatCell(row.values[column.key], column.kind);
  return comparing ? `${now} (${formatCell(row.compare?.[column.key], column.kind)})` : now;
}

export function renderReportHtml(doc: ReportDocument): string {
  const footnote = new Map(doc.definitions.map((d, i) => [d.key, i + 1]));
  const comparing = doc.compare !== undefined;
  const heading = comparing ? `${doc.period.label} (${doc.compare!.label} inom parentes)` : doc.period.label;
  const tables = doc.tables
    .map((table) => {
      const head = table.columns
        .map((c) => `<th scope="col">${escape(c.label)}<sup>${footnote.get(c.definition) ?? ''}</sup></th>`)
        .join('');
      const body = table.rows
        .map((row) => {
          const kind = row.code === 'TOTAL' || row.code === 'UNIQUE' ? ' class="sum"' : '';
          const note =
            row.code === 'TOTAL'
              ? footnote.get('total')
              : row.code === 'UNIQUE'
                ? footnote.get('unique')
                : undefined;
          const cells = table.columns.map((c) => `<td>${escape(cellText(row, c, comparing))}</td>`).join('');
          return `<tr${kind}><th scope="row">${escape(row.label)}${note ? `<sup>${note}</sup>` : ''}</th>${cells}</tr>`;
        })
        .join('\n');
      return `<section>
<h2>${escape(table.title)}</h2>
<table>
<caption>${escape(table.title)}, ${escape(heading)}</caption>
<thead><tr><th scope="col">Insats</th>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
    })
    .join('\n');
  const definitions = doc.definitions
    .map(
      (d) =>
        `<li id="def-${escape(d.key)}"><strong>${escape(d.term)}</strong>: ${escape(d.text)} (docs/statistics.md ${escape(d.section)})</li>`,
    )
    .join('\n');
  const notes = doc.notes.map((n) => `<p>${escape(n)}</p>`).join('\n');
  const period = `${doc.period.from} – ${doc.period.to}`;
  const compared = comparing ? `, jämfört med ${doc.compare!.from} – ${doc.compare!.to}` : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.title)} ${escape(doc.period.label)}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; margin: 2rem; line-height: 1.4; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
  .period { margin: 0 0 1rem; color: #333; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  caption { text-align: left; font-size: .9rem; color: #333; padding-bottom: .25rem; }
  th, td { border: 1px solid #767676; padding: .3rem .45rem; }
  thead th { background: #f0f0f0; text-align: left; vertical-align: bottom; font-size: .85rem; }
  td { text-align: right; white-space: nowrap; }
  tbody th { text-align: left; font-weight: normal; }
  tr.sum th, tr.sum td { font-weight: bold; border-top: 2px solid #1a1a1a; }
  sup { font-size: .7em; margin-left: .1em; }
  footer { margin-top: 2rem; font-size: .85rem; }
  footer ol { padding-left: 1.25rem; }
  @page { size: A4 landscape; margin: 14mm; }
  @media print {
    body { margin: 0; font-size: 10pt; }
    section { break-inside: avoid; }
    thead { display: table-header-group; }
  }
</style>
</head>
<body>
<main>
<h1>${escape(doc.title)} ${escape(doc.period.label)}</h1>
<p class="period">${escape(doc.tenant)} · ${escape(period)}${escape(compared)}</p>
${tables}
<footer>
<h2>Definitioner</h2>
<ol>
${definitions}
</ol>
${notes}
</footer>
</main>
</body>
</html>
`;
}

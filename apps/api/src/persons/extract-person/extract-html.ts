/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`=/]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(value: unknown): string {
  if (value === null || value === undefined) return '<span class="none">—</span>';
  if (Array.isArray(value)) {
    return value.length === 0
      ? '<span class="none">—</span>'
      : `<ol>${value.map((v) => `<li>${render(v)}</li>`).join('')}</ol>`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '<span class="none">—</span>';
    return `<dl>${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${render(v)}</dd>`).join('')}</dl>`;
  }
  return escapeHtml(value);
}

export interface ExtractDocument {
  personId: string;
  generatedAt: string;
  erased: boolean;
  person: Record<string, unknown> | null;
  cases: (Record<string, unknown> & { id: string; history: Record<string, unknown>[] })[];
}

/**
 * The registerutdrag as a printable page. Every value is escaped: names, free text and even codes
 * came from users and partner systems. No scripts, no external resources.
 */
export function extractHtml(doc: ExtractDocument): string {
  const cases = doc.cases
    .map((c) => {
      const { history, ...view } = c;
      const rows = history
        .map(
          (e) =>
            `<tr><td>${escapeHtml(e.position)}</td><td>${escapeHtml(e.type)}</td><td>${render(e.occurredOn)}</td>` +
            `<td>${render(e.recordedAt)}</td><td>${render(e.actor)}</td><td>${render(e.data)}</td></tr>`,
        )
        .join('');
      return (
        `<section class="case"><h2>Ärende ${escapeHtml(c.id)}</h2>${render(view)}` +
        `<h3>Historik</h3><table><thead><tr><th>Position</th><th>Händelse</th><th>Datum</th><th>Registrerad</th>` +
        `<th>Av</th><th>Uppgifter</th></tr></thead><tbody>${rows}</tbody></table></section>`
      );
    })
    .join('');
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Registerutdrag</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #000; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid #888; padding: 0.25em 0.5em; vertical-align: top; text-align: left; font-size: 0.9em; }
dl { margin: 0; } dt { font-weight: 600; } dd { margin: 0 0 0.25em 1.5em; }
ol { margin: 0; padding-left: 1.5em; }
.none { color: #666; }
section.case { page-break-before: always; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>Registerutdrag</h1>
<p>Alla personuppgifter och ärendehistorik som tjänsten har om personen (GDPR art. 15).</p>
<table><tbody>
<tr><th>Person-id</th><td>${escapeHtml(doc.personId)}</td></tr>
<tr><th>Framställt</th><td>${escapeHtml(doc.generatedAt)}</td></tr>
<tr><th>Raderad</th><td>${doc.erased ? 'Ja: personuppgifterna är raderade och kan inte läsas' : 'Nej'}</td></tr>
</tbody></table>
<h2>Personuppgifter</h2>
${render(doc.person)}
${cases}
</body>
</html>
`;
}

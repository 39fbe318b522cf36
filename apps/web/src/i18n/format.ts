const dateFormat = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: 'long', day: 'numeric' });
const shortDateFormat = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const numberFormat = new Intl.NumberFormat('sv-SE');

/** A business date (YYYY-MM-DD) as users read it: "3 mars 2026". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return dateFormat.format(new Date(y, m - 1, d));
}

/** A business date in the compact form of tables: "2026-03-03". */
export function formatShortDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return shortDateFormat.format(new Date(y, m - 1, d));
}

/** A recorded instant in local time: "2026-03-03 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? timeFormat.format(new Date(iso)) : '–';
}

export function formatNumber(n: number | string | null | undefined): string {
  if (n === null || n === undefined) return '–';
  return typeof n === 'number' ? numberFormat.format(n) : n;
}

/** Today's date in the browser's time zone, as YYYY-MM-DD (the API's business dates). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

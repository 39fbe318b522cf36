// The keyset cursors of the paged lists (queue, meetings, notifications, audit): opaque to the
// caller, base64url of a small JSON object that only the list that gave it out reads back.

export function encodeCursor(fields: object): string {
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/**
 * The fields of a cursor, or undefined when `raw` is not base64url JSON of an object. Anyone can
 * forge one: the list checks each field it uses before it reaches SQL.
 */
export function cursorFields(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A paged list's page and its total in one statement, so that both are read from one snapshot and
 * agree however the rows change meanwhile. `page` is the page's query (ordered and limited),
 * `count` counts every match; `columns` and `orderBy` name the page's columns as `page.…`. A list
 * that needs the same rows for both gathers them once in `with` (a CTE named by both).
 * Always one row at least: with an empty page it holds the total alone (see pageRows).
 */
export function pageAndTotalSql(q: { with?: string; count: string; page: string; columns: string; orderBy: string }): string {
  return `${q.with ? `WITH ${q.with} ` : ''}SELECT (${q.count}) AS total, ${q.columns}
            FROM (SELECT 1) AS one LEFT JOIN (${q.page}) AS page ON true
           ORDER BY ${q.orderBy}`;
}

/** The rows of pageAndTotalSql: the total, and the page's rows (those where `key` is set). */
export function pageRows<R extends { total: number }, K extends keyof R>(
  rows: R[],
  key: K,
): { total: number; rows: (R & { [P in K]: NonNullable<R[P]> })[] } {
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.filter((r): r is R & { [P in K]: NonNullable<R[P]> } => r[key] !== null && r[key] !== undefined),
  };
}

/**
 * One INSERT for a whole batch: the rows travel as one JSON document and `json_to_recordset` turns
 * them into a relation, so a batch costs one round trip, never one per event. (`json`, not `jsonb`:
 * the document is read once, so building a jsonb tree of it first would only cost time.)
 */
export function recordsetInsert(
  table: string,
  types: Record<string, string>,
  conflict: { keys: string[]; update: 'all' | 'nothing' | string[] },
): string {
  const columns = Object.keys(types);
  const keys = conflict.keys.join(', ');
  const updated =
    conflict.update === 'all'
      ? columns.filter((c) => !conflict.keys.includes(c))
      : conflict.update === 'nothing'
        ? []
        : conflict.update;
  const onConflict = updated.length
    ? `ON CONFLICT (${keys}) DO UPDATE SET ${updated.map((c) => `${c} = excluded.${c}`).join(', ')}`
    : `ON CONFLICT (${keys}) DO NOTHING`;
  return `INSERT INTO ${table} (${columns.join(', ')})
    SELECT ${columns.join(', ')} FROM json_to_recordset($1::json) AS x(${columns.map((c) => `${c} ${types[c]}`).join(', ')})
    ${onConflict}`;
}

/**
 * Serialises rows for a statistics table. Rows are built from codes, dates and pseudonyms only, and
 * only the columns a statement names are stored; this is the last gate: a sealed personal-data
 * value (`pd1.…`) never reaches a statistics table, whatever a future change puts in a row.
 */
export function statisticsJson(rows: unknown[]): string {
  const json = JSON.stringify(rows);
  if (json.includes('"pd1.'))
    throw new Error('A sealed personal-data value was about to be written to a statistics table');
  return json;
}

/**
 * Where a tenant's statistics stand: one row per tenant, the position of its last event the read
 * model took in. Its rows change only with such an event, and which events those are does not depend
 * on how they were batched, so a rebuild gives the same rows. It only grows (batches of a rebuild
 * arrive stream by stream, out of global order). A statistics answer computed while it held one
 * value is still the answer while it holds it (libs/read-models/src/statistics/answers.ts).
 */
export function changesUpsert(table: string): string {
  return `INSERT INTO ${table} (tenant, position)
    SELECT tenant, position FROM json_to_recordset($1::json) AS x(tenant text, position bigint)
    ON CONFLICT (tenant) DO UPDATE SET position = greatest(${table}.position, excluded.position)`;
}

/** For each tenant, the position of its last event in `events` that `accepts`. */
export function changesOf<E extends { tenant: string; position: number }>(
  events: readonly E[],
  accepts: (e: E) => boolean,
): { tenant: string; position: number }[] {
  const last = new Map<string, number>();
  for (const e of events) if (accepts(e)) last.set(e.tenant, Math.max(last.get(e.tenant) ?? 0, e.position));
  return [...last].map(([tenant, position]) => ({ tenant, position }));
}

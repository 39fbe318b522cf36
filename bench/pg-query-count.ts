import { writeFileSync } from 'node:fs';

// Preloaded into the API (`node -r dist/bench/pg-query-count.js …`) by http.bench.ts when
// BENCH_HTTP_QUERIES=1: counts the statements the API sends to PostgreSQL, by their first words,
// and writes the running totals to BENCH_QUERY_COUNT_FILE four times a second. The bench divides
// the counts of a measured window by its requests: database round trips per request.
const file = process.env.BENCH_QUERY_COUNT_FILE;

if (file) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const counts = new Map<string, number>();
  let changed = false;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === 'string' ? config : config?.text;
    if (text) {
      const key = text.replace(/\s+/g, ' ').trim().slice(0, 72);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      changed = true;
    }
    return original.apply(this, args);
  };
  const flush = () => {
    if (!changed) return;
    changed = false;
    writeFileSync(file, JSON.stringify(Object.fromEntries(counts)));
  };
  setInterval(flush, 250).unref();
  process.on('exit', flush);
}

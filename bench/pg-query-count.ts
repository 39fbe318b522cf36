import { writeFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

// Preloaded into the API (`node -r dist/bench/pg-query-count.js …`) by http.bench.ts when
// BENCH_HTTP_QUERIES=1: counts the statements the API sends to PostgreSQL, by their first words,
// and writes the running totals to BENCH_QUERY_COUNT_FILE four times a second. The bench divides
// the counts of a measured window by its requests: database round trips per request. On the
// embedded store, the statements in the protocol messages the API hands to PGlite. A thread of
// the API (the read models' on a server) loads this too and counts its own statements into a file
// of its own beside that one (`<file>.<thread id>`); the bench adds them up.
const named = process.env.BENCH_QUERY_COUNT_FILE;
const file = named && !isMainThread ? `${named}.${threadId}` : named;

if (file) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const counts = new Map<string, number>();
  let changed = false;
  const count = (text: string) => {
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 72);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    changed = true;
  };
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === 'string' ? config : config?.text;
    if (text) count(text);
    return original.apply(this, args);
  };
  countEmbedded(count);
  const flush = () => {
    if (!changed) return;
    changed = false;
    writeFileSync(file, JSON.stringify(Object.fromEntries(counts)));
  };
  setInterval(flush, 250).unref();
  process.on('exit', flush);
}

/**
 * PGlite takes protocol messages: a simple query ('Q') is counted by its text, an extended one by
 * its parse ('P') or, for a statement parsed earlier under a name, its bind ('B').
 */
function countEmbedded(count: (text: string) => void): void {
  let PGlite: typeof import('@electric-sql/pglite').PGlite;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite'));
  } catch {
    return;
  }
  const named = new Map<string, string>();
  const original = PGlite.prototype.execProtocolStream;
  PGlite.prototype.execProtocolStream = function (this: InstanceType<typeof PGlite>, message, options) {
    const text = new TextDecoder();
    const cstrings = (from: number, n: number): string[] => {
      const out: string[] = [];
      for (let at = from; out.length < n;) {
        const end = message.indexOf(0, at);
        out.push(text.decode(message.subarray(at, end)));
        at = end + 1;
      }
      return out;
    };
    let parsed = false;
    for (let at = 0; at < message.length;) {
      const type = String.fromCharCode(message[at]);
      const length = new DataView(message.buffer, message.byteOffset + at + 1, 4).getInt32(0);
      if (type === 'Q') count(cstrings(at + 5, 1)[0]);
      else if (type === 'P') {
        const [name, sql] = cstrings(at + 5, 2);
        if (name) named.set(name, sql);
        count(sql);
        parsed = true;
      } else if (type === 'B' && !parsed) {
        const [, statement] = cstrings(at + 5, 2);
        if (statement) count(named.get(statement) ?? statement);
      }
      at += 1 + length;
    }
    return original.call(this, message, options);
  };
}

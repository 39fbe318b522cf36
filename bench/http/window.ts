// What a measured window sees besides its own requests: CPU of the API, the worker, PostgreSQL and
// the machine, the server's longest write transaction, the API's SQL statements.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SqlClient } from '@app/event-store';
import { round, sleep } from './config';

export interface WindowStats {
  /** Both cores busy is 100. */
  machineBusyPercent: number;
  driverCpuSeconds: number;
  apiCpuSeconds?: number;
  apiCpuMsPerRequest?: number;
  workerCpuSeconds?: number;
  workerCpuMsPerRequest?: number;
  /** Every PostgreSQL process on this machine (the server is local); other databases' work included. */
  postgresCpuSeconds?: number;
  postgresCpuMsPerRequest?: number;
  /**
   * The longest write transaction in flight anywhere on the PostgreSQL server (sampled every
   * 500 ms). Readers of the event store wait for every older transaction to end, so a long one
   * of another program holds the API's read models back (reads then answer 503).
   */
  longestWriteTransactionSeconds?: number;
  /** With BENCH_HTTP_QUERIES=1: statements the API sent per request (its consumers' included), and the most frequent. */
  queriesPerRequest?: number;
  statementsPerRequest?: Record<string, number>;
}

/** What a workload is watched with besides its own requests. */
export interface Watch {
  /** The API process, for its CPU time. */
  pid?: number;
  /** apps/worker beside it (BENCH_HTTP_PROJECTIONS=worker), for its CPU time. */
  workerPid?: number;
  /** A connection to the server, for its transactions. */
  sql?: SqlClient;
  /** The API's statement counts (BENCH_HTTP_QUERIES=1). */
  queryFile?: string;
}

/** The statement counts of the API's threads: `file` (its main thread) and `<file>.<thread id>` beside it. */
function queryCounts(file: string | undefined): Record<string, number> {
  if (!file) return {};
  const counts: Record<string, number> = {};
  const threads = readdirSync(dirname(file)).filter((f) => f.startsWith(`${basename(file)}.`));
  for (const path of [file, ...threads.map((f) => join(dirname(file), f))]) {
    try {
      const written = JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
      for (const [text, n] of Object.entries(written)) counts[text] = (counts[text] ?? 0) + n;
    } catch {
      // Not written yet.
    }
  }
  return counts;
}

function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - (fields[4] ?? 0), total };
}

/** User and system CPU seconds of a process (Linux clock ticks of 1/100 s). */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** CPU seconds of each PostgreSQL process on this machine (its server processes are named postgres). */
function postgresCpu(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const seconds = processCpuSeconds(Number(entry));
    if (seconds !== undefined) cpu.set(Number(entry), seconds);
  }
  return cpu;
}

/** Watches the measured window: started when it opens, finished with its request count when it closes. */
export function watchWindow(watch: Watch): { finish(requests: number): Promise<WindowStats> } {
  const machine = machineCpu();
  const driver = process.cpuUsage();
  const api = watch.pid ? processCpuSeconds(watch.pid) : undefined;
  const worker = watch.workerPid ? processCpuSeconds(watch.workerPid) : undefined;
  const postgres = postgresCpu();
  const queries = queryCounts(watch.queryFile);
  let longest = 0;
  let sampling: Promise<unknown> = Promise.resolve();
  const sample = () => {
    sampling = watch
      .sql!.query<{ s: number }>(
        `SELECT coalesce(max(extract(epoch FROM now() - xact_start)), 0)::float8 AS s
           FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()`,
      )
      .then((r) => (longest = Math.max(longest, Number(r.rows[0].s))))
      .catch(() => undefined);
  };
  const timer = watch.sql ? setInterval(sample, 500) : undefined;
  if (watch.sql) sample();
  return {
    async finish(requests) {
      clearInterval(timer);
      await sampling;
      const m = machineCpu();
      const d = process.cpuUsage(driver);
      const apiNow = watch.pid ? processCpuSeconds(watch.pid) : undefined;
      const apiCpu = api !== undefined && apiNow !== undefined ? apiNow - api : undefined;
      const workerNow = watch.workerPid ? processCpuSeconds(watch.workerPid) : undefined;
      const workerCpu = worker !== undefined && workerNow !== undefined ? workerNow - worker : undefined;
      // A backend that ended inside the window is missed; one that started in it counts from zero.
      let postgresCpuUsed = 0;
      for (const [pid, seconds] of postgresCpu()) postgresCpuUsed += seconds - (postgres.get(pid) ?? 0);
      let statements: [string, number][] = [];
      if (watch.queryFile) {
        await sleep(300); // the API writes its counts four times a second
        const now = queryCounts(watch.queryFile);
        statements = Object.entries(now)
          .map(([k, n]): [string, number] => [k, (n - (queries[k] ?? 0)) / Math.max(1, requests)])
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1]);
      }
      return {
        machineBusyPercent: round(((m.busy - machine.busy) / Math.max(1, m.total - machine.total)) * 100),
        driverCpuSeconds: round((d.user + d.system) / 1e6, 2),
        ...(apiCpu !== undefined
          ? {
              apiCpuSeconds: round(apiCpu, 2),
              apiCpuMsPerRequest: round((apiCpu * 1000) / Math.max(1, requests), 2),
            }
          : {}),
        ...(workerCpu !== undefined
          ? {
              workerCpuSeconds: round(workerCpu, 2),
              workerCpuMsPerRequest: round((workerCpu * 1000) / Math.max(1, requests), 2),
            }
          : {}),
        ...(postgres.size > 0
          ? {
              postgresCpuSeconds: round(postgresCpuUsed, 2),
              postgresCpuMsPerRequest: round((postgresCpuUsed * 1000) / Math.max(1, requests), 2),
            }
          : {}),
        ...(watch.sql ? { longestWriteTransactionSeconds: round(longest, 2) } : {}),
        ...(watch.queryFile
          ? {
              queriesPerRequest: round(
                statements.reduce((a, [, n]) => a + n, 0),
                2,
              ),
              statementsPerRequest: Object.fromEntries(
                statements.slice(0, 15).map(([k, n]) => [k, round(n, 2)]),
              ),
            }
          : {}),
      };
    },
  };
}

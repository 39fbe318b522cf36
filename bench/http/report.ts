// What the bench prints of a workload, and the targets it checks.
import { RAW_CLIENTS, INITIATION_CONNECTIONS, TARGETS, log, round } from './config';
import type { Timing, LoadResult } from './load';

export function report(name: string, r: LoadResult): void {
  const line = (op: string, x: Timing) =>
    `  ${op.padEnd(13)} ${String(x.requests).padStart(7)} req ${String(x.perSecond).padStart(8)}/s  p50 ${String(x.p50Ms).padStart(7)} ms  p99 ${String(x.p99Ms).padStart(7)} ms  errors ${x.errors}`;
  log(`${name} (${r.connections} connections, ${r.seconds} s after ${r.warmupSeconds} s warm-up):`);
  if (Object.keys(r.ops).length > 1) for (const [op, x] of Object.entries(r.ops)) log(line(op, x));
  log(line('all', r.total));
  const w = r.window;
  log(
    `  machine ${w.machineBusyPercent}% busy; driver ${w.driverCpuSeconds} s CPU` +
      (w.apiCpuMsPerRequest !== undefined
        ? `; API ${w.apiCpuSeconds} s CPU, ${w.apiCpuMsPerRequest} ms per request`
        : '') +
      (w.workerCpuMsPerRequest !== undefined
        ? `; worker ${w.workerCpuSeconds} s CPU, ${w.workerCpuMsPerRequest} ms per request`
        : '') +
      (w.postgresCpuMsPerRequest !== undefined
        ? `; PostgreSQL ${w.postgresCpuSeconds} s CPU, ${w.postgresCpuMsPerRequest} ms per request`
        : '') +
      (w.longestWriteTransactionSeconds !== undefined
        ? `; longest write transaction on the server ${w.longestWriteTransactionSeconds} s`
        : '') +
      (w.queriesPerRequest !== undefined ? `; ${w.queriesPerRequest} SQL statements per request` : ''),
  );
  for (const [statement, n] of Object.entries(w.statementsPerRequest ?? {}).slice(0, 8))
    log(`    ${n.toFixed(2).padStart(6)} × ${statement}`);
  if (r.warmupErrors) log(`  warm-up errors: ${r.warmupErrors}`);
  for (const s of r.errorSamples) log(`  refused: ${s.count} × ${s.op} ${s.status ?? ''} ${s.problem ?? ''}`);
}

export interface TargetCheck {
  goal: string;
  value: number | null;
  target: string;
  met: boolean | null;
}

export function targets(r: Record<string, any>): TargetCheck[] {
  const raw = r.rawInsert?.insertsPerSecond as number | undefined;
  const a = r.initiation as LoadResult | undefined;
  const share = raw && a ? round(a.total.perSecond / raw, 3) : undefined;
  const rss = r.memory?.mix?.peakRssMB as number | undefined;
  const valid = (x: LoadResult | undefined) => x !== undefined && x.total.errors === 0;
  return [
    {
      goal: `case initiation over HTTP at ${INITIATION_CONNECTIONS} connections ÷ raw single-row inserts at ${RAW_CLIENTS} clients (same run)`,
      value: share ?? null,
      target: `≥ ${TARGETS.initiationShareOfRawInserts}`,
      met: share === undefined || !valid(a) ? null : share >= TARGETS.initiationShareOfRawInserts,
    },
    {
      goal: `case initiation over HTTP at ${INITIATION_CONNECTIONS} connections, p99 (ms)`,
      value: a?.total.p99Ms ?? null,
      target: `< ${TARGETS.initiationP99Ms}`,
      met: !valid(a) ? null : a!.total.p99Ms < TARGETS.initiationP99Ms,
    },
    {
      goal: 'API peak RSS during the mix (MB)',
      value: rss ?? null,
      target: `< ${TARGETS.apiRssMB}`,
      met: rss === undefined ? null : rss < TARGETS.apiRssMB,
    },
  ];
}

// The goals and the results table (bench/results/latest.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Timing } from './measure';
import type { RouteTimings } from './statistics-routes';

const GOALS = { rebuildEventsPerSecond: 30_000, queueP99Ms: 50, statisticsP99Ms: 200 };
export const RESULTS = join(process.cwd(), 'bench', 'results');

export function goals(
  r: Record<string, any>,
): { goal: string; value: number | null; target: string; met: boolean | null }[] {
  const queueP99 = Math.max(...Object.values(r.queue.variants as Record<string, Timing>).map((t) => t.p99Ms));
  const out: { goal: string; value: number | null; target: string; met: boolean | null }[] = [
    {
      goal: 'rebuild all read models: events applied per second (events × read models ÷ seconds)',
      value: r.rebuild.all.eventsPerSecond,
      target: `≥ ${GOALS.rebuildEventsPerSecond}`,
      met: r.rebuild.all.eventsPerSecond >= GOALS.rebuildEventsPerSecond,
    },
    ...(r.rebuild.projections as { projection: string; eventsPerSecond: number }[]).map((p) => ({
      goal: `rebuild ${p.projection}, events/s`,
      value: p.eventsPerSecond,
      target: `≥ ${GOALS.rebuildEventsPerSecond}`,
      met: p.eventsPerSecond >= GOALS.rebuildEventsPerSecond,
    })),
    {
      goal: 'queue, worst p99 of all variants (ms)',
      value: queueP99,
      target: `< ${GOALS.queueP99Ms}`,
      met: queueP99 < GOALS.queueP99Ms,
    },
  ];
  const stat = r.statistics?.p99Ms as number | undefined;
  out.push({
    goal: 'participant statistics for a year, p99 (ms)',
    value: stat ?? null,
    target: `< ${GOALS.statisticsP99Ms}`,
    met: stat === undefined ? null : stat < GOALS.statisticsP99Ms,
  });
  const routes = r.statisticsRoutes?.routes as Record<string, RouteTimings> | undefined;
  for (const [route, t] of Object.entries(routes ?? {})) {
    // Runs before the served figures were measured hold only the computed ones.
    const served = t.served ?? t;
    const p99 = Math.max(served.processledare.p99Ms, served.manager.p99Ms);
    out.push({
      goal: `${route}, a year beside the year before, as the route serves it while the statistics have not changed, worst p99 of processledare and manager (ms)`,
      value: p99,
      target: `< ${GOALS.statisticsP99Ms}`,
      met: p99 < GOALS.statisticsP99Ms,
    });
  }
  // The HTTP bench checks its own targets (initiation vs raw inserts, p99, RSS); a run it could not finish measured none.
  if (r.http?.goals) out.push(...(r.http.goals as typeof out));
  else if (r.http)
    out.push({
      goal: 'HTTP write path (bench/http.bench.ts)',
      value: null,
      target: 'see http-latest.json',
      met: null,
    });
  return out;
}

/** The HTTP write path's figures (bench/http.bench.ts), as rows of the table. */
function httpRows(
  http: Record<string, any> | undefined,
  row: (figure: string, value: string, goal?: string) => void,
): void {
  if (!http) return;
  if (!http.rawInsert) {
    row('HTTP write path', `not measured: ${http.failed ?? 'no results'}`);
    return;
  }
  const targets = http.targets as {
    initiationShareOfRawInserts: number;
    initiationP99Ms: number;
    apiRssMB: number;
  };
  const t = (x: { perSecond: number; p50Ms: number; p99Ms: number; errors: number }, unit = 'req/s') =>
    `${x.perSecond} ${unit}, p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms${x.errors ? `, **${x.errors} errors (not valid)**` : ''}`;
  const cpu = (w?: {
    apiCpuMsPerRequest?: number;
    postgresCpuMsPerRequest?: number;
    machineBusyPercent?: number;
  }) =>
    w
      ? ` (CPU per request: API ${w.apiCpuMsPerRequest ?? '–'} ms` +
        (w.postgresCpuMsPerRequest !== undefined ? `, PostgreSQL ${w.postgresCpuMsPerRequest} ms` : '') +
        `; machine ${w.machineBusyPercent}% busy)`
      : '';
  const raw = http.rawInsert;
  row(
    `raw single-row INSERT transactions into a copy of es_events, ${raw.connections} pg clients, ${raw.seconds} s`,
    t(raw.total, 'inserts/s'),
    'the physical limit',
  );
  const floors: [string, string][] = [
    ['node', 'node:http alone (read and parse the body, answer 201)'],
    [
      'nest',
      "the API's HTTP pipeline (request log, helmet, JSON body, validation of the DTO), no service work",
    ],
  ];
  for (const [mode, what] of floors) {
    const f = http.floor?.[mode];
    if (!f) continue;
    const share = Math.round((f.total.perSecond / raw.insertsPerSecond) * 1000) / 10;
    row(
      `floor: initiations answered by ${what}, ${f.connections} connections, ${f.seconds} s`,
      `${t(f.total)}; ${share}% of the raw insert rate${cpu(f.window)}`,
      'the ceiling for an initiation on this stack and machine',
    );
  }
  const a = http.initiation;
  if (a) {
    const share = Math.round((a.total.perSecond / raw.insertsPerSecond) * 1000) / 10;
    row(
      `HTTP case initiation (POST /api/v1/cases), PostgreSQL, ${a.connections} connections, ${a.seconds} s`,
      `${t(a.total)}; ${share}% of the raw insert rate${cpu(a.window)}`,
      `≥ ${targets.initiationShareOfRawInserts * 100}% of raw inserts, p99 < ${targets.initiationP99Ms} ms`,
    );
  }
  if (http.seed) {
    row(
      'HTTP mix: cases in coordination seeded over HTTP (not measured)',
      `${http.seed.cases} cases, ${http.seed.requests} requests in ${http.seed.seconds} s`,
    );
  }
  for (const [key, m] of Object.entries((http.mix ?? {}) as Record<string, any>)) {
    const n = key.replace(/^c/, '');
    row(
      `HTTP mix on ${http.config.cases} cases (60% updates, 20% initiations, 20% reads), ${n} connections, ${m.seconds} s: all`,
      `${t(m.total)}${cpu(m.window)}`,
    );
    for (const [op, x] of Object.entries(m.ops as Record<string, any>))
      row(`HTTP mix, ${n} connections: ${op}`, t(x));
  }
  const mem = http.memory?.mix;
  if (mem) row('API peak RSS during the mix (VmHWM)', `${mem.peakRssMB} MB`, `< ${targets.apiRssMB} MB`);
  const c = http.pglite;
  if (c) {
    row(
      `HTTP case initiation, embedded PGlite, ${c.connections} connections, ${c.seconds} s`,
      `${t(c.total)}${cpu(c.window)}`,
    );
  }
  const p = http.peer;
  if (p) {
    const m = (x: Record<string, any>) =>
      `${x.perSecond} req/s, p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms${x.errors ? `, **${x.errors} errors (not valid)**` : ''}` +
      ` (CPU per request: server ${x.serverCpuMsPerRequest ?? '–'} ms, PostgreSQL ${x.postgresCpuMsPerRequest ?? '–'} ms)`;
    const beside = `${p.connections} connections, median of ${p.medians.initiation.repetitions} interleaved repetitions`;
    const peer = `Emmett ${p.peer.emmett} shopping carts (Express + PostgreSQL sample, three inline projections)`;
    const times = http.targets.timesThePeer as number;
    const p99 = http.targets.besideThePeerP99Ms as number;
    row(
      `beside the peer: ${peer}, new stream (an item added to a new cart), ${beside}`,
      m(p.medians.peerNewStream),
    );
    row(
      `beside the peer: our case initiation, ${beside}`,
      `${m(p.medians.initiation)}; ${p.ratios.initiationOverPeerNewStream}× the peer's new stream`,
      `≥ ${times}× the peer's new stream, p99 < ${p99} ms`,
    );
    row(
      `beside the peer: ${peer}, existing stream (an item added to a cart that exists), ${beside}`,
      m(p.medians.peerExistingStream),
    );
    row(
      `beside the peer: our follow-up on a case in coordination, ${beside}`,
      `${m(p.medians.followUp)}; ${p.ratios.followUpOverPeerExistingStream}× the peer's existing stream`,
      `≥ ${times}× the peer's existing stream, p99 < ${p99} ms`,
    );
  }
}

const NOTES_START = '<!-- notes: kept when the bench writes this file again -->';
const NOTES_END = '<!-- /notes -->';

export function markdown(r: Record<string, any>): string {
  const m = r.machine;
  const context = `${m.cores} | ${m.memoryGiB} GiB | ${m.node} | ${m.pg} | ${m.postgres} | ${String(m.date).slice(0, 10)}`;
  const head =
    '| figure | value | goal | cores | memory | node | pg | PostgreSQL | date |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const rows: string[] = [];
  const row = (figure: string, value: string, goal = '') =>
    rows.push(`| ${figure} | ${value} | ${goal} | ${context} |`);
  const h = r.history;
  row(
    'history: cases / events / streams',
    `${h.cases} / ${h.events} / ${h.streams} (${h.eventsPerCase} events per case)`,
  );
  row('generate (real deciders)', `${h.generateSeconds} s`);
  row('bulk write into es_events', `${h.writeSeconds} s, ${h.writeEventsPerSecond} events/s`);
  for (const p of r.rebuild.projections) {
    row(
      `rebuild ${p.projection}`,
      `${p.eventsPerSecond} events/s (${p.seconds} s: read ${p.readSeconds}, js ${p.applyJsSeconds}, sql ${p.applySqlSeconds}, commit/other ${p.otherSeconds})`,
      `≥ ${GOALS.rebuildEventsPerSecond}`,
    );
  }
  if (r.rebuild.oneAfterAnother)
    row(
      `rebuild all ${r.rebuild.all.projections} read models, one after another (the rows above)`,
      `${r.rebuild.oneAfterAnother.eventsPerSecond} events/s applied (${r.rebuild.oneAfterAnother.seconds} s)`,
      'not a goal',
    );
  row(
    `rebuild all ${r.rebuild.all.projections} read models${r.rebuild.oneAfterAnother ? ' in one pass over the events' : ', one after another'}`,
    `${r.rebuild.all.eventsPerSecond} events/s applied (${r.rebuild.all.seconds} s; ${r.rebuild.all.storeEventsPerSecond} events of the store per second)`,
    `≥ ${GOALS.rebuildEventsPerSecond}`,
  );
  const q = r.queue;
  row(
    `queue ${q.tenant} (all buckets) right after the rebuild, before VACUUM, ${q.allBucketsBeforeVacuum.runs} runs`,
    `p50 ${q.allBucketsBeforeVacuum.p50Ms} ms, p99 ${q.allBucketsBeforeVacuum.p99Ms} ms`,
    'not a goal',
  );
  for (const [variant, t] of Object.entries(q.variants as Record<string, Timing & { total: number }>)) {
    row(
      `queue ${q.tenant} ${variant === 'ALL' ? '(all buckets)' : variant}, limit 50, ${t.runs} runs (${t.total} tasks)`,
      `p50 ${t.p50Ms} ms, p99 ${t.p99Ms} ms`,
      `p99 < ${GOALS.queueP99Ms} ms`,
    );
  }
  if (r.statistics?.p99Ms !== undefined) {
    row(
      `participants ${r.statistics.from}–${r.statistics.to}, ${r.statistics.tenant}, ${r.statistics.runs} runs`,
      `p50 ${r.statistics.p50Ms} ms, p99 ${r.statistics.p99Ms} ms`,
      `p99 < ${GOALS.statisticsP99Ms} ms`,
    );
  } else {
    row('participant statistics', `skipped: ${r.statistics?.skipped}`, `p99 < ${GOALS.statisticsP99Ms} ms`);
  }
  const sr = r.statisticsRoutes as
    | {
        tenant: string;
        year: number;
        compareYear: number;
        runs: number;
        routes: Record<string, RouteTimings>;
      }
    | undefined;
  const timings = (t: { processledare: Timing; manager: Timing }) =>
    `processledare p50 ${t.processledare.p50Ms} ms, p99 ${t.processledare.p99Ms} ms; manager p50 ${t.manager.p50Ms} ms, p99 ${t.manager.p99Ms} ms`;
  for (const [route, t] of Object.entries(sr?.routes ?? {})) {
    const what = `${route}: ${sr!.year} beside ${sr!.compareYear}, ${sr!.tenant}, ${sr!.runs} runs`;
    if (t.served)
      row(
        `${what}, served (the answer kept while the statistics have not changed; no HTTP)`,
        timings(t.served),
        `p99 < ${GOALS.statisticsP99Ms} ms`,
      );
    row(
      `${what}, computed (query and presentation, as after a change before the background refresh; no HTTP)`,
      timings(t),
      t.served ? undefined : `p99 < ${GOALS.statisticsP99Ms} ms`,
    );
  }
  for (const [part, what] of [
    ['store', 'event store workloads'],
    ['http', 'HTTP write path'],
  ] as const) {
    const at = (r[part] as { fromEarlierRun?: string } | undefined)?.fromEarlierRun;
    if (at) row(`${what}: not run this time`, `the figures below are from the run of ${at.slice(0, 10)}`);
  }
  const store = r.store as Record<string, Record<string, number>> | undefined;
  for (const driver of ['postgres', 'pglite']) {
    const s = store?.[driver];
    if (!s) continue;
    row(
      `store ${driver}: appends/s at 1 / 8 / 32 appenders`,
      `${s.appendsPerSecond_1} / ${s.appendsPerSecond_8} / ${s.appendsPerSecond_32}`,
    );
    row(`store ${driver}: read-all`, `${s.readAllEventsPerSecond} events/s (${s.readAllEvents} events)`);
  }
  httpRows(r.http, row);
  const breakdown = (r.rebuild.projections as Record<string, any>[]).map((p) => {
    const top = Object.entries(p.sqlSecondsByStatement as Record<string, number>)
      .slice(0, 3)
      .map(([k, v]) => `\`${k}…\` ${v} s`)
      .join('; ');
    return `- ${p.projection}: ${p.seconds} s = read events ${p.readSeconds} s + projection JavaScript ${p.applyJsSeconds} s + projection SQL ${p.applySqlSeconds} s + transaction/checkpoint ${p.otherSeconds} s. SQL: ${top || '–'}`;
  });
  const goalLines = (r.goals as ReturnType<typeof goals>).map(
    (g) =>
      `- ${g.met === null ? 'not measured' : g.met ? 'met' : '**missed**'}: ${g.goal}: ${g.value ?? '–'} (goal ${g.target})`,
  );
  let notes = `${NOTES_START}\n${NOTES_END}`;
  const previous = join(RESULTS, 'latest.md');
  if (existsSync(previous)) {
    const text = readFileSync(previous, 'utf8');
    const a = text.indexOf(NOTES_START);
    const b = text.indexOf(NOTES_END);
    if (a >= 0 && b > a) notes = text.slice(a, b + NOTES_END.length);
  }
  return [
    '# Benchmarks (`npm run bench`)',
    '',
    `${m.cpu}; PostgreSQL settings: ${Object.entries(r.postgresSettings ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}.`,
    `History: seed ${h.seed}, ${r.config.tenants} torg, ${h.from} – ${h.today}, every event from the real deciders (bench/generator/).`,
    `Queries run after VACUUM ANALYZE of the read models (${r.queue.vacuumSeconds} s), as autovacuum would leave them; read model sizes: ${Object.entries(
      r.readModelSizes ?? {},
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `Load average (1/5/15 min) at start ${r.loadAverageAtStart.map((x: number) => x.toFixed(1)).join(' / ')}, at end ${r.loadAverageAtEnd.map((x: number) => x.toFixed(1)).join(' / ')} (the machine may be shared).`,
    '',
    head,
    ...rows,
    '',
    '## Goals',
    '',
    ...goalLines,
    '',
    '## Where a rebuild spends its time (measured by the bench)',
    '',
    ...breakdown,
    '',
    '## Notes',
    '',
    notes,
    '',
  ].join('\n');
}

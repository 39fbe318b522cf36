// What the bench prints of a workload, and the targets it checks.
import { RAW_CLIENTS, INITIATION_CONNECTIONS, PEER_CONNECTIONS, TARGETS, log, round } from './config';
import type { Timing, LoadResult } from './load';

/** `server`: what the watched process is called in the CPU line (the API, or the peer). */
export function report(name: string, r: LoadResult, server = 'API'): void {
  const line = (op: string, x: Timing) =>
    `  ${op.padEnd(13)} ${String(x.requests).padStart(7)} req ${String(x.perSecond).padStart(8)}/s  p50 ${String(x.p50Ms).padStart(7)} ms  p99 ${String(x.p99Ms).padStart(7)} ms  errors ${x.errors}`;
  log(`${name} (${r.connections} connections, ${r.seconds} s after ${r.warmupSeconds} s warm-up):`);
  if (Object.keys(r.ops).length > 1) for (const [op, x] of Object.entries(r.ops)) log(line(op, x));
  log(line('all', r.total));
  const w = r.window;
  log(
    `  machine ${w.machineBusyPercent}% busy; driver ${w.driverCpuSeconds} s CPU` +
      (w.apiCpuMsPerRequest !== undefined
        ? `; ${server} ${w.apiCpuSeconds} s CPU, ${w.apiCpuMsPerRequest} ms per request`
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
  const peer = r.peer as PeerComparison | undefined;
  // Every repetition of both sides without a refused request, or the comparison says nothing.
  const peerValid =
    peer !== undefined &&
    peer.repetitions.every((rep) => Object.values(rep).every((x) => x.total.errors === 0));
  const beside = peer
    ? `at ${PEER_CONNECTIONS} connections, medians of ${peer.medians.initiation.repetitions} repetitions interleaved with the peer (Emmett ${peer.peer.emmett} shopping carts)`
    : `at ${PEER_CONNECTIONS} connections, interleaved with the peer (Emmett's shopping carts)`;
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
    {
      goal: `case initiation ÷ the peer's new stream, requests/s ${beside}`,
      value: peer?.ratios.initiationOverPeerNewStream ?? null,
      target: `≥ ${TARGETS.timesThePeer}`,
      met: !peerValid ? null : peer!.ratios.initiationOverPeerNewStream >= TARGETS.timesThePeer,
    },
    {
      goal: `follow-up on an existing case ÷ the peer's existing stream, requests/s ${beside}`,
      value: peer?.ratios.followUpOverPeerExistingStream ?? null,
      target: `≥ ${TARGETS.timesThePeer}`,
      met: !peerValid ? null : peer!.ratios.followUpOverPeerExistingStream >= TARGETS.timesThePeer,
    },
    {
      goal: `case initiation beside the peer, p99 (ms) ${beside}`,
      value: peer?.medians.initiation.p99Ms ?? null,
      target: `< ${TARGETS.besideThePeerP99Ms}`,
      met: !peerValid ? null : peer!.medians.initiation.p99Ms < TARGETS.besideThePeerP99Ms,
    },
    {
      goal: `follow-up on an existing case beside the peer, p99 (ms) ${beside}`,
      value: peer?.medians.followUp.p99Ms ?? null,
      target: `< ${TARGETS.besideThePeerP99Ms}`,
      met: !peerValid ? null : peer!.medians.followUp.p99Ms < TARGETS.besideThePeerP99Ms,
    },
  ];
}

// Beside the peer (bench/http/peer.ts)

/** What a workload's repetitions come to: the median of each figure. */
export interface Medians {
  repetitions: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests refused in all repetitions together. */
  errors: number;
  serverCpuMsPerRequest?: number;
  postgresCpuMsPerRequest?: number;
  queriesPerRequest?: number;
}

export const WORKLOADS = ['peerNewStream', 'initiation', 'peerExistingStream', 'followUp'] as const;
export type Workload = (typeof WORKLOADS)[number];

export interface PeerComparison {
  peer: Record<string, string>;
  connections: number;
  carts: number;
  repetitions: Record<Workload, LoadResult>[];
  medians: Record<Workload, Medians>;
  /** Ours ÷ the peer, from the medians of requests/s. */
  ratios: { initiationOverPeerNewStream: number; followUpOverPeerExistingStream: number };
}

export function reportComparison(c: PeerComparison): void {
  const line = (name: string, m: Medians) =>
    `  ${name.padEnd(22)} ${String(m.perSecond).padStart(8)}/s  p50 ${String(m.p50Ms).padStart(7)} ms  p99 ${String(m.p99Ms).padStart(7)} ms` +
    (m.serverCpuMsPerRequest !== undefined ? `  server ${m.serverCpuMsPerRequest} ms CPU/req` : '') +
    (m.postgresCpuMsPerRequest !== undefined ? `  PostgreSQL ${m.postgresCpuMsPerRequest} ms CPU/req` : '') +
    (m.queriesPerRequest !== undefined ? `  ${m.queriesPerRequest} statements/req` : '') +
    (m.errors ? `  errors ${m.errors}` : '');
  const { medians: m, ratios: r } = c;
  log(
    `beside the peer (${c.connections} connections, medians of ${m.initiation.repetitions} interleaved repetitions):`,
  );
  log(line('peer new stream', m.peerNewStream));
  log(line('ours initiation', m.initiation));
  log(`  initiation ÷ peer new stream: ${r.initiationOverPeerNewStream}×`);
  log(line('peer existing stream', m.peerExistingStream));
  log(line('ours follow-up', m.followUp));
  log(`  follow-up ÷ peer existing stream: ${r.followUpOverPeerExistingStream}×`);
}

// Load driver: `connections` loops, each with one request in flight, for a fixed time
import { percentile } from '../machine';
import { WARMUP_SECONDS, round, aborted } from './config';
import { type WindowStats, type Watch, watchWindow } from './window';

export interface StepResult {
  op: string;
  ok: boolean;
  status?: number;
  /** For a refusal: the problem type and title (never personal data, by the API's contract). */
  problem?: string;
}

export interface Timing {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  total: Timing;
  ops: Record<string, Timing>;
  /** Failed requests during the warm-up (not in `errors`, which counts the measured window). */
  warmupErrors: number;
  errorSamples: { op: string; status?: number; problem?: string; count: number }[];
  /** What else the measured window saw: CPU of the API, of this driver and of the machine; the server's longest write transaction. */
  window: WindowStats;
}

function timing(samples: number[], errors: number, seconds: number): Timing {
  samples.sort((a, b) => a - b);
  return {
    requests: samples.length,
    perSecond: round(samples.length / seconds),
    p50Ms: round(percentile(samples, 50), 2),
    p99Ms: round(percentile(samples, 99), 2),
    maxMs: round(samples[samples.length - 1] ?? 0, 2),
    errors,
  };
}

/**
 * Runs `step` in `connections` concurrent loops: WARMUP_SECONDS unmeasured, then `seconds`
 * measured. A request counts in the window it started in; every latency is kept (failed ones too).
 */
export async function drive(
  connections: number,
  seconds: number,
  step: (loop: number) => Promise<StepResult>,
  watch: Watch = {},
): Promise<LoadResult> {
  const latencies = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const samples = new Map<string, { op: string; status?: number; problem?: string; count: number }>();
  let warmupErrors = 0;
  const measureFrom = process.hrtime.bigint() + BigInt(Math.round(WARMUP_SECONDS * 1e9));
  const until = measureFrom + BigInt(Math.round(seconds * 1e9));
  let watching: ReturnType<typeof watchWindow> | undefined;
  const opening = setTimeout(() => (watching = watchWindow(watch)), WARMUP_SECONDS * 1000);
  await Promise.all(
    Array.from({ length: connections }, async (_, loop) => {
      for (;;) {
        const started = process.hrtime.bigint();
        if (started >= until || aborted) return;
        const r = await step(loop);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (!r.ok) {
          const key = `${r.op} ${r.status ?? ''} ${r.problem ?? ''}`;
          const s = samples.get(key) ?? { op: r.op, status: r.status, problem: r.problem, count: 0 };
          s.count++;
          samples.set(key, s);
        }
        if (started < measureFrom) {
          if (!r.ok) warmupErrors++;
          continue;
        }
        let list = latencies.get(r.op);
        if (!list) latencies.set(r.op, (list = []));
        list.push(ms);
        if (!r.ok) errors.set(r.op, (errors.get(r.op) ?? 0) + 1);
      }
    }),
  );
  const ops: Record<string, Timing> = {};
  for (const [op, list] of [...latencies].sort((a, b) => a[0].localeCompare(b[0]))) {
    ops[op] = timing(list, errors.get(op) ?? 0, seconds);
  }
  clearTimeout(opening);
  const all = [...latencies.values()].flat();
  return {
    connections,
    seconds,
    warmupSeconds: WARMUP_SECONDS,
    total: timing(
      all,
      [...errors.values()].reduce((a, b) => a + b, 0),
      seconds,
    ),
    ops,
    warmupErrors,
    errorSamples: [...samples.values()].sort((a, b) => b.count - a.count).slice(0, 10),
    window: await (watching ?? watchWindow(watch)).finish(all.length),
  };
}

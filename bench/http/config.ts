// Settings of the HTTP bench (each described in http.bench.ts) and what all its parts share.
import { join } from 'node:path';

export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const SECONDS = positive('BENCH_SECONDS', 10);
export const WARMUP_SECONDS = positive('BENCH_WARMUP_SECONDS', 2, true);
export const CASES = positive('BENCH_HTTP_CASES', 10_000, true);
export const SEED_CONNECTIONS = positive('BENCH_HTTP_SEED_CONNECTIONS', 16);
export const DB_POOL_SIZE = process.env.BENCH_HTTP_DB_POOL_SIZE;
export const LOG_LEVEL = process.env.BENCH_HTTP_LOG_LEVEL ?? 'info';
export const PGLITE = process.env.BENCH_HTTP_PGLITE !== '0';
export const PROJECTIONS = process.env.BENCH_HTTP_PROJECTIONS === 'worker' ? 'worker' : 'api';
export const CPU_PROF = process.env.BENCH_CPU_PROF || undefined;
export const QUERIES = process.env.BENCH_HTTP_QUERIES === '1';
export const KEEP = process.env.BENCH_KEEP === '1';
export const PEER = process.env.BENCH_HTTP_PEER !== '0';
export const PEER_REPETITIONS = positive('BENCH_HTTP_PEER_REPETITIONS', 3);
export const PEER_CARTS = positive('BENCH_HTTP_PEER_CARTS', 1600);

export const RAW_CLIENTS = 16;
export const INITIATION_CONNECTIONS = 16;
export const MIX_CONNECTIONS = [16, 64];
export const PEER_CONNECTIONS = 16;
export const TARGETS = {
  initiationShareOfRawInserts: 0.3,
  initiationP99Ms: 50,
  apiRssMB: 300,
  /** Ours ÷ the peer's requests/s: initiation ÷ new stream, follow-up ÷ existing stream. */
  timesThePeer: 2,
  besideThePeerP99Ms: 50,
};
export const TENANT = 'bench';
export const RESULTS = join(process.cwd(), 'bench', 'results');

export const log = (line: string) => process.stdout.write(`${line}\n`);
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function positive(name: string, fallback: number, zeroAllowed = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroAllowed))
    throw new Error(`${name} must be a positive number`);
  return n;
}

// Calendar: business dates as the API's tenants see them (Europe/Stockholm)

export const TIME_ZONE = 'Europe/Stockholm';
export const today = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(new Date());

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Set on SIGINT/SIGTERM: workloads stop, the APIs stop, the schema is dropped. */
export let aborted = false;

export function abort(): void {
  aborted = true;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

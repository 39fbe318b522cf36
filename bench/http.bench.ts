import { type ChildProcess, spawn } from 'node:child_process';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createPgClient, migrate, type SqlClient } from '@app/event-store';
import { type Party, type Role } from '@app/case-domain';
import { luhnCheckDigit, signDevToken } from '@app/security';
import { formatSummary, summariseCpuProfile, type ProfileSummary } from './cpu-profile';
import { mulberry32 } from './generator';
import { machineInfo, percentile } from './machine';

// `npm run bench:http`: the write path as partner systems and caseworkers meet it, over HTTP with
// keep-alive, against the real API started as a child process (the built dist/), measured next to
// the physical limit of the same PostgreSQL in the same run:
//
//   raw      single-row INSERT transactions into a copy of es_events, 16 pg clients, this process
//   A        case initiations (POST /api/v1/cases) at 16 connections, PostgreSQL
//   B        on BENCH_HTTP_CASES cases in coordination (accepted, decided, an insats started, a third
//            with a SIP requested): 60%
//            updates (follow-ups, insats start/end, SIP request/booking), 20% initiations, 20% case
//            reads, at 16 and then 64 connections; the API's peak RSS during B
//   C        case initiations at 16 connections against the API on the embedded PGlite store
//
// Writes bench/results/http-latest.json; drops its schema and temporary directories.
//
//   BENCH_DATABASE_URL            default postgres://postgres@127.0.0.1:5432/test
//   BENCH_SECONDS                 measured seconds per workload, default 10
//   BENCH_WARMUP_SECONDS          unmeasured seconds before each, default 2
//   BENCH_HTTP_CASES              cases in coordination for B, default 10000 (seeded over HTTP, not measured);
//                                 0 skips B
//   BENCH_HTTP_SEED_CONNECTIONS   connections while seeding, default 16
//   BENCH_HTTP_DB_POOL_SIZE       the API's DB_POOL_SIZE, default the API's own (20)
//   BENCH_HTTP_LOG_LEVEL          the API's LOG_LEVEL, default info (as deployed); its log goes to a file
//   BENCH_HTTP_PGLITE=0           skips C
//   BENCH_HTTP_PROJECTIONS=worker A and B with the projections and jobs in apps/worker beside the
//                                 API (PROJECTIONS=worker), as deployments that scale them apart run
//   BENCH_CPU_PROF=dir            starts the API with --cpu-prof into dir and prints the top functions
//   BENCH_HTTP_QUERIES=1          counts the API's SQL statements per request (bench/pg-query-count.ts)
//   BENCH_KEEP=1                  keeps the schema (its name is printed)
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = positive('BENCH_SECONDS', 10);
const WARMUP_SECONDS = positive('BENCH_WARMUP_SECONDS', 2, true);
const CASES = positive('BENCH_HTTP_CASES', 10_000, true);
const SEED_CONNECTIONS = positive('BENCH_HTTP_SEED_CONNECTIONS', 16);
const DB_POOL_SIZE = process.env.BENCH_HTTP_DB_POOL_SIZE;
const LOG_LEVEL = process.env.BENCH_HTTP_LOG_LEVEL ?? 'info';
const PGLITE = process.env.BENCH_HTTP_PGLITE !== '0';
const PROJECTIONS = process.env.BENCH_HTTP_PROJECTIONS === 'worker' ? 'worker' : 'api';
const CPU_PROF = process.env.BENCH_CPU_PROF || undefined;
const QUERIES = process.env.BENCH_HTTP_QUERIES === '1';
const KEEP = process.env.BENCH_KEEP === '1';

const RAW_CLIENTS = 16;
const INITIATION_CONNECTIONS = 16;
const MIX_CONNECTIONS = [16, 64];
const TARGETS = { initiationShareOfRawInserts: 0.3, initiationP99Ms: 50, apiRssMB: 300 };
const TENANT = 'bench';
const RESULTS = join(process.cwd(), 'bench', 'results');

const log = (line: string) => process.stdout.write(`${line}\n`);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function positive(name: string, fallback: number, zeroAllowed = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroAllowed))
    throw new Error(`${name} must be a positive number`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Calendar: business dates as the API's tenants see them (Europe/Stockholm)

const TIME_ZONE = 'Europe/Stockholm';
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(new Date());

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Load driver: `connections` loops, each with one request in flight, for a fixed time

interface StepResult {
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
interface Watch {
  /** The API process, for its CPU time. */
  pid?: number;
  /** apps/worker beside it (BENCH_HTTP_PROJECTIONS=worker), for its CPU time. */
  workerPid?: number;
  /** A connection to the server, for its transactions. */
  sql?: SqlClient;
  /** The API's statement counts (BENCH_HTTP_QUERIES=1). */
  queryFile?: string;
}

function queryCounts(file: string | undefined): Record<string, number> {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
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
function watchWindow(watch: Watch): { finish(requests: number): Promise<WindowStats> } {
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
async function drive(
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

// ---------------------------------------------------------------------------------------------
// HTTP client: node:http with keep-alive, one socket per loop

interface Reply {
  status: number;
  body?: any;
}

class ApiClient {
  readonly agent: Agent;

  constructor(
    readonly port: number,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  /** Sends one request; the body is parsed when asked for, or when it is a problem. */
  send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    token: string | undefined,
    body?: unknown,
    parse = true,
  ): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: this.port, method, path, agent: this.agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const ok = status >= 200 && status < 300;
            let parsed: unknown;
            if ((parse || !ok) && chunks.length > 0) {
              try {
                parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              } catch {
                parsed = undefined;
              }
            }
            resolve({ status, body: parsed });
          });
          res.on('error', () => resolve({ status: 0 }));
        },
      );
      req.on('error', (err) => resolve({ status: 0, body: { title: err.message } }));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

const ok = (r: Reply) => r.status >= 200 && r.status < 300;

function problemOf(r: Reply): string | undefined {
  const b = r.body as { type?: string; title?: string } | undefined;
  if (!b) return undefined;
  return [b.type?.replace(/^.*\/problems\//, ''), b.title].filter(Boolean).join(': ').slice(0, 160);
}

function result(op: string, r: Reply): StepResult {
  return ok(r) ? { op, ok: true } : { op, ok: false, status: r.status, problem: problemOf(r) };
}

/** For the unmeasured set-up: a refused request stops the bench with what the API said. */
function expectOk(what: string, r: Reply): any {
  if (!ok(r)) throw new Error(`${what}: HTTP ${r.status} ${problemOf(r) ?? ''}`);
  return r.body;
}

// ---------------------------------------------------------------------------------------------
// The API as a child process

const SECRETS = {
  jwtDevSecret: randomBytes(32).toString('hex'),
  masterKey: randomBytes(32).toString('base64'),
};
/** Children still running, stopped on any way out of the bench. */
const children = new Set<ChildProcess>();
/** Set on SIGINT/SIGTERM: workloads stop, the APIs stop, the schema is dropped. */
let aborted = false;

interface RunningApi {
  label: string;
  child: ChildProcess;
  pid: number;
  port: number;
  logFile: string;
  /** The API's statement counts, with BENCH_HTTP_QUERIES=1 on PostgreSQL. */
  queryFile?: string;
  exited: Promise<number | null>;
  /** apps/worker beside the API (BENCH_HTTP_PROJECTIONS=worker). */
  worker?: RunningApi;
}

/** The built output: dist/ around this file, or under the working directory when run from source. */
function built(...path: string[]): string {
  const file = __filename.endsWith('.js')
    ? join(__dirname, '..', ...path)
    : join(process.cwd(), 'dist', ...path);
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build)`);
  return file;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// Every setting the API reads; the child gets only the ones the bench chooses.
const API_SETTINGS = [
  'PORT',
  'NODE_ENV',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'DB_POOL_SIZE',
  'DATA_DIR',
  'REDIS_URL',
  'REDIS_PREFIX',
  'PROJECTIONS',
  'DEADLINE_TICK_SECONDS',
  'JOB_ATTEMPTS',
  'JOB_BACKOFF_MS',
  'WEBHOOK_TIMEOUT_MS',
  'RATE_LIMIT_PER_MINUTE',
  'READ_WAIT_MS',
  'BODY_LIMIT',
  'CORS_ORIGINS',
  'APP_TIME_ZONE',
  'LOG_LEVEL',
  'MASTER_KEY',
  'JWT_DEV_SECRET',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'OIDC_JWKS_URI',
];

/** The V8 heap settings `npm start` and the Docker image give the API. */
const API_NODE_OPTIONS = (() => {
  const start = (
    JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts.start;
  return /NODE_OPTIONS:-([^}]*)\}/.exec(start)?.[1] ?? '';
})();

async function startApi(
  label: string,
  store: { databaseUrl: string; schema: string } | undefined,
  dataDir: string,
): Promise<RunningApi> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of API_SETTINGS) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'development',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL,
    APP_TIME_ZONE: TIME_ZONE,
    // The bench is one client sending thousands of requests a minute.
    RATE_LIMIT_PER_MINUTE: '0',
    MASTER_KEY: SECRETS.masterKey,
    JWT_DEV_SECRET: SECRETS.jwtDevSecret,
    ...(store ? { DATABASE_URL: store.databaseUrl, DATABASE_SCHEMA: store.schema } : {}),
    ...(DB_POOL_SIZE ? { DB_POOL_SIZE } : {}),
    ...(store && PROJECTIONS === 'worker' ? { PROJECTIONS: 'worker' } : {}),
    // As `npm start` and the Docker image start it (see package.json), unless set for the bench.
    NODE_OPTIONS: process.env.NODE_OPTIONS ?? API_NODE_OPTIONS,
  });
  const args = CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`, `--cpu-prof-name=api-${label}-${process.pid}.cpuprofile`]
    : [];
  let queryFile: string | undefined;
  if (QUERIES && store) {
    queryFile = join(dataDir, `queries-${label}.json`);
    env.BENCH_QUERY_COUNT_FILE = queryFile;
    args.push('-r', built('bench', 'pg-query-count.js'));
  }
  const api = await startChild(
    label,
    [...args, built('apps', 'api', 'src', 'main.js')],
    env,
    port,
    dataDir,
    queryFile,
    async (probe) => ok(await probe.send('GET', '/health/ready', undefined, undefined, false)),
  );
  if (env.PROJECTIONS === 'worker') {
    try {
      const workerArgs = CPU_PROF
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${CPU_PROF}`,
            `--cpu-prof-name=worker-${label}-${process.pid}.cpuprofile`,
          ]
        : [];
      api.worker = await startChild(
        `${label}-worker`,
        [...workerArgs, built('apps', 'worker', 'src', 'main.js')],
        env,
        port,
        dataDir,
        undefined,
        async () => readFileSync(join(dataDir, `api-${label}-worker.log`), 'utf8').includes('worker running'),
      );
    } catch (err) {
      await stopApi(api);
      throw err;
    }
  }
  return api;
}

/**
 * Starts `args` under this node with its output in a log file, and waits until `ready` answers
 * 200 (at most 180 s); stopped with stopApi.
 */
async function startChild(
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  dataDir: string,
  queryFile: string | undefined,
  ready: (probe: ApiClient) => Promise<boolean>,
): Promise<RunningApi> {
  const logFile = join(dataDir, `api-${label}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  children.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    });
    child.once('error', () => {
      children.delete(child);
      resolve(null);
    });
  });
  const api: RunningApi = { label, child, pid: child.pid ?? 0, port, logFile, queryFile, exited };
  const probe = new ApiClient(port, 1);
  const deadline = Date.now() + 180_000;
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (;;) {
      if (gone) throw new Error(`${label} exited while starting:\n${tail(logFile)}`);
      if (aborted) throw new Error('stopped');
      if (await ready(probe)) break;
      if (Date.now() > deadline) throw new Error(`${label} was not ready within 180 s:\n${tail(logFile)}`);
      await sleep(200);
    }
  } catch (err) {
    probe.close();
    await stopApi(api);
    throw err;
  }
  probe.close();
  return api;
}

/**
 * The floor (bench/floor-server.ts): initiations answered by node:http alone, and by the API's
 * own HTTP pipeline without any of the service's work, at the same connections and with the same
 * bodies as workload A. What the service does for an initiation costs on top of the second.
 */
async function floor(mode: 'node' | 'nest', t: Tokens, work: string): Promise<LoadResult> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NODE_OPTIONS: process.env.NODE_OPTIONS ?? API_NODE_OPTIONS,
  };
  const persons = new PersonnummerSource();
  const body = () => initiationBody(persons, mulberry32(7), today);
  const server = await startChild(
    `floor-${mode}`,
    [built('bench', 'floor-server.js'), mode],
    env,
    port,
    work,
    undefined,
    async (probe) => ok(await probe.send('POST', '/api/v1/cases', t.kommun, body(), false)),
  );
  const client = new ApiClient(port, INITIATION_CONNECTIONS);
  try {
    return await drive(
      INITIATION_CONNECTIONS,
      SECONDS,
      async () => result('initiate', await client.send('POST', '/api/v1/cases', t.kommun, body(), false)),
      { pid: server.pid },
    );
  } finally {
    client.close();
    await stopApi(server);
  }
}

/** SIGTERM lets the API finish requests in flight and close its connections; SIGKILL if it hangs. */
async function stopApi(api: RunningApi): Promise<number | null> {
  if (api.worker) await stopApi(api.worker);
  if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGTERM');
  const timer = setTimeout(() => api.child.kill('SIGKILL'), 30_000);
  const code = await api.exited;
  clearTimeout(timer);
  return code;
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Memory of the API process, from /proc

/** The issue's targets say MB: 10^6 bytes (300 MB is 286 MiB). */
const megabytes = (kib: number) => round((kib * 1024) / 1e6);

interface Memory {
  rssKiB: number;
  hwmKiB: number;
}

function memoryOf(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Samples VmRSS while a workload runs; VmHWM (the kernel's own peak) is read at the end. */
class RssSampler {
  private timer?: NodeJS.Timeout;
  maxRssKiB = 0;
  samples = 0;

  constructor(private readonly pid: number) {}

  start(everyMs = 250): void {
    const sample = () => {
      const m = memoryOf(this.pid);
      if (!m) return;
      this.samples++;
      this.maxRssKiB = Math.max(this.maxRssKiB, m.rssKiB);
    };
    sample();
    this.timer = setInterval(sample, everyMs);
  }

  stop(): { maxSampledRssMB: number; peakRssMB: number; samples: number } {
    clearInterval(this.timer);
    const hwm = memoryOf(this.pid)?.hwmKiB ?? 0;
    return {
      maxSampledRssMB: megabytes(this.maxRssKiB),
      peakRssMB: megabytes(Math.max(hwm, this.maxRssKiB)),
      samples: this.samples,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Requests: persons, initiations, case work

/**
 * A synthetic personnummer per initiation, never repeated in a run (for up to 320,000 persons):
 * birth dates 1962–2005, birth numbers 980–999, with a valid Luhn check digit.
 */
class PersonnummerSource {
  private static readonly FROM = Date.UTC(1962, 0, 1);
  private static readonly DAYS = 16_000;
  private n = 0;

  next(): { personnummer: string; gender: 'KVINNA' | 'MAN' } {
    const i = this.n++;
    const birth = new Date(PersonnummerSource.FROM + (i % PersonnummerSource.DAYS) * 86_400_000);
    const serial = String(980 + (Math.floor(i / PersonnummerSource.DAYS) % 20));
    const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
    const check = luhnCheckDigit(`${ymd.slice(2)}${serial}`);
    // The birth number's last digit is odd for men.
    return {
      personnummer: `${ymd}-${serial}${check}`,
      gender: Number(serial[2]) % 2 === 1 ? 'MAN' : 'KVINNA',
    };
  }
}

const FIRST_NAMES = ['Alva', 'Elias', 'Maja', 'Noah', 'Saga', 'Omar', 'Ella', 'Liam', 'Nora', 'Hugo'];
const LAST_NAMES = ['Lindqvist', 'Haddad', 'Berg', 'Nyström', 'Ali', 'Holm', 'Sandberg', 'Ek'];
const INCOME_SOURCES = [
  'FORSORJNINGSSTOD',
  'SJUKPENNING',
  'AKTIVITETSERSATTNING',
  'ARBETSLOSHETSERSATTNING',
  'INGEN',
];
const TARGET_GROUPS = [
  'LANGTIDSBIDRAGSTAGARE',
  'SJUKSKRIVEN_ARBETSLOS',
  'UTRIKES_FODD',
  'FUNKTIONSNEDSATTNING',
  'UNG_EJ_ETABLERAD',
];
const CATALOGUE: Record<string, { name: string; party: Party }> = {
  AMT_AF: { name: 'Arbetsförmedlare på AMT', party: 'ARBETSFORMEDLINGEN' },
  PSYKOLOG: { name: 'Psykolog', party: 'REGION' },
  ARBETSKONSULENT: { name: 'Arbetskonsulent', party: 'KOMMUN' },
};
const INSATS_END_REASONS = [
  { reason: 'ARBETSLIVSINRIKTAD_REHAB' },
  { reason: 'STUDIER', extentPercent: 100 },
  { reason: 'ARBETE', subtype: 'LONEBIDRAG', extentPercent: 75 },
  { reason: 'VARD_BEHANDLING' },
];

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

/** A kommun socialsekreterare's initiation, as fixtures.ts has it, for a new person each time. */
function initiationBody(persons: PersonnummerSource, rnd: () => number, initiatedOn: string) {
  const person = persons.next();
  return {
    person: { ...person, name: `${pick(rnd, FIRST_NAMES)} ${pick(rnd, LAST_NAMES)}` },
    consent: {
      givenBy: 'PERSON',
      givenOn: addDays(initiatedOn, -3),
      form: 'SKRIFTLIG',
      documentRef: `Dok ${Math.floor(rnd() * 100_000)}`,
      scopeParties: ['KOMMUN', 'ARBETSFORMEDLINGEN', 'REGION'],
    },
    initiatingParty: 'KOMMUN',
    initiatingUnit: 'EKONOMISKT_BISTAND',
    otherParties: ['ARBETSFORMEDLINGEN', 'REGION'],
    question: 'Hur kan personen komma närmare arbete eller studier med stöd från flera parter?',
    needs: 'Behöver stöd från en arbetsförmedlare på AMT och kontakt med psykiatrin kring sin ångest.',
    incomeSource: pick(rnd, INCOME_SOURCES),
    targetGroups: [pick(rnd, TARGET_GROUPS)],
    initiatedOn,
  };
}

interface Tokens {
  admin: string;
  processledare: string;
  /** A socialsekreterare at the kommun: initiates, requests and books SIPs, records follow-ups, reads. */
  kommun: string;
  /** An arbetsförmedlare on the torg: starts and ends insatser. */
  af: string;
}

async function tokens(): Promise<Tokens> {
  // The same key the API is started with (JWT_DEV_SECRET), as the token CLI would use it.
  const secret = createSecretKey(Buffer.from(SECRETS.jwtDevSecret, 'utf8'));
  const sign = (roles: Role[], sub: string, party?: Party) =>
    signDevToken({ tenant: TENANT, roles, sub, ...(party ? { party } : {}), expiresIn: '12h' }, secret);
  return {
    admin: await sign(['admin'], 'bench-admin'),
    processledare: await sign(['processledare'], 'bench-pl'),
    kommun: await sign(['handlaggare'], 'bench-soc', 'KOMMUN'),
    af: await sign(['handlaggare'], 'bench-af', 'ARBETSFORMEDLINGEN'),
  };
}

/** What the bench knows about a case it works on, so every command fits the case's state. */
interface WorkedCase {
  id: string;
  openInsatser: string[];
  requestedSips: string[];
  followUps: number;
}

const FOLLOW_UP_MONTHS = [3, 6, 9, 12];

type Update = 'follow-up' | 'insats-start' | 'insats-end' | 'sip-request' | 'sip-booking';

function possibleUpdates(c: WorkedCase): Update[] {
  const out: Update[] = [];
  if (c.followUps < FOLLOW_UP_MONTHS.length) out.push('follow-up');
  if (c.openInsatser.length < 3) out.push('insats-start');
  if (c.openInsatser.length > 0) out.push('insats-end');
  if (c.requestedSips.length < 2) out.push('sip-request');
  if (c.requestedSips.length > 0) out.push('sip-booking');
  return out;
}

/** One update of a case, valid for its state; the case's client-side state follows a success. */
async function update(api: ApiClient, t: Tokens, c: WorkedCase, rnd: () => number): Promise<StepResult> {
  const op = pick(rnd, possibleUpdates(c));
  const base = `/api/v1/cases/${c.id}`;
  switch (op) {
    case 'follow-up': {
      const r = await api.send(
        'POST',
        `${base}/follow-ups`,
        t.kommun,
        {
          month: FOLLOW_UP_MONTHS[c.followUps],
          recordedOn: today,
          incomeSource: pick(rnd, INCOME_SOURCES),
          step: 1 + Math.floor(rnd() * 6),
          vas: Math.floor(rnd() * 101),
          notes: 'Deltar i arbetsträning tre dagar i veckan, trivs och vill öka tiden.',
        },
        false,
      );
      if (ok(r)) c.followUps++;
      return result(op, r);
    }
    case 'insats-start': {
      const r = await api.send('POST', `${base}/insatser`, t.af, {
        insatsCode: pick(rnd, Object.keys(CATALOGUE)),
        startedOn: today,
        step: 1 + Math.floor(rnd() * 4),
        vas: Math.floor(rnd() * 101),
      });
      if (ok(r)) c.openInsatser.push(r.body.insatsId);
      return result(op, r);
    }
    case 'insats-end': {
      const insatsId = c.openInsatser[0];
      const r = await api.send(
        'POST',
        `${base}/insatser/${insatsId}/end`,
        t.af,
        {
          endedOn: today,
          ...pick(rnd, INSATS_END_REASONS),
        },
        false,
      );
      if (ok(r)) c.openInsatser.shift();
      return result(op, r);
    }
    case 'sip-request': {
      const r = await api.send('POST', `${base}/sips`, t.kommun, {
        initiatorRole: 'SOCIALSEKRETERARE',
        kind: rnd() < 0.7 ? 'FORSTA' : 'UPPFOLJNING',
        formote: rnd() < 0.5,
        requestedOn: today,
      });
      if (ok(r)) c.requestedSips.push(r.body.sipId);
      return result(op, r);
    }
    case 'sip-booking': {
      const sipId = c.requestedSips[0];
      const r = await api.send(
        'POST',
        `${base}/sips/${sipId}/booking`,
        t.kommun,
        {
          date: addDays(today, 14),
          parties: ['KOMMUN', 'REGION'],
          leader: 'KOMMUN',
          documenter: 'REGION',
          externalRef: `Cosmic ${Math.floor(rnd() * 1_000_000)}`,
        },
        false,
      );
      if (ok(r)) c.requestedSips.shift();
      return result(op, r);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Workloads

/** The physical limit: single-row INSERT transactions into a copy of es_events, RAW_CLIENTS pg clients. */
async function rawInserts(
  schema: string,
  watchSql: SqlClient,
): Promise<LoadResult & { insertsPerSecond: number }> {
  const table = `${schema}.bench_raw_events`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE TABLE ${table} (LIKE ${schema}.es_events INCLUDING ALL)`);
  const clients = await Promise.all(
    Array.from({ length: RAW_CLIENTS }, async () => {
      const c = new Client({ connectionString: DATABASE_URL });
      await c.connect();
      return c;
    }),
  );
  const text = `INSERT INTO ${table} (event_id, stream_id, version, tenant, type, schema_version, data, metadata, business_date, recorded_at)
                VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9)`;
  const metadata = JSON.stringify({
    tenant: TENANT,
    actor: { sub: 'bench-af', roles: ['handlaggare'], party: 'ARBETSFORMEDLINGEN' },
    correlationId: randomUUID(),
    businessDate: today,
  });
  const versions = new Array<number>(RAW_CLIENTS).fill(0);
  try {
    const run = await drive(
      RAW_CLIENTS,
      SECONDS,
      async (loop) => {
        const version = ++versions[loop];
        const data = JSON.stringify({
          insatsId: randomUUID(),
          insatsCode: 'AMT_AF',
          party: 'ARBETSFORMEDLINGEN',
          step: 2,
          vas: 55,
          occurredOn: today,
        });
        try {
          await clients[loop].query({
            name: 'bench-raw-insert',
            text,
            values: [
              randomUUID(),
              `case-raw-${loop}`,
              version,
              TENANT,
              'InsatsStarted',
              data,
              metadata,
              today,
              new Date().toISOString(),
            ],
          });
          return { op: 'insert', ok: true };
        } catch (err) {
          return { op: 'insert', ok: false, problem: (err as Error).message.slice(0, 160) };
        }
      },
      { sql: watchSql },
    );
    return { ...run, insertsPerSecond: run.total.perSecond };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await admin.query(`DROP TABLE ${table}`);
    await admin.end();
  }
}

/** Workloads A and C: case initiations by a kommun socialsekreterare's system. */
function initiations(
  api: ApiClient,
  t: Tokens,
  persons: PersonnummerSource,
  connections: number,
  seed: number,
  watch: Watch,
) {
  const rnds = Array.from({ length: connections }, (_, i) => mulberry32(seed + i));
  return drive(
    connections,
    SECONDS,
    async (loop) => {
      const r = await api.send(
        'POST',
        '/api/v1/cases',
        t.kommun,
        initiationBody(persons, rnds[loop], today),
        false,
      );
      return result('initiate', r);
    },
    watch,
  );
}

/**
 * CASES cases in coordination, seeded over HTTP (not measured): initiated a week ago, accepted,
 * on a beredningsgrupp agenda, decided FORDJUPAD_SAMORDNING, an AMT insats started. Each seeding
 * loop has meetings of its own (25 cases each), so no two loops write the same stream.
 */
async function seed(
  api: ApiClient,
  t: Tokens,
  persons: PersonnummerSource,
): Promise<{ cases: WorkedCase[]; requests: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const cases = new Array<WorkedCase>(CASES);
  let requests = 0;
  let done = 0;
  const send = async (what: string, method: 'POST', path: string, token: string, body: unknown) => {
    requests++;
    return expectOk(what, await api.send(method, path, token, body));
  };
  await Promise.all(
    Array.from({ length: SEED_CONNECTIONS }, async (_, loop) => {
      const rnd = mulberry32(1000 + loop);
      let meetingId = '';
      let onAgenda = 25;
      for (let i = loop; i < CASES; i += SEED_CONNECTIONS) {
        if (aborted) throw new Error('stopped');
        if (onAgenda >= 25) {
          meetingId = (
            await send('schedule meeting', 'POST', '/api/v1/meetings', t.processledare, {
              date: addDays(today, -5),
              time: '09:00',
              place: 'Jobbtorget, rum 3',
            })
          ).id;
          onAgenda = 0;
        }
        const { id } = await send(
          'initiate',
          'POST',
          '/api/v1/cases',
          t.kommun,
          initiationBody(persons, rnd, addDays(today, -7)),
        );
        await send('accept', 'POST', `/api/v1/cases/${id}/accept`, t.processledare, {
          acceptedOn: addDays(today, -6),
        });
        await send('add to agenda', 'POST', `/api/v1/meetings/${meetingId}/agenda`, t.processledare, {
          caseId: id,
        });
        onAgenda++;
        await send('decide', 'POST', `/api/v1/cases/${id}/decision`, t.processledare, {
          meetingId,
          decision: 'FORDJUPAD_SAMORDNING',
          ownerParty: i % 2 === 0 ? 'KOMMUN' : 'ARBETSFORMEDLINGEN',
          recommendedInsatser: ['AMT_AF'],
          decidedOn: addDays(today, -5),
        });
        const insats = await send('start insats', 'POST', `/api/v1/cases/${id}/insatser`, t.af, {
          insatsCode: 'AMT_AF',
          startedOn: addDays(today, -4),
          step: 2,
          vas: 45,
        });
        // Every third case waits for its SIP to be booked, as cases in coordination do.
        const requestedSips: string[] = [];
        if (i % 3 === 0) {
          const sip = await send('request sip', 'POST', `/api/v1/cases/${id}/sips`, t.kommun, {
            initiatorRole: 'SOCIALSEKRETERARE',
            kind: 'FORSTA',
            formote: false,
            requestedOn: addDays(today, -3),
          });
          requestedSips.push(sip.sipId);
        }
        cases[i] = { id, openInsatser: [insats.insatsId], requestedSips, followUps: 0 };
        if (++done % 1000 === 0) log(`  seeded ${done} of ${CASES} cases`);
      }
    }),
  );
  return { cases, requests, seconds: round(Number(process.hrtime.bigint() - started) / 1e9) };
}

/** Workload B: 60% updates, 20% initiations, 20% case reads; each case is worked by one loop at a time. */
function mix(
  api: ApiClient,
  t: Tokens,
  persons: PersonnummerSource,
  cases: WorkedCase[],
  connections: number,
  seed: number,
  watch: Watch,
) {
  const rnds = Array.from({ length: connections }, (_, i) => mulberry32(seed + i));
  // Loop k updates the cases k, k + connections, …: never two requests on one case at once.
  const own = Array.from({ length: connections }, (_, k) => cases.filter((_, i) => i % connections === k));
  return drive(
    connections,
    SECONDS,
    async (loop) => {
      const rnd = rnds[loop];
      const r = rnd();
      if (r < 0.6 && own[loop].length > 0) return update(api, t, pick(rnd, own[loop]), rnd);
      if (r < 0.8)
        return result(
          'initiate',
          await api.send('POST', '/api/v1/cases', t.kommun, initiationBody(persons, rnd, today), false),
        );
      return result(
        'read',
        await api.send('GET', `/api/v1/cases/${pick(rnd, cases).id}`, t.kommun, undefined, false),
      );
    },
    watch,
  );
}

/**
 * Write transactions open longer than `seconds` anywhere on the server. The event store's readers
 * see only events older than every transaction in flight, so one of these (another program's
 * test left "idle in transaction", a long rebuild) stalls the API's read models until it ends.
 */
async function longTransactions(sql: SqlClient, seconds: number): Promise<string[]> {
  const { rows } = await sql.query<{ pid: number; age: number; state: string; app: string; db: string }>(
    `SELECT pid, extract(epoch FROM now() - xact_start)::float8 AS age, state, application_name AS app, datname AS db
       FROM pg_stat_activity
      WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() AND now() - xact_start > make_interval(secs => $1)
      ORDER BY xact_start`,
    [seconds],
  );
  return rows.map(
    (r) =>
      `backend ${r.pid} (database ${r.db}${r.app ? `, ${r.app}` : ''}): ${r.state}, open for ${Math.round(r.age)} s`,
  );
}

async function warnAboutLongTransactions(sql: SqlClient): Promise<void> {
  for (const t of await longTransactions(sql, 5)) {
    log(`  warning: a long write transaction holds the read models back: ${t}`);
  }
}

/** Waits until every consumer (projections, reactors) has applied every event, so B starts without a backlog. */
async function projectionsCaughtUp(sql: SqlClient, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql.query<{ head: number | null; behind: number | null }>(
      `SELECT (SELECT max(position) FROM es_events) AS head, (SELECT min(position) FROM es_checkpoints) AS behind`,
    );
    const { head, behind } = rows[0];
    if (head === null || (behind !== null && behind >= head)) return true;
    if (Date.now() > deadline || aborted) return false;
    await sleep(500);
  }
}

function report(name: string, r: LoadResult): void {
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

// ---------------------------------------------------------------------------------------------

export interface TargetCheck {
  goal: string;
  value: number | null;
  target: string;
  met: boolean | null;
}

function targets(r: Record<string, any>): TargetCheck[] {
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

async function main(): Promise<void> {
  const info = machineInfo();
  const schema = `bench_http_${randomBytes(4).toString('hex')}`;
  const work = mkdtempSync(join(tmpdir(), 'bench-http-'));
  if (CPU_PROF) mkdirSync(CPU_PROF, { recursive: true });
  const results: Record<string, any> = {
    machine: info,
    config: {
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      cases: CASES,
      seedConnections: SEED_CONNECTIONS,
      rawClients: RAW_CLIENTS,
      initiationConnections: INITIATION_CONNECTIONS,
      mixConnections: MIX_CONNECTIONS,
      api: {
        logLevel: LOG_LEVEL,
        dbPoolSize: DB_POOL_SIZE ? Number(DB_POOL_SIZE) : 'default (20)',
        rateLimitPerMinute: 0,
        jobs: 'in-process (no REDIS_URL)',
        projections:
          PROJECTIONS === 'worker' ? 'apps/worker beside the API (PROJECTIONS=worker)' : 'in the API process',
        cpuProfile: CPU_PROF ?? null,
      },
      schema,
      today,
    },
    targets: TARGETS,
    loadAverageAtStart: loadavg(),
  };
  const admin = createPgClient({ connectionString: DATABASE_URL, poolSize: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const sql = createPgClient({ connectionString: DATABASE_URL, schema, poolSize: 2 });
  const t = await tokens();
  const persons = new PersonnummerSource();
  const profiles: string[] = [];
  try {
    info.postgres = (
      await sql.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    ).rows[0].v;
    const settings = await sql.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'max_connections', 'synchronous_commit', 'fsync', 'wal_level', 'commit_delay')`,
    );
    results.postgresSettings = Object.fromEntries(
      settings.rows.map((r) => [r.name, `${r.setting}${r.unit ?? ''}`]),
    );
    log(
      `machine: ${info.cores} cores, ${info.memoryGiB} GiB, ${info.cpu}; node ${info.node}, pg ${info.pg}, PostgreSQL ${info.postgres}, pglite ${info.pglite}; ${today}`,
    );
    await warnAboutLongTransactions(sql);
    // The API would migrate on start; migrating first lets the raw table copy es_events exactly.
    await migrate(sql);

    // --- the physical limit
    const raw = await rawInserts(schema, sql);
    results.rawInsert = raw;
    report(`raw single-row INSERT transactions (${RAW_CLIENTS} pg clients)`, raw);

    // --- the floor: initiations answered without any of the service's work
    results.floor = {};
    for (const mode of ['node', 'nest'] as const) {
      const f = await floor(mode, t, work);
      results.floor[mode] = f;
      report(
        mode === 'node'
          ? 'floor: initiations answered by node:http alone'
          : "floor: initiations through the API's HTTP pipeline (log, helmet, body, validation), no service work",
        f,
      );
    }
    log(
      `  the ceiling of the initiation share on this stack and machine: the pipeline alone answers ${round((results.floor.nest.total.perSecond / raw.insertsPerSecond) * 100)}% of the raw insert rate`,
    );

    // --- A: initiations, then the seeding of B, on one API process
    let api = await startApi('postgres-a', { databaseUrl: DATABASE_URL, schema }, work);
    let client = new ApiClient(api.port, Math.max(INITIATION_CONNECTIONS, SEED_CONNECTIONS));
    try {
      for (const [code, body] of Object.entries(CATALOGUE)) {
        expectOk(
          `catalogue ${code}`,
          await client.send('PUT', `/api/v1/admin/insatser/${code}`, t.admin, body),
        );
      }
      const a = await initiations(client, t, persons, INITIATION_CONNECTIONS, 1, {
        pid: api.pid,
        workerPid: api.worker?.pid,
        sql,
        queryFile: api.queryFile,
      });
      results.initiation = a;
      report('A: case initiation over HTTP, PostgreSQL', a);
      results.memory = {
        unit: 'MB (10^6 bytes)',
        initiation: { peakRssMB: megabytes(memoryOf(api.pid)?.hwmKiB ?? 0) },
      };

      // BENCH_HTTP_CASES=0: A only
      if (CASES > 0) {
        log(
          `seeding ${CASES} cases in coordination over HTTP (${SEED_CONNECTIONS} connections, not measured)…`,
        );
        const seeded = await seed(client, t, persons);
        results.seed = {
          cases: CASES,
          requests: seeded.requests,
          seconds: seeded.seconds,
          requestsPerSecond: round(seeded.requests / seeded.seconds),
        };
        log(`  ${seeded.requests} requests in ${seeded.seconds} s (${results.seed.requestsPerSecond}/s)`);
        if (!(await projectionsCaughtUp(sql))) {
          log('  the read models had not caught up after 120 s; going on');
          await warnAboutLongTransactions(sql);
        }

        // --- B: the mix, on a fresh API process so its peak RSS is the mix's own
        client.close();
        await stopApi(api);
        if (CPU_PROF) profiles.push('postgres-a');
        api = await startApi('postgres-b', { databaseUrl: DATABASE_URL, schema }, work);
        client = new ApiClient(api.port, Math.max(...MIX_CONNECTIONS));
        const sampler = new RssSampler(api.pid);
        sampler.start();
        results.mix = {};
        for (const connections of MIX_CONNECTIONS) {
          const b = await mix(client, t, persons, seeded.cases, connections, 100 * connections, {
            pid: api.pid,
            workerPid: api.worker?.pid,
            sql,
            queryFile: api.queryFile,
          });
          results.mix[`c${connections}`] = b;
          report(`B: mix on ${CASES} cases over HTTP, PostgreSQL`, b);
        }
        results.memory.mix = sampler.stop();
        log(
          `API RSS during B: peak ${results.memory.mix.peakRssMB} MB (VmHWM), largest sample ${results.memory.mix.maxSampledRssMB} MB`,
        );
      }
    } finally {
      client.close();
      await stopApi(api);
      if (CPU_PROF) profiles.push(api.label);
    }

    // --- C: initiations on the embedded store
    if (PGLITE && !aborted) {
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-pglite-'));
      const lite = await startApi('pglite', undefined, dataDir);
      const liteClient = new ApiClient(lite.port, INITIATION_CONNECTIONS);
      try {
        const c = await initiations(liteClient, t, new PersonnummerSource(), INITIATION_CONNECTIONS, 2, {
          pid: lite.pid,
        });
        results.pglite = c;
        results.memory.pglite = { peakRssMB: megabytes(memoryOf(lite.pid)?.hwmKiB ?? 0) };
        report('C: case initiation over HTTP, embedded PGlite', c);
      } finally {
        liteClient.close();
        await stopApi(lite);
        if (CPU_PROF) profiles.push('pglite');
        if (KEEP) log(`kept the embedded store and its API log in ${dataDir}`);
        else rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await sql.close();
    if (!KEEP) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
    if (KEEP) log(`kept schema ${schema}, and the API logs in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }

  if (CPU_PROF) {
    const summaries: Record<string, ProfileSummary> = {};
    for (const label of profiles) {
      for (const [who, name] of [
        ['API', `api-${label}`],
        ['worker', `worker-${label}`],
      ]) {
        const file = readdirSync(CPU_PROF).find((f) => f === `${name}-${process.pid}.cpuprofile`);
        if (!file) continue;
        const summary = summariseCpuProfile(join(CPU_PROF, file));
        summaries[who === 'API' ? label : `${label}-worker`] = summary;
        log(`\nCPU profile of the ${who} (${label}):\n${formatSummary(summary)}`);
      }
    }
    results.cpuProfiles = summaries;
  }

  if (aborted) throw new Error('stopped before the end: no results written');
  results.loadAverageAtEnd = loadavg();
  results.goals = targets(results);
  for (const g of results.goals as TargetCheck[]) {
    log(
      `${g.met === null ? 'not measured' : g.met ? 'met' : 'MISSED'}: ${g.goal}: ${g.value ?? '–'} (target ${g.target})`,
    );
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'http-latest.json'), JSON.stringify(results, null, 2) + '\n');
  log('wrote bench/results/http-latest.json');
  const invalid = [results.initiation, results.mix?.c16, results.mix?.c64, results.pglite].filter(
    (x?: LoadResult) => x && x.total.errors > 0,
  );
  if (invalid.length > 0) {
    log('some workloads had refused requests: their figures are not valid');
    process.exitCode = 3;
  }
}

// No API process may outlive the bench: it would hold connections to the shared server.
function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // The workloads end at once; main() then stops the APIs and drops the schema.
    aborted = true;
    process.exitCode = 130;
    setTimeout(() => process.exit(130), 45_000).unref();
  });
}

main().catch((err) => {
  process.stderr.write(String(aborted ? err?.message : (err?.stack ?? err)) + '\n');
  process.exitCode = aborted ? 130 : 1;
});

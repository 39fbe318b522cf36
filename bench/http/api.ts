// The API as a child process
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ApiClient, ok } from './client';
import { DB_POOL_SIZE, LOG_LEVEL, PROJECTIONS, CPU_PROF, QUERIES, TIME_ZONE, aborted, sleep } from './config';

export const SECRETS = {
  jwtDevSecret: randomBytes(32).toString('hex'),
  masterKey: randomBytes(32).toString('base64'),
};
/** Children still running, stopped on any way out of the bench. */
export const children = new Set<ChildProcess>();

export interface RunningApi {
  label: string;
  child: ChildProcess;
  pid: number;
  port: number;
  logFile: string;
  /** The API's statement counts, with BENCH_HTTP_QUERIES=1 (on either store). */
  queryFile?: string;
  exited: Promise<number | null>;
  /** apps/worker beside the API (BENCH_HTTP_PROJECTIONS=worker). */
  worker?: RunningApi;
}

/** The built output: dist/ around this file (dist/bench/http/), or under the working directory when run from source. */
export function built(...path: string[]): string {
  const file = __filename.endsWith('.js')
    ? join(__dirname, '..', '..', ...path)
    : join(process.cwd(), 'dist', ...path);
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build)`);
  return file;
}

export function freePort(): Promise<number> {
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
export const API_NODE_OPTIONS = (() => {
  const start = (
    JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts.start;
  return /NODE_OPTIONS:-([^}]*)\}/.exec(start)?.[1] ?? '';
})();

export async function startApi(
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
  if (QUERIES) {
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
 * The peer (bench/peers/emmett-shopping-cart/) on its own database, as its sample starts it: the
 * settings it reads and nothing else (no heap settings, no NODE_ENV), Node's and the library's
 * defaults for the rest. Ready when it answers a read of a client it has never seen (404).
 */
export async function startPeer(databaseUrl: string, dataDir: string): Promise<RunningApi> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...API_SETTINGS, 'NODE_OPTIONS']) delete env[name];
  Object.assign(env, { PORT: String(port), POSTGRESQL_CONNECTION_STRING: databaseUrl });
  const args = CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`, `--cpu-prof-name=api-peer-${process.pid}.cpuprofile`]
    : [];
  let queryFile: string | undefined;
  if (QUERIES) {
    queryFile = join(dataDir, 'queries-peer.json');
    env.BENCH_QUERY_COUNT_FILE = queryFile;
    args.push('-r', built('bench', 'pg-query-count.js'));
  }
  return startChild(
    'peer',
    [...args, built('bench', 'peers', 'emmett-shopping-cart', 'main.js')],
    env,
    port,
    dataDir,
    queryFile,
    async (probe) =>
      (await probe.send('GET', '/clients/bench-probe/shopping-carts/summary', undefined, undefined, false))
        .status === 404,
  );
}

/**
 * Starts `args` under this node with its output in a log file, and waits until `ready` answers
 * 200 (at most 180 s); stopped with stopApi.
 */
export async function startChild(
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

/** SIGTERM lets the API finish requests in flight and close its connections; SIGKILL if it hangs. */
export async function stopApi(api: RunningApi): Promise<number | null> {
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

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgClient } from '@app/event-store';
import { migrateAll } from '@app/read-models';
import { formatSummary, summariseCpuProfile, type ProfileSummary } from './cpu-profile';
import { machineInfo } from './machine';
import { children, startApi, stopApi } from './http/api';
import { ApiClient, expectOk } from './http/client';
import {
  DATABASE_URL,
  SECONDS,
  WARMUP_SECONDS,
  CASES,
  SEED_CONNECTIONS,
  DB_POOL_SIZE,
  LOG_LEVEL,
  PGLITE,
  PROJECTIONS,
  CPU_PROF,
  KEEP,
  PEER,
  PEER_REPETITIONS,
  PEER_CARTS,
  PEER_CONNECTIONS,
  RAW_CLIENTS,
  INITIATION_CONNECTIONS,
  MIX_CONNECTIONS,
  TARGETS,
  RESULTS,
  log,
  round,
  today,
  aborted,
  abort,
} from './http/config';
import type { LoadResult } from './http/load';
import { megabytes, memoryOf, RssSampler } from './http/memory';
import { besideThePeer } from './http/peer';
import { type TargetCheck, report, targets } from './http/report';
import { type WorkedCase, PersonnummerSource, CATALOGUE, tokens } from './http/requests';
import {
  floor,
  rawInserts,
  initiations,
  seed,
  mix,
  warnAboutLongTransactions,
  projectionsCaughtUp,
} from './http/workloads';

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
//   P        beside the peer: Emmett's shopping-cart web API (bench/peers/emmett-shopping-cart/, the
//            library pinned in package.json), its own process on a database of its own, on its own
//            defaults. After B, on the same API: repetitions of the peer's new stream (an item added
//            to a new cart) and our initiation, then the peer's existing stream (an item added to
//            one of BENCH_HTTP_PEER_CARTS carts seeded first) and a follow-up on a case in
//            coordination (B's cases, topped up when short), each pair in alternating order, all at
//            16 connections; medians and ours ÷ the peer reported
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
//   BENCH_HTTP_QUERIES=1          counts the API's SQL statements per request (bench/pg-query-count.ts),
//                                 and the peer's
//   BENCH_HTTP_PEER=0             skips P
//   BENCH_HTTP_PEER_REPETITIONS   repetitions of P's four workloads, default 3
//   BENCH_HTTP_PEER_CARTS         carts seeded for the peer's existing streams, default 1600
//   BENCH_KEEP=1                  keeps the schema (its name is printed)

export type { LoadResult, Timing } from './http/load';
export type { TargetCheck } from './http/report';
export type { WindowStats } from './http/window';

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
      peer: PEER
        ? { connections: PEER_CONNECTIONS, repetitions: PEER_REPETITIONS, carts: PEER_CARTS }
        : 'skipped (BENCH_HTTP_PEER=0)',
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
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'max_connections', 'synchronous_commit', 'fsync', 'wal_level', 'commit_delay', 'autovacuum')`,
    );
    results.postgresSettings = Object.fromEntries(
      settings.rows.map((r) => [r.name, `${r.setting}${r.unit ?? ''}`]),
    );
    log(
      `machine: ${info.cores} cores, ${info.memoryGiB} GiB, ${info.cpu}; node ${info.node}, pg ${info.pg}, PostgreSQL ${info.postgres}, pglite ${info.pglite}; ${today}`,
    );
    await warnAboutLongTransactions(sql);
    // The API would migrate on start; migrating first lets the raw table copy es_events exactly.
    await migrateAll(sql);

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
    let worked: WorkedCase[] = [];
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
        worked = seeded.cases;
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

      // --- P: beside the peer, on the API of B (of A when B is skipped)
      if (PEER && !aborted) {
        const ours = client;
        const watch = { pid: api.pid, workerPid: api.worker?.pid, sql, queryFile: api.queryFile };
        results.peer = await besideThePeer(
          admin,
          {
            client: ours,
            watch,
            t,
            persons,
            cases: worked,
            // Measured only once the read models have applied the new cases, as B is.
            seedCases: async (count) => {
              const more = await seed(ours, t, persons, count);
              if (!(await projectionsCaughtUp(sql)))
                log('  the read models had not caught up after 120 s; going on');
              return more.cases;
            },
          },
          work,
        );
        if (CPU_PROF) profiles.push('peer');
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
          queryFile: lite.queryFile,
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
  const invalid = [
    results.initiation,
    results.mix?.c16,
    results.mix?.c64,
    results.pglite,
    ...(results.peer?.repetitions ?? []).flatMap((rep: Record<string, LoadResult>) => Object.values(rep)),
  ].filter((x?: LoadResult) => x && x.total.errors > 0);
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
    abort();
    process.exitCode = 130;
    setTimeout(() => process.exit(130), 45_000).unref();
  });
}

main().catch((err) => {
  process.stderr.write(String(aborted ? err?.message : (err?.stack ?? err)) + '\n');
  process.exitCode = aborted ? 130 : 1;
});

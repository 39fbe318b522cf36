import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, SqlEventStore, createPgClient, createPgliteClient, migrate, type SqlClient } from '@app/event-store';
import { machineInfo } from './machine';

// `npm run bench:store`: appends/s (one event per append) at 1, 8 and 32 concurrent appenders and
// read-all events/s, for the PostgreSQL server and the embedded PGlite store.
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const READ_EVENTS = Number(process.env.BENCH_READ_EVENTS ?? 200_000);

const meta = { tenant: 'bench', actor: { sub: 'bench', roles: ['system'] }, correlationId: 'bench' };
const data = { insatsCode: 'AMT-ARBETSFORMEDLARE', startedOn: '2026-03-02', insatsId: '6f1d2c1e-8d5b-4b43-9a55-1f0b9b1d0c11' };

async function appendsPerSecond(store: EventStore, appenders: number): Promise<number> {
  const deadline = Date.now() + SECONDS * 1000;
  let count = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: appenders }, async (_, a) => {
      let n = 0;
      while (Date.now() < deadline) {
        await store.append(`case-${a}-${n++ % 500}`, [{ type: 'InsatsStarted', data, metadata: meta }], {
          expectedVersion: 'any',
          tenant: 'bench',
          streamType: 'case',
        });
        count++;
      }
    }),
  );
  return Math.round(count / ((Date.now() - started) / 1000));
}

async function readAllPerSecond(store: EventStore): Promise<{ events: number; perSecond: number }> {
  // Top up to READ_EVENTS with batched appends, then read everything in batches of 1,000.
  let head = await store.headPosition();
  let s = 0;
  while (head < READ_EVENTS) {
    const r = await store.append(`fill-${s++}`, Array.from({ length: 500 }, () => ({ type: 'InsatsStarted', data, metadata: meta })), {
      expectedVersion: 'no_stream',
      tenant: 'bench',
      streamType: 'case',
    });
    head = r.position;
  }
  const started = process.hrtime.bigint();
  let after = 0;
  let events = 0;
  for (;;) {
    const batch = await store.readAll(after, 1000);
    if (!batch.length) break;
    events += batch.length;
    after = batch[batch.length - 1].position;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events, perSecond: Math.round(events / seconds) };
}

async function run(name: string, sql: SqlClient) {
  await migrate(sql);
  const store = new SqlEventStore(sql);
  const result: Record<string, number> = {};
  for (const n of [1, 8, 32]) {
    result[`appendsPerSecond_${n}`] = await appendsPerSecond(store, n);
    process.stdout.write(`${name}: ${n} appender(s): ${result[`appendsPerSecond_${n}`]} appends/s\n`);
  }
  const read = await readAllPerSecond(store);
  result.readAllEvents = read.events;
  result.readAllEventsPerSecond = read.perSecond;
  process.stdout.write(`${name}: read-all ${read.events} events: ${read.perSecond} events/s\n`);
  return result;
}

async function main() {
  const info = machineInfo();
  process.stdout.write(`machine: ${info.cores} cores, ${info.memoryGiB} GiB, ${info.cpu}; node ${info.node}, pg ${info.pg}, pglite ${info.pglite}\n`);
  const results: Record<string, unknown> = { machine: info };

  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = createPgClient({ connectionString: DATABASE_URL, poolSize: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pg = createPgClient({ connectionString: DATABASE_URL, schema, poolSize: 40 });
  const version = await pg.query<{ v: string }>('SHOW server_version');
  info.postgres = version.rows[0].v;
  try {
    results.postgres = await run('postgres', pg);
  } finally {
    await pg.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }

  const dir = mkdtempSync(join(tmpdir(), 'bench-pglite-'));
  const lite = await createPgliteClient(dir);
  try {
    results.pglite = await run('pglite', lite);
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
  writeFileSync(join(process.cwd(), 'bench', 'results', 'store-latest.json'), JSON.stringify(results, null, 2) + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exit(1);
});

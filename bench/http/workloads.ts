// Workloads
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { SqlClient } from '@app/event-store';
import { mulberry32 } from '../generator';
import { built, freePort, API_NODE_OPTIONS, startChild, stopApi } from './api';
import { ApiClient, ok, result, expectOk } from './client';
import {
  DATABASE_URL,
  SECONDS,
  CASES,
  SEED_CONNECTIONS,
  RAW_CLIENTS,
  INITIATION_CONNECTIONS,
  TENANT,
  log,
  round,
  today,
  addDays,
  aborted,
  sleep,
} from './config';
import { type LoadResult, drive } from './load';
import {
  type Tokens,
  type WorkedCase,
  PersonnummerSource,
  pick,
  initiationBody,
  update,
  followUp,
  followUpsLeft,
} from './requests';
import type { Watch } from './window';

/**
 * The floor (bench/floor-server.ts): initiations answered by node:http alone, and by the API's
 * own HTTP pipeline without any of the service's work, at the same connections and with the same
 * bodies as workload A. What the service does for an initiation costs on top of the second.
 */
export async function floor(mode: 'node' | 'nest', t: Tokens, work: string): Promise<LoadResult> {
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

// Workloads

/** The physical limit: single-row INSERT transactions into a copy of es_events, RAW_CLIENTS pg clients. */
export async function rawInserts(
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
export function initiations(
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
 * `count` cases in coordination, seeded over HTTP (not measured): initiated a week ago, accepted,
 * on a beredningsgrupp agenda, decided FORDJUPAD_SAMORDNING, an AMT insats started. Each seeding
 * loop has meetings of its own (25 cases each), so no two loops write the same stream.
 */
export async function seed(
  api: ApiClient,
  t: Tokens,
  persons: PersonnummerSource,
  count = CASES,
): Promise<{ cases: WorkedCase[]; requests: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const cases = new Array<WorkedCase>(count);
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
      for (let i = loop; i < count; i += SEED_CONNECTIONS) {
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
        if (++done % 1000 === 0) log(`  seeded ${done} of ${count} cases`);
      }
    }),
  );
  return { cases, requests, seconds: round(Number(process.hrtime.bigint() - started) / 1e9) };
}

/** Workload B: 60% updates, 20% initiations, 20% case reads; each case is worked by one loop at a time. */
export function mix(
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
 * Follow-ups on cases in coordination, one after another: a command on an existing case's stream.
 * Loop k records on the cases k, k + connections, … that have a follow-up left, in turn.
 */
export function followUps(
  api: ApiClient,
  t: Tokens,
  cases: WorkedCase[],
  connections: number,
  seed: number,
  watch: Watch,
) {
  const rnds = Array.from({ length: connections }, (_, i) => mulberry32(seed + i));
  const own = Array.from({ length: connections }, (_, k) =>
    cases.filter((c, i) => i % connections === k && followUpsLeft(c) > 0),
  );
  const next = new Array<number>(connections).fill(0);
  return drive(
    connections,
    SECONDS,
    async (loop) => {
      const list = own[loop];
      for (let tried = 0; tried < list.length; tried++) {
        const c = list[next[loop]++ % list.length];
        if (followUpsLeft(c) > 0) return followUp(api, t, c, rnds[loop]);
      }
      await sleep(50); // not a busy loop of refusals
      return { op: 'follow-up', ok: false, problem: 'no case with a follow-up left' };
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

export async function warnAboutLongTransactions(sql: SqlClient): Promise<void> {
  for (const t of await longTransactions(sql, 5)) {
    log(`  warning: a long write transaction holds the read models back: ${t}`);
  }
}

/** Waits until every consumer (projections, reactors) has applied every event, so B starts without a backlog. */
export async function projectionsCaughtUp(sql: SqlClient, timeoutMs = 120_000): Promise<boolean> {
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

// Beside the peer: Emmett's shopping-cart web API (bench/peers/emmett-shopping-cart/), what a Node
// developer would build instead of this service, measured in the same run and interleaved with
// ours: a new stream against a case initiation, an existing stream against a follow-up.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient } from '@app/event-store';
import { mulberry32 } from '../generator';
import { startPeer, stopApi } from './api';
import { ApiClient, expectOk, result } from './client';
import {
  DATABASE_URL,
  SECONDS,
  WARMUP_SECONDS,
  PEER_CARTS,
  PEER_CONNECTIONS,
  PEER_REPETITIONS,
  SEED_CONNECTIONS,
  KEEP,
  log,
  round,
  aborted,
} from './config';
import { type LoadResult, drive } from './load';
import {
  type Medians,
  type PeerComparison,
  type Workload,
  WORKLOADS,
  report,
  reportComparison,
} from './report';
import { type Tokens, type WorkedCase, PersonnummerSource, followUpsLeft } from './requests';
import type { Watch } from './window';
import { followUps, initiations } from './workloads';

export interface Ours {
  client: ApiClient;
  watch: Watch;
  t: Tokens;
  persons: PersonnummerSource;
  /** Cases in coordination the follow-ups are recorded on; topped up with `seedCases` when short. */
  cases: WorkedCase[];
  seedCases: (count: number) => Promise<WorkedCase[]>;
}

const versionOf = (name: string) => {
  try {
    return (
      JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'unknown';
  }
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function mediansOf(runs: LoadResult[]): Medians {
  const of = (f: (r: LoadResult) => number | undefined) => {
    const xs = runs.map(f).filter((x): x is number => x !== undefined);
    return xs.length === runs.length ? round(median(xs), 2) : undefined;
  };
  return {
    repetitions: runs.length,
    perSecond: of((r) => r.total.perSecond)!,
    p50Ms: of((r) => r.total.p50Ms)!,
    p99Ms: of((r) => r.total.p99Ms)!,
    errors: runs.reduce((n, r) => n + r.total.errors, 0),
    serverCpuMsPerRequest: of((r) => r.window.apiCpuMsPerRequest),
    postgresCpuMsPerRequest: of((r) => r.window.postgresCpuMsPerRequest),
    queriesPerRequest: of((r) => r.window.queriesPerRequest),
  };
}

const PRODUCTS = 20;
const cartBody = (rnd: () => number) => ({
  productId: `product-${1 + Math.floor(rnd() * PRODUCTS)}`,
  quantity: 1 + Math.floor(rnd() * 5),
});
const cartItems = (clientId: string) => `/clients/${clientId}/shopping-carts/current/product-items`;

/** The peer's first command on a cart: each request a client never seen, so a new stream. */
function newStreams(peer: ApiClient, seed: number, watch: Watch) {
  const rnds = Array.from({ length: PEER_CONNECTIONS }, (_, i) => mulberry32(seed + i));
  return drive(
    PEER_CONNECTIONS,
    SECONDS,
    async (loop) =>
      result(
        'new-stream',
        await peer.send('POST', cartItems(randomUUID()), undefined, cartBody(rnds[loop]), false),
      ),
    watch,
  );
}

/** Another item in a cart that exists: loop k adds to the carts k, k + connections, … in turn. */
function existingStreams(peer: ApiClient, carts: string[], seed: number, watch: Watch) {
  const rnds = Array.from({ length: PEER_CONNECTIONS }, (_, i) => mulberry32(seed + i));
  const own = Array.from({ length: PEER_CONNECTIONS }, (_, k) =>
    carts.filter((_, i) => i % PEER_CONNECTIONS === k),
  );
  const next = new Array<number>(PEER_CONNECTIONS).fill(0);
  return drive(
    PEER_CONNECTIONS,
    SECONDS,
    async (loop) => {
      const clientId = own[loop][next[loop]++ % own[loop].length];
      return result(
        'existing-stream',
        await peer.send('POST', cartItems(clientId), undefined, cartBody(rnds[loop]), false),
      );
    },
    watch,
  );
}

/** PEER_CARTS carts with one item each, added over HTTP before anything is measured. */
async function seedCarts(peer: ApiClient): Promise<string[]> {
  const carts = Array.from({ length: PEER_CARTS }, (_, i) => `client-${i}`);
  const add = async (clientId: string, rnd: () => number) =>
    expectOk(
      'peer: add the first item',
      await peer.send('POST', cartItems(clientId), undefined, cartBody(rnd), false),
    );
  // The projections create their tables in the first append; concurrent first appends race to
  // create them and all but one are refused (412), so the first cart comes alone.
  await add(carts[0], mulberry32(4999));
  await Promise.all(
    Array.from({ length: SEED_CONNECTIONS }, async (_, loop) => {
      const rnd = mulberry32(5000 + loop);
      for (let i = 1 + loop; i < carts.length; i += SEED_CONNECTIONS) {
        if (aborted) throw new Error('stopped');
        await add(carts[i], rnd);
      }
    }),
  );
  return carts;
}

/** Tops the follow-ups left up to what one repetition could take at `perSecond`, with room to spare. */
async function enoughFollowUps(ours: Ours, perSecond: number): Promise<void> {
  const needed = Math.ceil(perSecond * (SECONDS + WARMUP_SECONDS) * 1.5);
  const left = ours.cases.reduce((n, c) => n + followUpsLeft(c), 0);
  if (left >= needed) return;
  const count = Math.ceil((needed - left) / 4); // a new case takes four follow-ups
  log(`  seeding ${count} more cases in coordination for the follow-ups (not measured)…`);
  ours.cases.push(...(await ours.seedCases(count)));
}

/**
 * The peer on a database of its own (created here, dropped at the end), PEER_CARTS carts seeded,
 * then PEER_REPETITIONS repetitions of: the peer's new stream and our initiation, the peer's
 * existing stream and our follow-up, each pair in alternating order. Medians and ratios reported.
 */
export async function besideThePeer(admin: SqlClient, ours: Ours, work: string): Promise<PeerComparison> {
  const database = `bench_peer_${randomBytes(4).toString('hex')}`;
  const url = new URL(DATABASE_URL);
  url.pathname = `/${database}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const versions = {
    emmett: versionOf('@event-driven-io/emmett'),
    emmettPostgresql: versionOf('@event-driven-io/emmett-postgresql'),
    pongo: versionOf('@event-driven-io/pongo'),
    express: versionOf('express-4'),
  };
  try {
    const peer = await startPeer(url.toString(), work);
    const client = new ApiClient(peer.port, Math.max(PEER_CONNECTIONS, SEED_CONNECTIONS));
    try {
      log(
        `the peer: Emmett ${versions.emmett} shopping carts (emmett-postgresql ${versions.emmettPostgresql}, pongo ${versions.pongo}, express ${versions.express}) on database ${database}; seeding ${PEER_CARTS} carts (not measured)…`,
      );
      const carts = await seedCarts(client);
      const peerWatch: Watch = { pid: peer.pid, queryFile: peer.queryFile };
      const repetitions: Record<Workload, LoadResult>[] = [];
      // The follow-ups one repetition may take, until one is measured: 700/s or half again the
      // initiations measured just before in the same repetition (a follow-up is the lighter
      // request), whichever is more, so that the first repetition never runs out of cases.
      let followUpRate = 700;
      for (let rep = 0; rep < PEER_REPETITIONS && !aborted; rep++) {
        const of = `${rep + 1} of ${PEER_REPETITIONS}`;
        const run = {} as Record<Workload, LoadResult>;
        const pairs: [Workload, string, () => Promise<LoadResult>][][] = [
          [
            [
              'peerNewStream',
              'peer: new stream (add an item to a new cart)',
              () => newStreams(client, 100 * rep, peerWatch),
            ],
            [
              'initiation',
              'ours: case initiation',
              () => initiations(ours.client, ours.t, ours.persons, PEER_CONNECTIONS, 300 + rep, ours.watch),
            ],
          ],
          [
            [
              'peerExistingStream',
              'peer: existing stream (add an item to a cart that exists)',
              () => existingStreams(client, carts, 200 + 100 * rep, peerWatch),
            ],
            [
              'followUp',
              'ours: follow-up on a case in coordination',
              async () => {
                const initiated = run.initiation?.total.perSecond ?? 0;
                await enoughFollowUps(ours, Math.max(followUpRate, initiated * 1.5));
                return followUps(
                  ours.client,
                  ours.t,
                  ours.cases,
                  PEER_CONNECTIONS,
                  400 + 100 * rep,
                  ours.watch,
                );
              },
            ],
          ],
        ];
        for (const pair of pairs) {
          // Each pair in turn first and second, so that a drift of the machine falls on both.
          for (const [key, name, measure] of rep % 2 === 0 ? pair : [...pair].reverse()) {
            if (aborted) break;
            run[key] = await measure();
            report(`${name}, repetition ${of}`, run[key], key.startsWith('peer') ? 'peer' : 'API');
          }
        }
        if (run.followUp) followUpRate = Math.max(followUpRate, run.followUp.total.perSecond);
        if (WORKLOADS.every((k) => run[k])) repetitions.push(run);
      }
      if (repetitions.length === 0)
        throw new Error('stopped before a repetition beside the peer was complete');
      const medians = Object.fromEntries(
        WORKLOADS.map((k) => [k, mediansOf(repetitions.map((r) => r[k]))]),
      ) as Record<Workload, Medians>;
      const ratio = (a: Medians, b: Medians) => round(a.perSecond / Math.max(b.perSecond, 0.1), 2);
      const comparison: PeerComparison = {
        peer: { ...versions, database: KEEP ? database : `${database} (dropped)` },
        connections: PEER_CONNECTIONS,
        carts: PEER_CARTS,
        repetitions,
        medians,
        ratios: {
          initiationOverPeerNewStream: ratio(medians.initiation, medians.peerNewStream),
          followUpOverPeerExistingStream: ratio(medians.followUp, medians.peerExistingStream),
        },
      };
      reportComparison(comparison);
      return comparison;
    } finally {
      client.close();
      await stopApi(peer);
    }
  } finally {
    if (KEEP) log(`kept the peer's database ${database}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

// Timings: query latencies, and where a rebuild's time goes.
import { SqlEventStore, type RecordedEvent, type SqlQueryable, type Projection } from '@app/event-store';
import { percentile } from '../machine';

export const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

export interface Timing {
  runs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function time(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.min(10, runs); i++) await fn(); // warm-up: plans, caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await fn();
    samples.push(ms(started));
  }
  samples.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    runs,
    p50Ms: round(percentile(samples, 50)),
    p99Ms: round(percentile(samples, 99)),
    maxMs: round(samples[samples.length - 1]),
  };
}

/** Where a rebuild's time goes: reading events, the projection's own JavaScript, its SQL, the rest (commit, checkpoint). */
export interface RebuildProfile {
  readSeconds: number;
  applyJsSeconds: number;
  applySqlSeconds: number;
  /** SQL seconds per statement (its first words). */
  statements: Record<string, number>;
}

export class TimedStore extends SqlEventStore {
  readSeconds = 0;
  override async readAll(after: number, limit: number, db?: SqlQueryable): Promise<RecordedEvent[]> {
    const started = process.hrtime.bigint();
    try {
      return await super.readAll(after, limit, db);
    } finally {
      this.readSeconds += seconds(started);
    }
  }
  override async readByStream(
    after: { streamId: string; version: number },
    upTo: number,
    limit: number,
    db?: SqlQueryable,
  ): Promise<RecordedEvent[]> {
    const started = process.hrtime.bigint();
    try {
      return await super.readByStream(after, upTo, limit, db);
    } finally {
      this.readSeconds += seconds(started);
    }
  }
}

export function timed(projection: Projection, profile: RebuildProfile): Projection {
  return {
    ...projection,
    async apply(events, tx, store) {
      let sqlSeconds = 0;
      const timedTx: SqlQueryable = {
        async query(text, params) {
          const started = process.hrtime.bigint();
          try {
            return await tx.query(text, params);
          } finally {
            const s = seconds(started);
            sqlSeconds += s;
            const key = text.replace(/\s+/g, ' ').trim().slice(0, 48);
            profile.statements[key] = (profile.statements[key] ?? 0) + s;
          }
        },
        exec: (text) => tx.exec(text),
      };
      const started = process.hrtime.bigint();
      await projection.apply(events, timedTx, store);
      profile.applySqlSeconds += sqlSeconds;
      profile.applyJsSeconds += seconds(started) - sqlSeconds;
    },
  };
}

import type { INestApplication } from '@nestjs/common';
import { createSecretKey, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { type JobQueue, DeadlineRunner, JOB_QUEUE } from '@app/scheduling';
import { SettableClock, loadConfig } from '@app/runtime';
import { type Party, type Role } from '@app/case-domain';
import { signDevToken } from '@app/security';
import { createApp } from '../../apps/api/src/create-app';
import { TEST_DATABASE_URL, createTestDatabase, type TestDatabase } from './database';
import { SOURCE_LOADER, TEST_STORE } from './app';

// Helpers for the deadline and notice tests: several instances of the service on one schema and
// one Redis prefix, waiting for ticks instead of sleeping, valid personnummer per case.

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const JWT_DEV_SECRET = 'test-secret-test-secret-test-secret-0123';
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/** A Redis key prefix of its own for one test file (and mode). */
export const redisPrefix = (name: string) => `amt-test-${name}-${randomBytes(4).toString('hex')}`;

export interface Instance {
  app: INestApplication;
  http: ReturnType<typeof request>;
  jobs: JobQueue;
  deadlines: DeadlineRunner;
}

export interface Instances {
  instances: Instance[];
  /** One clock for every instance: they are the same service at the same moment. */
  clock: SettableClock;
  db: TestDatabase;
  token(claims: { tenant?: string; roles: Role[]; party?: Party; sub?: string }): Promise<string>;
  /** Stops every instance; with `obliterate`, first removes every job and schedule of the prefix. */
  close(options?: { obliterate?: boolean }): Promise<void>;
}

/** `count` instances of the service on ONE schema (and, with REDIS_URL in env, one Redis prefix). */
export async function startInstances(
  count: number,
  options: { now?: string; env?: Record<string, string>; logStream?: NodeJS.WritableStream } = {},
): Promise<Instances> {
  // On the embedded store the instances share the one in-memory database, as parts of one process would.
  const db = await createTestDatabase(TEST_STORE);
  const dataDir = mkdtempSync(join(tmpdir(), 'amt-deadlines-'));
  const clock = new SettableClock(options.now ?? '2026-06-15T10:00:00Z');
  const config = loadConfig({
    NODE_ENV: 'test',
    ...(TEST_STORE === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: db.schema! } : {}),
    DATA_DIR: dataDir,
    DB_POOL_SIZE: '10',
    LOG_LEVEL: options.logStream ? 'debug' : 'silent',
    JWT_DEV_SECRET,
    MASTER_KEY,
    RATE_LIMIT_PER_MINUTE: '0',
    ...options.env,
  });
  const instances: Instance[] = [];
  for (let i = 0; i < count; i++) {
    const app = await createApp({
      config,
      clock,
      logStream: options.logStream,
      sourceLoader: SOURCE_LOADER,
      ...(TEST_STORE === 'pglite' ? { sql: db.sql } : {}),
    });
    await app.init();
    instances.push({
      app,
      http: request(app.getHttpServer()),
      jobs: app.get(JOB_QUEUE),
      deadlines: app.get(DeadlineRunner),
    });
  }
  const key = createSecretKey(Buffer.from(JWT_DEV_SECRET, 'utf8'));
  return {
    instances,
    clock,
    db,
    token: ({ tenant = 'torget', ...rest }) => signDevToken({ tenant, ...rest }, key, clock.now()),
    async close({ obliterate = true } = {}) {
      for (const i of instances) await i.jobs.stopWorking();
      if (obliterate) await instances[0]?.jobs.obliterate();
      for (const i of instances) await i.app.close();
      await db.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it answers something truthy (a job finishing, an event appearing). */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 90_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until a tick that began after this call (so after the clock last moved) has completed on
 * some instance, and the deadline jobs are done: whatever was due then has fired.
 */
export async function settle(instances: Instance[]): Promise<void> {
  const since = Date.now();
  await waitFor(async () => instances.some((i) => i.deadlines.lastTickStartedAt >= since), 'a deadline tick');
  await waitFor(async () => {
    const all = await Promise.all(instances.map((i) => i.jobs.counts('deadlines')));
    // Not `delayed`: with BullMQ the scheduler's next tick always waits there.
    return all.every((c) => c.waiting + c.active === 0);
  }, 'the deadline jobs to finish');
}

export interface HistoryEvent {
  position: number;
  type: string;
  occurredOn: string;
  actor: { sub: string; roles: string[]; party?: string };
  data: Record<string, unknown>;
}

export async function history(
  http: ReturnType<typeof request>,
  token: string,
  caseId: string,
): Promise<HistoryEvent[]> {
  const res = await http.get(`/api/v1/cases/${caseId}/history`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`history of ${caseId}: ${res.status}`);
  return res.body.events;
}

/** A valid personnummer (Luhn) for a birth date and a serial, so each case has a person of its own. */
export function personnummer(birth: string, serial: number): string {
  const digits = `${birth.slice(2)}${String(serial).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const p = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += p > 9 ? p - 9 : p;
  }
  return `${birth}-${digits.slice(6)}${(10 - (sum % 10)) % 10}`;
}

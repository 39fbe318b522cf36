import type { INestApplication } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SettableClock, loadConfig, type AppConfig } from '@app/runtime';
import { type Party, type Role } from '@app/case-domain';
import { signDevToken } from '@app/security';
import { createApp } from '../../apps/api/src/create-app';
import { type Driver, TEST_DATABASE_URL, createTestDatabase, type TestDatabase } from './database';

const JWT_DEV_SECRET = 'test-secret-test-secret-test-secret-0123';
/** The test apps' master key: a store written before its app starts (the demo) is sealed with it. */
/** The tests run the TypeScript sources: threads the service starts compile them with this loader. */
export const SOURCE_LOADER = join(__dirname, 'register.js');

export const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  clock: SettableClock;
  db: TestDatabase;
  config: AppConfig;
  token(claims: { tenant?: string; roles: Role[]; party?: Party; sub?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The store the end-to-end suites run on: `TEST_STORE=pglite` (the embedded store, in memory) or
 * `postgres` (the default; a schema of its own on the local server). `npm test` runs every e2e
 * file on both (jest.config.js).
 */
export const TEST_STORE: Driver = process.env.TEST_STORE === 'pglite' ? 'pglite' : 'postgres';

/**
 * The real application on a store of its own (TEST_STORE), with a settable clock
 * (default 2026-06-15 10:00 UTC) and development tokens.
 */
export async function startTestApp(
  options: {
    now?: string;
    env?: Record<string, string>;
    logStream?: NodeJS.WritableStream;
    store?: Driver;
    /** A store already written (as a newcomer runs `npm run demo` before `npm start`); the app closes it. */
    db?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const store = options.db?.sql.kind ?? options.store ?? TEST_STORE;
  const db = options.db ?? (await createTestDatabase(store));
  const dataDir = mkdtempSync(join(tmpdir(), 'amt-e2e-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    ...(store === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: db.schema! } : {}),
    DATA_DIR: dataDir,
    DB_POOL_SIZE: '10',
    LOG_LEVEL: options.logStream ? 'debug' : 'silent',
    JWT_DEV_SECRET,
    MASTER_KEY,
    RATE_LIMIT_PER_MINUTE: '0',
    // Deadlines fire only when a test asks for them (tests that do set their own tick).
    DEADLINE_TICK_SECONDS: '86400',
    // Files run in parallel on one PostgreSQL server: another file's long transaction can hold
    // every reader back for a while, so reads wait longer here than a user would.
    READ_WAIT_MS: '20000',
    ...options.env,
  });
  const clock = new SettableClock(options.now ?? '2026-06-15T10:00:00Z');
  const app = await createApp({
    config,
    clock,
    logStream: options.logStream,
    sourceLoader: SOURCE_LOADER,
    ...(store === 'pglite' ? { sql: db.sql } : {}),
  });
  await app.init();
  const key = createSecretKey(Buffer.from(JWT_DEV_SECRET, 'utf8'));
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    db,
    config,
    token: ({ tenant = 'torget', ...rest }) => signDevToken({ tenant, ...rest }, key, clock.now()),
    async close() {
      await app.close();
      await db.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

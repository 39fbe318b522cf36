// The API in a process of its own, on a PostgreSQL schema a test created, for tests that kill it
// (kill -9) mid-request. Says `LISTENING <port>` once it takes requests; exits when the test that
// started it goes away (its IPC channel closes), so it never outlives a test run.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, stopOnSignals } from '@app/runtime';
import { createApp } from '../../apps/api/src/create-app';

async function main(): Promise<void> {
  const [schema] = process.argv.slice(2);
  const env = process.env;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    DATABASE_SCHEMA: schema,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'amt-child-')),
    DB_POOL_SIZE: '5',
    LOG_LEVEL: 'silent',
    JWT_DEV_SECRET: env.JWT_DEV_SECRET,
    MASTER_KEY: env.MASTER_KEY,
    RATE_LIMIT_PER_MINUTE: '0',
    DEADLINE_TICK_SECONDS: '86400',
    ...(env.REQUEST_TIMEOUT_MS ? { REQUEST_TIMEOUT_MS: env.REQUEST_TIMEOUT_MS } : {}),
    ...(env.SHUTDOWN_TIMEOUT_MS ? { SHUTDOWN_TIMEOUT_MS: env.SHUTDOWN_TIMEOUT_MS } : {}),
  });
  const app = await createApp({ config, sourceLoader: join(__dirname, 'register.js') });
  // The service's own stop on SIGTERM, as main.ts has it; it says when it gives up waiting.
  stopOnSignals(app, config.shutdownTimeoutMs, (message) => process.stdout.write(`${message}\n`));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`LISTENING ${port}\n`);
  process.on('disconnect', () => process.exit(0));
}

main().catch((err: Error) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});

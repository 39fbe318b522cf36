import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from './config/load-or-exit';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApp({ config });
  // Graceful stop: the server stops taking connections and finishes requests in flight, then the
  // consumers stop at a batch boundary and the store closes (onApplicationShutdown hooks).
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.get(Logger).log(`${signal} received: finishing requests in flight and stopping`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  await app.listen(config.port);
  const where = `http://localhost:${config.port}`;
  process.stdout.write(
    `\nCase coordination service listening on ${where}` +
      `\n  store: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}` +
      `\n  API docs: ${where}/api/docs   readiness: ${where}/health/ready` +
      `\n  a token for trying it: npm run -s token -- --tenant demo --roles processledare\n\n`,
  );
}

bootstrap().catch((err: Error) => {
  process.stderr.write(`failed to start: ${err.message}\n`);
  process.exit(1);
});

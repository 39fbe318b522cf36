import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { keepHelperThreadsLowered, loadConfigOrExit, stopOnSignals } from '@app/runtime';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApp({ config });
  stopOnSignals(app, config.shutdownTimeoutMs, (message) => app.get(Logger).log(message));
  // Every interface, as a service in a container must (Fastify alone would listen on localhost only).
  await app.listen(config.port, '0.0.0.0');
  // Requests first: this thread answers them all, and on a busy machine it otherwise waits for a
  // core behind the garbage collector's helpers and the read models' thread.
  keepHelperThreadsLowered();
  const where = `http://localhost:${config.port}`;
  process.stdout.write(
    `\nCase coordination service listening on ${where}` +
      `\n  store: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}` +
      (config.eventStore === 'kurrentdb' ? `; events in KurrentDB (KURRENTDB_URL, streams ${config.kurrentDbNamespace}.*)` : '') +
      `\n  web app: ${where}/` +
      (config.oidcIssuer
        ? `   sign-in: ${config.oidcIssuer}`
        : `   (development sign-in; npm run demo fills the store with a demo torg)`) +
      `\n  API docs: ${where}/api/docs   readiness: ${where}/health/ready` +
      `\n  a token for trying it: npm run -s token -- --tenant demo --roles processledare\n\n`,
  );
}

bootstrap().catch((err: Error) => {
  process.stderr.write(`failed to start: ${err.message}\n`);
  process.exit(1);
});

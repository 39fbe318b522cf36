import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';
import { loadConfigOrExit, stopOnSignals } from '@app/runtime';

/**
 * The background process for deployments that scale the API and the background work apart: the
 * same projections, reactors and job processors as the API runs in-process by default, without
 * the HTTP server. Start the API with PROJECTIONS=worker so that each runs in one place only.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  await app.init();
  stopOnSignals(app, config.shutdownTimeoutMs, (message) => app.get(Logger).log(message));
  process.stdout.write('worker running: projections and background jobs\n');
}

bootstrap().catch((err: Error) => {
  process.stderr.write(`worker failed to start: ${err.message}\n`);
  process.exit(1);
});

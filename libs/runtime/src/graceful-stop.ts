import type { INestApplicationContext } from '@nestjs/common';

/**
 * SIGTERM and SIGINT stop the process gracefully: no new connections, requests in flight finished,
 * consumers stopped at a batch boundary, the store closed. A request or a batch that does not end
 * cannot hold the process: after `timeoutMs` it exits anyway (what was not committed is done again
 * after the restart: checkpoints and idempotency keys are made for that).
 */
export function stopOnSignals(
  app: INestApplicationContext,
  timeoutMs: number,
  log: (message: string) => void,
): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: finishing work in flight (at most ${timeoutMs} ms) and stopping`);
    const timer = setTimeout(() => {
      log(`work in flight did not finish within ${timeoutMs} ms: exiting without it`);
      process.exit(1);
    }, timeoutMs);
    app.close().then(
      () => {
        clearTimeout(timer);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

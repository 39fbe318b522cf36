import { getInMemoryMessageBus, projections } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { pongoClient } from '@event-driven-io/pongo';
import { createServer } from 'node:http';
import express from './express';
import { cartProjections } from './projections';
import { cartRoutes, problemDetails } from './shopping-cart.http';
import type { CartConfirmed } from './shopping-cart';

// The peer of bench/http.bench.ts: the shopping-cart web API that Emmett's Express + PostgreSQL
// sample shows, the nearest thing a Node developer would build instead of this service. Emmett's
// event store with three inline projections, on the library's defaults (its own connection pool,
// no tuning). The sample's web layer comes from Emmett's web API helper (emmett-expressjs), which
// the registry this project installs from does not have at 0.42; its few lines are written out
// here as it sets Express up: Express 4, JSON and URL-encoded bodies, no ETag, problem details for
// errors. Started by the bench as its own process, on a database of its own:
//
//   POSTGRESQL_CONNECTION_STRING   the peer's database (the event store's tables are made on start,
//                                  the projections' in the first append)
//   PORT                           listens on 127.0.0.1

async function main(): Promise<void> {
  const connectionString = process.env.POSTGRESQL_CONNECTION_STRING;
  if (!connectionString) throw new Error('POSTGRESQL_CONNECTION_STRING is required');
  const port = Number(process.env.PORT ?? 3000);

  const eventStore = getPostgreSQLEventStore(connectionString, {
    projections: projections.inline(cartProjections),
    schema: { autoMigration: 'None' },
  });
  await eventStore.schema.migrate();
  const readStore = pongoClient(connectionString);

  const bus = getInMemoryMessageBus();
  bus.subscribe((event: CartConfirmed) => {
    process.stdout.write(`shopping cart confirmed: ${event.data.shoppingCartId}\n`);
  }, 'ShoppingCartConfirmed');

  const app = express();
  // Emmett's helper turns Express's own ETags off, leaving ETags to the stream versions.
  app.set('etag', false);
  app.use(express.json());
  app.use(express.urlencoded({ extended: true }));
  app.use(
    cartRoutes({
      eventStore,
      readStore: readStore.db(),
      publisher: bus,
      unitPriceOf: () => Promise.resolve(100),
      now: () => new Date(),
    }),
  );
  app.use(problemDetails);

  const server = createServer(app);
  server.listen(port, '127.0.0.1', () => process.stdout.write(`peer listening on ${port}\n`));

  const stop = () => {
    server.close();
    server.closeIdleConnections();
    void Promise.allSettled([eventStore.close(), readStore.close()]).then(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, stop);
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});

import { openDatabase, openEventStore } from '@app/event-store';
import { loadConfig } from '@app/runtime';
import { PROJECTIONS } from './index';
import { migrateAll } from './schemas';
import { rebuildProjections } from './rebuild';

// `npm run projections:rebuild [-- NAME …]`: drops and rebuilds read models from the events, all of
// them (or the ones named) in one pass over the events.
async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !PROJECTIONS.some((p) => p.name === n));
  if (unknown.length) {
    process.stderr.write(
      `unknown read model: ${unknown.join(', ')} (known: ${PROJECTIONS.map((p) => p.name).join(', ')})\n`,
    );
    process.exit(2);
  }
  // The events are read from wherever they live (EVENT_STORE), the read models written to the database.
  const config = loadConfig();
  const sql = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR ?? './data',
    schema: process.env.DATABASE_SCHEMA,
  });
  try {
    await migrateAll(sql);
    const store = await openEventStore(sql, config);
    const projections = PROJECTIONS.filter((p) => !names.length || names.includes(p.name));
    const started = process.hrtime.bigint();
    const applied = await rebuildProjections(store, projections);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (const [name, events] of Object.entries(applied)) process.stdout.write(`${name}: ${events} events\n`);
    const total = Object.values(applied).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `${projections.length} read models in ${seconds.toFixed(1)} s (${Math.round(total / Math.max(seconds, 1e-9))} events/s applied)\n`,
    );
    await store.close();
  } finally {
    await sql.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`rebuild failed: ${err.message}\n`);
  process.exit(1);
});

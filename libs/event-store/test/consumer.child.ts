// A consumer run in its own process by the crash test. It applies events into `applied`; in the
// batch after `--crash-after` events it stops half-way, says so, and waits to be killed.
import {
  CheckpointedSubscription,
  SqlEventStore,
  createPgClient,
  createPgliteClient,
} from '@app/event-store';

async function main(): Promise<void> {
  const [driver, target, crashAfterArg] = process.argv.slice(2);
  const crashAfter = Number(crashAfterArg);
  const sql =
    driver === 'pglite'
      ? await createPgliteClient(target)
      : createPgClient({ connectionString: process.env.TEST_DATABASE_URL!, schema: target });
  const store = new SqlEventStore(sql);
  let seen = 0;
  const sub = new CheckpointedSubscription(store, {
    name: 'crash-test',
    batchSize: 100,
    handle: async (events, tx) => {
      for (const [i, e] of events.entries()) {
        await tx.query('INSERT INTO applied (position) VALUES ($1)', [e.position]);
        if (seen >= crashAfter && i === Math.floor(events.length / 2)) {
          process.stdout.write('MID-BATCH\n');
          // Waits to be killed; never outlives a test run that lost track of it (an open
          // transaction would hold back every reader on the server).
          await new Promise(() => setTimeout(() => process.exit(3), 30_000));
        }
      }
      seen += events.length;
    },
  });
  await sub.loadCheckpoint();
  await sub.catchUp();
  process.stdout.write('DONE\n');
  await sql.close();
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});

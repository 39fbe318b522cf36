// A projection runner in its own process, for the crash test: it runs every projection of
// PROJECTIONS, one batch of each in turn, through a test-only wrapper. In the batch where the
// named projection has seen `crashAfter` events, the wrapper applies half the batch, says
// MID-BATCH on stdout and waits to be killed, its transaction open. Without a crash it says DONE.
//
//   node -r test/support/register.js projection.child.ts <postgres|pglite> <schema|dataDir> <projection> <crashAfter|never>
//
// It also exports `snapshotTables`, which the rebuild and crash tests compare read models with.
import {
  SqlEventStore,
  createPgClient,
  createPgliteClient,
  type SqlQueryable,
  type Projection,
} from '@app/event-store';
import { PROJECTIONS, projectionSubscription } from '@app/read-models';

/**
 * Every row of every table of the projections, as JSON text, ordered by every column: two read
 * models are the same when their snapshots are equal.
 */
export async function snapshotTables(
  sql: SqlQueryable,
  projections: readonly Projection[] = PROJECTIONS,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const projection of projections) {
    for (const table of projection.tables) {
      const { rows: columns } = await sql.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
      if (!columns.length) throw new Error(`no table ${table}`);
      // As text in the C collation: every column type orders, and the same way on both drivers.
      const order = columns.map((c) => `t."${c.name}"::text COLLATE "C"`).join(', ');
      const { rows } = await sql.query<{ j: string }>(
        `SELECT to_jsonb(t)::text AS j FROM ${table} t ORDER BY ${order}`,
      );
      out[table] = rows.map((r) => r.j);
    }
  }
  return out;
}

function crashing(projection: Projection, crashAfter: number): Projection {
  let seen = 0;
  return {
    name: projection.name,
    tables: projection.tables,
    async apply(events, tx, store) {
      if (seen >= crashAfter && events.length > 1) {
        await projection.apply(events.slice(0, Math.floor(events.length / 2)), tx, store);
        process.stdout.write(`MID-BATCH ${projection.name} ${events[0].position}\n`);
        // Waits to be killed; never outlives a test run that lost track of it (an open
        // transaction would hold back every reader on the server).
        await new Promise(() => setTimeout(() => process.exit(3), 30_000));
      }
      await projection.apply(events, tx, store);
      seen += events.length;
    },
  };
}

async function main(): Promise<void> {
  const [driver, target, crashName, crashArg] = process.argv.slice(2);
  const crashAfter = crashArg === 'never' ? Infinity : Number(crashArg);
  const sql =
    driver === 'pglite'
      ? await createPgliteClient(target)
      : createPgClient({ connectionString: process.env.TEST_DATABASE_URL!, schema: target, poolSize: 2 });
  const store = new SqlEventStore(sql);
  const subs = PROJECTIONS.map((p) =>
    projectionSubscription(store, p.name === crashName ? crashing(p, crashAfter) : p, 150),
  );
  for (const sub of subs) await sub.loadCheckpoint();
  // One batch of each in turn, so every read model is half-way when the crash comes.
  for (let moved = 1; moved > 0;) {
    moved = 0;
    for (const sub of subs) moved += await sub.processBatch();
  }
  for (const sub of subs) await sub.catchUp();
  process.stdout.write('DONE\n');
  await sql.close();
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(String(err?.stack ?? err));
    process.exit(1);
  });
}

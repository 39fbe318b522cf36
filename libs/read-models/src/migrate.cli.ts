import { openDatabase } from '@app/event-store';
import { migrateAll } from './schemas';

// `npm run migrate`: applies pending migrations and the read models' schemas to DATABASE_URL, or to
// the embedded store in DATA_DIR.
async function main(): Promise<void> {
  const sql = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? './data' });
  try {
    const applied = await migrateAll(sql);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
  } finally {
    await sql.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`migration failed: ${err.message}\n`);
  process.exit(1);
});

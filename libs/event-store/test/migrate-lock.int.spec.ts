import {
  MIGRATION_LOCK,
  TAKE_MIGRATION_LOCK,
  createPgClient,
  loadMigrations,
  migrate,
  type SqlClient,
} from '@app/event-store';
import { TEST_DATABASE_URL, createTestDatabase, type TestDatabase } from '../../../test/support/database';

// Migrations on a PostgreSQL server: instances of one deployment (one schema) starting together
// apply each migration once; a deployment in another schema of the same server is not held up by
// them (the lock is the schema's, not the server's).
describe('migrating on a shared PostgreSQL server', () => {
  const dbs: TestDatabase[] = [];
  const clients: SqlClient[] = [];
  const database = async () => {
    const db = await createTestDatabase('postgres', { empty: true, poolSize: 2 });
    dbs.push(db);
    return db;
  };
  /** A second instance's connection to the same schema. */
  const sameSchema = (db: TestDatabase) => {
    const client = createPgClient({
      connectionString: TEST_DATABASE_URL,
      schema: db.schema,
      poolSize: 2,
    });
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    for (const c of clients) await c.close();
    for (const db of dbs) await db.dispose();
  });

  it('two instances of one deployment starting together apply each migration once', async () => {
    const db = await database();
    const [a, b] = await Promise.all([migrate(db.sql), migrate(sameSchema(db))]);
    const versions = loadMigrations().map((m) => m.version);
    expect([...a, ...b].sort()).toEqual([...versions].sort());
    const { rows } = await db.sql.query<{ version: string }>('SELECT version FROM schema_migrations');
    expect(rows.map((r) => r.version).sort()).toEqual([...versions].sort());
  });

  it('waits for its own schema’s migration lock, and another schema does not', async () => {
    const held = await database();
    const other = await database();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const holding = held.sql.transaction(async (tx) => {
      await tx.query(TAKE_MIGRATION_LOCK, [MIGRATION_LOCK]);
      locked();
      await released;
    });
    await lockTaken;
    let sameDone = false;
    let same: Promise<unknown> | undefined;
    try {
      same = migrate(sameSchema(held)).then(() => (sameDone = true));
      // The other schema migrates while the lock of the first is held (were the lock the server's,
      // it would wait for ever: the guard turns that into a failure).
      const stuck = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('held up by another schema’s migration lock')), 20_000).unref(),
      );
      expect((await Promise.race([migrate(other.sql), stuck])).length).toBeGreaterThan(0);
      expect(sameDone).toBe(false);
    } finally {
      release();
      await holding;
    }
    await same;
    expect(sameDone).toBe(true);
  });
});

import { createHash, randomUUID } from 'node:crypto';
import {
  CheckpointedSubscription,
  type EventStore,
  type RecordedEvent,
  type SqlQueryable,
} from '@app/event-store';
import type { Projection } from '@app/event-store';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The schema a rebuild of `projection` in `schema` replays into; one per read model and schema. */
export function shadowSchema(schema: string, projection: string): string {
  return `rebuild_${createHash('sha256').update(`${schema}/${projection}`).digest('hex').slice(0, 16)}`;
}

/**
 * Empties a read model and replays every event into it, without pausing anything else.
 *
 * Readers of the store only see transactions older than every transaction in flight on the server
 * (see the event store), so one long rebuild transaction would hold back every consumer of every
 * read model until it commits. Instead the events are replayed into shadow copies of the read
 * model's tables (a schema of their own, `CREATE TABLE … (LIKE … INCLUDING ALL)`), one short
 * transaction per batch, while the live consumer keeps the real tables current. The events
 * recorded meanwhile are then applied to the shadow in global order, and one last short
 * transaction holds the projection's checkpoint row, applies the few that remain, copies the
 * shadow rows over the real ones and moves the checkpoint. Readers see the old rows until that
 * commits; the live consumer of the same projection waits for it, then goes on from the new
 * checkpoint.
 *
 * A stream-local projection is replayed stream by stream (each row written about once); any
 * other in global order, batch by batch. A rebuild that stops half-way leaves only its shadow
 * schema behind, which the next rebuild of the same read model drops; two rebuilds of one read
 * model at once: the later takes over and the earlier fails at its next batch.
 */
export async function rebuildProjection(
  store: EventStore,
  projection: Projection,
  batchSize = 5000,
): Promise<number> {
  const sql = store.sql;
  const { rows } = await sql.query<{ path: string; schema: string }>(
    "SELECT current_setting('search_path') AS path, current_schema() AS schema",
  );
  const { path, schema } = rows[0];
  const shadow = shadowSchema(schema, projection.name);
  const token = randomUUID();
  const real = (table: string) => `${ident(schema)}.${ident(table)}`;
  const copy = (table: string) => `${ident(shadow)}.${ident(table)}`;

  await sql.transaction(async (tx) => {
    await tx.query(`DROP SCHEMA IF EXISTS ${ident(shadow)} CASCADE`);
    await tx.query(`CREATE SCHEMA ${ident(shadow)}`);
    await tx.query(`CREATE TABLE ${copy('rebuild_owner')} (token uuid NOT NULL)`);
    await tx.query(`INSERT INTO ${copy('rebuild_owner')} (token) VALUES ($1)`, [token]);
    for (const table of projection.tables)
      await tx.query(`CREATE TABLE ${copy(table)} (LIKE ${real(table)} INCLUDING ALL)`);
  });

  /** A transaction in which the projection's unqualified table names are the shadow's. */
  const inShadow = <T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> =>
    sql.transaction(async (tx) => {
      await tx.query("SELECT set_config('search_path', $1, true)", [`${ident(shadow)}, ${path}`]);
      // Qualified: if the shadow were gone, unqualified names would reach the real tables.
      const owner = await tx.query<{ token: string }>(`SELECT token FROM ${copy('rebuild_owner')}`);
      if (owner.rows[0]?.token !== token) throw new Error(`another rebuild of ${projection.name} took over`);
      return fn(tx);
    });

  let applied = 0;
  /** Applies the next batch in global order after `position` (up to `upTo`); the new position, or undefined at the end. */
  const nextInOrder = async (
    tx: SqlQueryable,
    position: number,
    upTo = Infinity,
  ): Promise<number | undefined> => {
    const batch = (await store.readAll(position, batchSize, tx)).filter((e) => e.position <= upTo);
    if (batch.length === 0) return undefined;
    await projection.apply(batch, tx, store);
    applied += batch.length;
    return batch[batch.length - 1].position;
  };

  try {
    // 1. Everything recorded up to now.
    const target = await store.headPosition();
    if (projection.streamLocal && store.readsByStream) {
      let after: { streamId: string; version: number } | undefined = { streamId: '', version: 0 };
      while (after) {
        const from: { streamId: string; version: number } = after;
        after = await inShadow(async (tx) => {
          const batch = await store.readByStream(from, target, batchSize, tx);
          if (batch.length === 0) return undefined;
          await projection.apply(batch, tx, store);
          applied += batch.length;
          const last = batch[batch.length - 1];
          return { streamId: last.streamId, version: last.version };
        });
      }
    } else {
      for (let p: number | undefined = 0; p !== undefined;) {
        const from: number = p;
        p = await inShadow((tx) => nextInOrder(tx, from, target));
      }
    }
    // 2. What was recorded meanwhile, in global order, until less than a batch is left.
    let position = target;
    for (;;) {
      const before = applied;
      const next = await inShadow((tx) => nextInOrder(tx, position));
      if (next === undefined) break;
      position = next;
      if (applied - before < batchSize) break;
    }
    // 3. The rest, and the swap, in one short transaction that holds the checkpoint.
    await inShadow(async (tx) => {
      await tx.query(
        'INSERT INTO es_checkpoints (consumer, position) VALUES ($1, 0) ON CONFLICT DO NOTHING',
        [projection.name],
      );
      await tx.query('SELECT position FROM es_checkpoints WHERE consumer = $1 FOR UPDATE', [projection.name]);
      for (
        let next = await nextInOrder(tx, position);
        next !== undefined;
        next = await nextInOrder(tx, position)
      )
        position = next;
      for (const table of projection.tables) {
        await tx.query(`DELETE FROM ${real(table)}`);
        await tx.query(`INSERT INTO ${real(table)} SELECT * FROM ${copy(table)}`);
      }
      await tx.query('UPDATE es_checkpoints SET position = $2, updated_at = now() WHERE consumer = $1', [
        projection.name,
        position,
      ]);
      await tx.query(`DROP SCHEMA ${ident(shadow)} CASCADE`);
    });
    return applied;
  } catch (err) {
    // Our own shadow only: one that another rebuild took over is left to it.
    await sql
      .transaction(async (tx) => {
        const owner = await tx.query<{ token: string }>(`SELECT token FROM ${copy('rebuild_owner')}`);
        if (owner.rows[0]?.token === token) await tx.query(`DROP SCHEMA ${ident(shadow)} CASCADE`);
      })
      .catch(() => undefined);
    throw err;
  }
}

export function projectionSubscription(
  store: EventStore,
  projection: Projection,
  batchSize = 1000,
): CheckpointedSubscription {
  return new CheckpointedSubscription(store, {
    name: projection.name,
    batchSize,
    handle: (events, tx, store) => projection.apply(events, tx, store),
    ...(projection.accepts ? { accepts: (e: RecordedEvent) => projection.accepts!(e) } : {}),
  });
}

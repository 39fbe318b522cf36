import { createHash, randomUUID } from 'node:crypto';
import {
  CheckpointedSubscription,
  type EventStore,
  type RecordedEvent,
  type SqlQueryable,
} from '@app/event-store';
import type { Projection } from '@app/event-store';

/** How many batches a read model may be behind the read of a rebuild on a server (each holds `batchSize` events). */
const AHEAD = 3;

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
 * model's tables (a schema of their own, `CREATE UNLOGGED TABLE … (LIKE … INCLUDING ALL)`: a
 * crash of the server ends the rebuild, and the next one drops its shadow, so they need no WAL),
 * one short transaction per batch, while the live consumer keeps the real tables current. The events
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
  return (await rebuildProjections(store, [projection], batchSize))[projection.name];
}

/**
 * Rebuilds several read models in one pass over the events: each batch is read once and given to
 * every read model being rebuilt, each in its own shadow (see `rebuildProjection`), in its own
 * short transaction. The stream-local ones share one read stream by stream, the others one read
 * in global order; on a PostgreSQL server the two reads and the read models run side by side, each
 * read model through the batches at its own pace, a few batches behind the read at most (PGlite
 * has one session: one after another, batch by batch). Then each read model
 * takes in what was recorded meanwhile and is swapped in by its own last transaction, as a
 * rebuild of one does (on a server side by side). If one fails, every shadow of this rebuild is
 * dropped and nothing is swapped in that was not already, or being swapped in beside it. Returns
 * how many events each one applied, by name.
 */
export async function rebuildProjections(
  store: EventStore,
  projections: readonly Projection[],
  batchSize = 5000,
): Promise<Record<string, number>> {
  const names = projections.map((p) => p.name);
  if (new Set(names).size !== names.length) throw new Error(`a read model named twice: ${names.join(', ')}`);
  const sql = store.sql;
  const { rows } = await sql.query<{ path: string; schema: string; compression: string }>(
    `SELECT current_setting('search_path') AS path, current_schema() AS schema,
            CASE WHEN 'lz4' = ANY(enumvals) THEN 'lz4' ELSE setting END AS compression
       FROM pg_settings WHERE name = 'default_toast_compression'`,
  );
  // The folded states written batch after batch are compressed with lz4 where the server has it:
  // several times faster than pglz. The swap copies the compressed values as they are.
  const { path, schema, compression } = rows[0];
  const token = randomUUID();
  const real = (table: string) => `${ident(schema)}.${ident(table)}`;
  const rebuilds = projections.map((projection) => ({
    projection,
    shadow: shadowSchema(schema, projection.name),
    applied: 0,
  }));
  type Rebuild = (typeof rebuilds)[number];
  const copy = (r: Rebuild, table: string) => `${ident(r.shadow)}.${ident(table)}`;
  /** Set when one of the work side by side has failed: the rest stop at their next batch. */
  let failed = false;
  /** The first failure of the work side by side (not the stops it caused). */
  let failure: { err: unknown } | undefined;
  const fail = (err: unknown): never => {
    failed = true;
    failure ??= { err };
    throw err;
  };
  /** Side by side on a server; one after another on PGlite, whose one session runs one transaction at a time. */
  const each = async <T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> => {
    if (sql.kind !== 'postgres') {
      for (const item of items) await fn(item);
      return;
    }
    // Every one settles before a failure is thrown: no shadow is dropped under a transaction still at work.
    const results = await Promise.allSettled(items.map((item) => fn(item).catch(fail)));
    if (failure) throw failure.err;
    const rejected = results.find((r) => r.status === 'rejected');
    if (rejected) throw (rejected as PromiseRejectedResult).reason;
  };

  /** A transaction in which the projection's unqualified table names are its shadow's. */
  const inShadow = <T>(r: Rebuild, fn: (tx: SqlQueryable) => Promise<T>): Promise<T> =>
    sql.transaction(async (tx) => {
      await tx.query(
        "SELECT set_config('search_path', $1, true), set_config('default_toast_compression', $2, true)",
        [`${ident(r.shadow)}, ${path}`, compression],
      );
      // Qualified: if the shadow were gone, unqualified names would reach the real tables.
      const owner = await tx.query<{ token: string }>(`SELECT token FROM ${copy(r, 'rebuild_owner')}`);
      if (owner.rows[0]?.token !== token)
        throw new Error(`another rebuild of ${r.projection.name} took over`);
      return fn(tx);
    }, `rebuild ${r.projection.name}`);

  /** Applies `batch` to `r` in a transaction of its own. */
  const applyTo = (r: Rebuild, batch: RecordedEvent[]) =>
    inShadow(r, async (tx) => {
      await r.projection.apply(batch, tx, store);
      r.applied += batch.length;
    });

  /**
   * Reads batch after batch and applies each to every one of `group`, in order; ends after an
   * empty batch, or after one smaller than `until` asks for. On a server each read model goes
   * through the batches at its own pace, up to `AHEAD` batches behind the read, which goes on
   * while they apply: none waits for the slowest at every batch, and the database's connections
   * and Node stay busy. PGlite: one batch at a time, one read model after another.
   */
  const replay = async <C>(
    group: readonly Rebuild[],
    from: C,
    read: (from: C) => Promise<RecordedEvent[]>,
    next: (last: RecordedEvent) => C,
    until: (batch: RecordedEvent[]) => boolean = (batch) => batch.length === 0,
  ): Promise<C> => {
    let cursor = from;
    if (sql.kind !== 'postgres') {
      for (;;) {
        const batch = await read(cursor);
        if (batch.length === 0) return cursor;
        cursor = next(batch[batch.length - 1]);
        for (const r of group) await applyTo(r, batch);
        if (until(batch)) return cursor;
      }
    }
    // Each read model's batches, one after another; a failure stops the others at their next batch.
    const queues = group.map(() => Promise.resolve());
    /** Per batch read and not yet applied by all: settles when every one has applied it (or failed). */
    const inFlight: Promise<unknown>[] = [];
    let readFailure: { err: unknown } | undefined;
    try {
      for (;;) {
        const batch = await read(cursor);
        if (failed || batch.length === 0) break;
        cursor = next(batch[batch.length - 1]);
        for (const [i, r] of group.entries())
          queues[i] = queues[i].then(() => {
            if (failed) throw new Error('rebuild stopped: another part of it failed');
            return applyTo(r, batch).catch((err: unknown) => fail(err));
          });
        if (until(batch)) break;
        inFlight.push(Promise.allSettled(queues));
        if (inFlight.length >= AHEAD) await inFlight.shift();
      }
    } catch (err) {
      readFailure = { err };
      failed = true;
    }
    // Every one settles before the caller goes on, or drops the shadows after a failure.
    await Promise.allSettled(queues);
    if (failure) throw failure.err;
    if (readFailure) throw readFailure.err;
    return cursor;
  };

  /** Events after `after` in global order, up to `upTo`, in a short read transaction of their own. */
  const readInOrder = (after: number, upTo = Infinity) =>
    sql.transaction(
      async (tx) => (await store.readAll(after, batchSize, tx)).filter((e) => e.position <= upTo),
      'rebuild read',
    );

  try {
    for (const r of rebuilds) {
      await sql.transaction(async (tx) => {
        await tx.query(`DROP SCHEMA IF EXISTS ${ident(r.shadow)} CASCADE`);
        await tx.query(`CREATE SCHEMA ${ident(r.shadow)}`);
        // Unlogged like the copies: a server that restarts after a crash empties both, and the
        // rebuild, finding no token at its next transaction, stops instead of going on with half.
        await tx.query(`CREATE UNLOGGED TABLE ${copy(r, 'rebuild_owner')} (token uuid NOT NULL)`);
        await tx.query(`INSERT INTO ${copy(r, 'rebuild_owner')} (token) VALUES ($1)`, [token]);
        for (const table of r.projection.tables)
          await tx.query(`CREATE UNLOGGED TABLE ${copy(r, table)} (LIKE ${real(table)} INCLUDING ALL)`);
      });
    }

    // 1. Everything recorded up to now: one read stream by stream, one in global order.
    const target = await store.headPosition();
    const byStream = rebuilds.filter((r) => r.projection.streamLocal && store.readsByStream);
    const inOrder = rebuilds.filter((r) => !byStream.includes(r));
    const passes: (() => Promise<unknown>)[] = [];
    if (byStream.length)
      passes.push(() =>
        replay(
          byStream,
          { streamId: '', version: 0 },
          (after) => store.readByStream(after, target, batchSize),
          (last) => ({ streamId: last.streamId, version: last.version }),
        ),
      );
    if (inOrder.length)
      passes.push(() =>
        replay(
          inOrder,
          0,
          (after) => readInOrder(after, target),
          (last) => last.position,
        ),
      );
    await each(passes, async (pass) => {
      await pass();
    });

    // 2. What was recorded meanwhile, in global order, until less than a batch is left.
    const position = await replay(
      rebuilds,
      target,
      (after) => readInOrder(after),
      (last) => last.position,
      (batch) => batch.length < batchSize,
    );

    // 3. For each, the rest and the swap, in one short transaction that holds its checkpoint; on a
    // server side by side (copying a read model's rows over the real ones is most of this step).
    await each(rebuilds, async (r) => {
      const { projection } = r;
      await inShadow(r, async (tx) => {
        await tx.query(
          'INSERT INTO es_checkpoints (consumer, position) VALUES ($1, 0) ON CONFLICT DO NOTHING',
          [projection.name],
        );
        await tx.query('SELECT position FROM es_checkpoints WHERE consumer = $1 FOR UPDATE', [
          projection.name,
        ]);
        let last = position;
        for (
          let batch = await store.readAll(last, batchSize, tx);
          batch.length > 0;
          batch = await store.readAll(last, batchSize, tx)
        ) {
          await projection.apply(batch, tx, store);
          r.applied += batch.length;
          last = batch[batch.length - 1].position;
        }
        for (const table of projection.tables) {
          await tx.query(`DELETE FROM ${real(table)}`);
          await tx.query(`INSERT INTO ${real(table)} SELECT * FROM ${copy(r, table)}`);
        }
        await tx.query('UPDATE es_checkpoints SET position = $2, updated_at = now() WHERE consumer = $1', [
          projection.name,
          last,
        ]);
        await tx.query(`DROP SCHEMA ${ident(r.shadow)} CASCADE`);
      });
    });
    return Object.fromEntries(rebuilds.map((r) => [r.projection.name, r.applied]));
  } catch (err) {
    // Our own shadows only: one that another rebuild took over is left to it.
    for (const r of rebuilds) {
      await sql
        .transaction(async (tx) => {
          const owner = await tx.query<{ token: string }>(`SELECT token FROM ${copy(r, 'rebuild_owner')}`);
          if (owner.rows[0]?.token === token) await tx.query(`DROP SCHEMA ${ident(r.shadow)} CASCADE`);
        })
        .catch(() => undefined);
    }
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

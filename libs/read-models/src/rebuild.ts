import { CheckpointedSubscription, type EventStore } from '@app/event-store';
import type { Projection } from './projection';

/**
 * Empties a read model and replays every event into it. The whole rebuild is one transaction
 * holding the projection's checkpoint row: readers keep seeing the old rows until it commits,
 * and the live consumer of the same projection waits, then goes on from the new checkpoint.
 *
 * A stream-local projection is replayed stream by stream (each row written about once); any
 * other in global order, batch by batch.
 */
export async function rebuildProjection(store: EventStore, projection: Projection, batchSize = 5000): Promise<number> {
  // The target is read before this transaction writes anything: every event up to it is settled.
  const target = await store.headPosition();
  return store.sql.transaction(async (tx) => {
    await tx.query('INSERT INTO es_checkpoints (consumer, position) VALUES ($1, 0) ON CONFLICT DO NOTHING', [projection.name]);
    await tx.query('SELECT position FROM es_checkpoints WHERE consumer = $1 FOR UPDATE', [projection.name]);
    for (const table of projection.tables) await tx.query(`DELETE FROM ${table}`);
    let applied = 0;
    if (projection.streamLocal) {
      let after = { streamId: '', version: 0 };
      for (;;) {
        const batch = await store.readByStream(after, target, batchSize, tx);
        if (batch.length === 0) break;
        await projection.apply(batch, tx);
        applied += batch.length;
        const last = batch[batch.length - 1];
        after = { streamId: last.streamId, version: last.version };
      }
    } else {
      let position = 0;
      for (;;) {
        const batch = (await store.readAll(position, batchSize, tx)).filter((e) => e.position <= target);
        if (batch.length === 0) break;
        await projection.apply(batch, tx);
        applied += batch.length;
        position = batch[batch.length - 1].position;
      }
    }
    await tx.query('UPDATE es_checkpoints SET position = $2, updated_at = now() WHERE consumer = $1', [projection.name, target]);
    return applied;
  });
}

export function projectionSubscription(store: EventStore, projection: Projection, batchSize = 1000): CheckpointedSubscription {
  return new CheckpointedSubscription(store, { name: projection.name, batchSize, handle: (events, tx) => projection.apply(events, tx) });
}

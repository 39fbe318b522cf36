import type { Projection, RecordedEvent, SubscriptionOptions } from '@app/event-store';
import { PROJECTIONS } from './projections';

/** The name of the read models' group in logs (each read model keeps its own checkpoint row). */
const READ_MODEL_GROUP = 'read-models';

/**
 * The read models as one group of consumers: each batch of events is read once and applied to
 * every read model in one transaction, with one statement for their checkpoints.
 */
export function readModelGroup(projections: readonly Projection[] = PROJECTIONS): SubscriptionOptions {
  return {
    name: READ_MODEL_GROUP,
    batchSize: 1000,
    members: projections.map((projection) => ({
      name: projection.name,
      handle: (events, tx, store) => projection.apply(events, tx, store),
      ...(projection.accepts ? { accepts: (e: RecordedEvent) => projection.accepts!(e) } : {}),
    })),
  };
}

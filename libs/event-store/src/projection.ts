import type { EventStore, RecordedEvent } from './event-store';
import type { SqlQueryable } from './drivers/sql-client';

/**
 * A read model: its tables and how a batch of events changes them. `apply` runs inside the
 * transaction that also moves the projection's checkpoint, so a batch lands whole or not at all.
 */
export interface Projection {
  /** The consumer name, also the checkpoint's key. */
  name: string;
  /** Its tables, emptied by a rebuild. */
  tables: string[];
  /**
   * Each row depends on the events of one stream only, in that stream's order: a rebuild may
   * then replay stream by stream and write each row about once, instead of once per event.
   */
  streamLocal?: boolean;
  /**
   * The events `apply` does anything with (default: all). The live consumer passes over batches
   * with none of them without a transaction; a rebuild replays everything regardless.
   */
  accepts?(event: RecordedEvent): boolean;
  /** `store`: for events besides the batch's (a case's earlier events), read from wherever the events live. */
  apply(events: RecordedEvent[], tx: SqlQueryable, store: EventStore): Promise<void>;
}

/** The events of streams of one kind (`case-…`, `meeting-…`), grouped by stream in order. */
export function byStream(events: RecordedEvent[], prefix: string): Map<string, RecordedEvent[]> {
  const out = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    if (!e.streamId.startsWith(prefix)) continue;
    const id = e.streamId.slice(prefix.length);
    const list = out.get(id);
    if (list) list.push(e);
    else out.set(id, [e]);
  }
  return out;
}

import {
  type CaseEvent,
  type CaseHistory,
  type CaseState,
  type StoredEvent,
  emptyCaseHistory,
  evolveCase,
  evolveCaseHistory,
  initialCaseState,
  readEvent,
} from '@app/case-domain';
import { type EventStore, type RecordedEvent, type SqlQueryable, byStream } from '@app/event-store';

// The one way the read models fold a case (cases, deadlines, statistics): the domain's evolve over
// the case's own events, with its CaseHistory beside the state (what the state forgets and the
// follow-up rules need). The state before a batch comes from a bounded in-memory cache, trusted only
// when it stands exactly at the version before the batch's first event of that case; otherwise
// (another process applied it, a restart, eviction) the case's earlier events are read back from
// the store, in one query for the whole batch. It never reads another read model's tables, so it
// is as right in a rebuild (shadow tables on the search path) as live, and replays stream by stream.

/** A case folded up to one version of its stream. Never changed once made. */
export interface CaseSnapshot {
  readonly state: CaseState;
  readonly history: CaseHistory;
  /** The stream version and global position of the last event folded in (0 for none). */
  readonly version: number;
  readonly position: number;
}

/** One event folded in: the state before and after it, and the history before it. */
export interface CaseStep<E> {
  recorded: E;
  event: CaseEvent;
  was: CaseState;
  state: CaseState;
  history: CaseHistory;
}

/** A case a batch touched: its events in the batch, and its fold before and after them. */
export interface TouchedCase {
  /** The case id (the stream id without `case-`). */
  id: string;
  tenant: string;
  events: RecordedEvent[];
  before: CaseSnapshot;
  after: CaseSnapshot;
}

/** What folding needs of a stored event. */
export type FoldableEvent = StoredEvent & { version: number; position: number };

export const NO_CASE: CaseSnapshot = {
  state: initialCaseState(),
  history: emptyCaseHistory(),
  version: 0,
  position: 0,
};

/** The shared folding function: `events` (the case's next ones, in order) folded onto `from`. */
export function foldCase<E extends FoldableEvent>(
  from: CaseSnapshot,
  events: readonly E[],
  onStep?: (step: CaseStep<E>) => void,
): CaseSnapshot {
  if (events.length === 0) return from;
  let { state, history } = from;
  for (const recorded of events) {
    const event = readEvent<CaseEvent>(recorded);
    const was = state;
    state = evolveCase(was, event);
    onStep?.({ recorded, event, was, state, history });
    history = evolveCaseHistory(history, was, event);
  }
  const last = events[events.length - 1];
  return { state, history, version: last.version, position: last.position };
}

/**
 * Versions kept per case: the read models that fold cases commit each batch together, and a rebuild
 * replays a case's events in one batch, so each needs the version it stands at; the one before
 * serves a read model that went on alone a batch behind. One further behind reads back.
 */
const VERSIONS_KEPT = 2;

export class CaseFold {
  /** Per case its snapshots, oldest first; least recently used case first (a use moves it to the end). */
  private readonly cache = new Map<string, CaseSnapshot[]>();

  constructor(private readonly capacity: number) {}

  /**
   * Each case of the batch (streams `case-…`, in the order they first appear) folded before and
   * after its events in it. `onStep` sees every event of the batch folded, in each case's order.
   * The earlier events of the cases the cache could not vouch for come from `store`, in one read
   * for the whole batch (through `tx` on the SQL store).
   */
  async fold(
    events: RecordedEvent[],
    tx: SqlQueryable,
    store: EventStore,
    onStep?: (step: CaseStep<RecordedEvent>) => void,
  ): Promise<TouchedCase[]> {
    const streams = byStream(events, 'case-');
    const before = new Map<string, CaseSnapshot>();
    const unknown: { streamId: string; before: number }[] = [];
    for (const [id, list] of streams) {
      const first = list[0];
      const known = first.version === 1 ? NO_CASE : this.at(id, first.version - 1, first.position);
      if (known) before.set(id, known);
      else unknown.push({ streamId: first.streamId, before: first.version });
    }
    if (unknown.length) {
      const rows = await store.readEarlier(unknown, { db: tx });
      const earlier = new Map<string, FoldableEvent[]>();
      for (const r of rows) {
        const list = earlier.get(r.streamId);
        if (list) list.push(r);
        else earlier.set(r.streamId, [r]);
      }
      for (const { streamId } of unknown) {
        const id = streamId.slice('case-'.length);
        before.set(id, this.keep(id, foldCase(NO_CASE, earlier.get(streamId) ?? [])));
      }
    }
    const out: TouchedCase[] = [];
    for (const [id, list] of streams) {
      const from = before.get(id)!;
      // The read models that fold cases each fold the same batch (live, or rebuilt together): one
      // that needs no steps takes the fold another already made of these events.
      const last = list[list.length - 1];
      const folded = onStep ? undefined : this.exactly(id, last.version, last.position);
      const after = folded ?? this.keep(id, foldCase(from, list, onStep));
      out.push({ id, tenant: list[list.length - 1].tenant, events: list, before: from, after });
    }
    return out;
  }

  /** The cached snapshot of the case at `version`, if it was folded from events before `position`. */
  private at(id: string, version: number, position: number): CaseSnapshot | undefined {
    const kept = this.cache.get(id);
    const hit = kept?.find((s) => s.version === version && s.position < position);
    if (hit) this.touch(id, kept!);
    return hit;
  }

  /** The cached snapshot of the case folded up to exactly this version and position, if any. */
  private exactly(id: string, version: number, position: number): CaseSnapshot | undefined {
    const kept = this.cache.get(id);
    const hit = kept?.find((s) => s.version === version && s.position === position);
    if (hit) this.touch(id, kept!);
    return hit;
  }

  /** Caches `snapshot`; one of the same version folded before is the same fold, and kept instead. */
  private keep(id: string, snapshot: CaseSnapshot): CaseSnapshot {
    if (this.capacity <= 0 || snapshot.version === 0) return snapshot;
    const kept = this.cache.get(id) ?? [];
    const same = kept.find((s) => s.version === snapshot.version && s.position === snapshot.position);
    if (same) {
      this.touch(id, kept);
      return same;
    }
    const next = [...kept.filter((s) => s.version !== snapshot.version), snapshot]
      .sort((a, b) => a.version - b.version)
      .slice(-VERSIONS_KEPT);
    this.touch(id, next);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
    return snapshot;
  }

  private touch(id: string, kept: CaseSnapshot[]): void {
    this.cache.delete(id);
    this.cache.set(id, kept);
  }
}

/**
 * The fold the service's read models share: one cached state per case, whichever of them folds it.
 * Sized for the cases the read models touched lately, not for every case: a snapshot holds a few
 * kilobytes, and a case not among the last 5,000 costs one read of its stream in the batch's one
 * read back. Larger, the cache filled the API's heap under sustained load (20,000 cases of four
 * versions each), and collecting it cost more than the reads it saved.
 */
export const caseFolds = new CaseFold(5_000);

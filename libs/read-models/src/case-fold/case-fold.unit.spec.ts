import type { CaseEvent } from '@app/case-domain';
import type { EventStore, RecordedEvent, SqlQueryable } from '@app/event-store';
import { accepted, closedEvent, initiated } from '../../../case-domain/src/testing/fixtures';
import { foldWithHistory, reopenedEvent } from '../../../case-domain/src/testing/case-history';
import { CaseFold, foldCase, NO_CASE } from './case-fold';

// The shared case fold: given a case's events, some in the store and some in a batch, then the
// state before and after the batch is the domain's fold, from the cache when it stands right.

const ID = '11111111-1111-4111-8111-111111111111';
const events: CaseEvent[] = [
  ...initiated({ caseId: ID }),
  accepted(),
  closedEvent('2025-03-01'),
  reopenedEvent('2025-04-01'),
];

/** The case's events as stored: version n at position 10·n. */
const recorded: RecordedEvent[] = events.map((e, i) => ({
  position: 10 * (i + 1),
  streamId: `case-${ID}`,
  version: i + 1,
  eventId: `e-${i + 1}`,
  type: e.type,
  schemaVersion: 1,
  data: e.data,
  metadata: { tenant: 't', actor: { sub: 's', roles: [] }, correlationId: 'c' },
  tenant: 't',
  businessDate: null,
  recordedAt: '2025-01-01T00:00:00.000Z',
}));

/** A store that answers the read-back of earlier events from `recorded`, and counts the reads. */
function store() {
  const fake = {
    reads: 0,
    async readEarlier(streams: readonly { streamId: string; before: number }[]) {
      fake.reads++;
      return recorded.filter((e) => streams.some((w) => w.streamId === e.streamId && e.version < w.before));
    },
  };
  return fake as unknown as EventStore & { reads: number };
}

/** The read model's transaction: the fold itself sends nothing through it. */
const NO_TX = {} as SqlQueryable;

describe('case fold', () => {
  it('folds state and history as the domain does, one step per event', () => {
    const steps: string[] = [];
    const after = foldCase(NO_CASE, recorded, (s) =>
      steps.push(`${s.event.type}:${s.was.status}→${s.state.status}`),
    );
    expect({ state: after.state, history: after.history }).toEqual(foldWithHistory(events));
    expect([after.version, after.position]).toEqual([events.length, 10 * events.length]);
    expect(steps).toHaveLength(events.length);
    expect(steps.at(-1)).toMatch(/^CaseReopened:CLOSED→/);
  });

  it('given a batch from the first event on, reads nothing back', async () => {
    const earlier = store();
    const [c] = await new CaseFold(10).fold(recorded, NO_TX, earlier);
    expect(earlier.reads).toBe(0);
    expect(c.before).toBe(NO_CASE);
    expect(c).toMatchObject({ id: ID, tenant: 't', after: { version: events.length } });
  });

  it('given a batch after events it has not folded, reads them back in one query; then the cache stands', async () => {
    const earlier = store();
    const fold = new CaseFold(10);
    const n = events.length;
    const [c] = await fold.fold(recorded.slice(1, n - 1), NO_TX, earlier);
    expect(earlier.reads).toBe(1);
    expect(c.before.state).toEqual(foldWithHistory(events.slice(0, 1)).state);
    expect(c.after.state).toEqual(foldWithHistory(events.slice(0, n - 1)).state);

    const [next] = await fold.fold(recorded.slice(n - 1), NO_TX, earlier);
    expect(earlier.reads).toBe(1);
    expect(next.before).toBe(c.after);
    expect(next.after.history).toEqual(foldWithHistory(events).history);
  });

  it('keeps the version before too, so a reader a batch behind still finds its own', async () => {
    const earlier = store();
    const fold = new CaseFold(10);
    const [ahead] = await fold.fold(recorded, NO_TX, earlier);
    await fold.fold(recorded.slice(0, 3), NO_TX, earlier);
    const [behind] = await fold.fold(recorded.slice(3), NO_TX, earlier);
    expect(earlier.reads).toBe(0);
    // The same version folded twice is one snapshot.
    expect(behind.after).toBe(ahead.after);
  });

  it('keeps two versions per case: a reader two batches behind reads back', async () => {
    const earlier = store();
    const fold = new CaseFold(10);
    await fold.fold(recorded, NO_TX, earlier);
    await fold.fold(recorded.slice(0, 2), NO_TX, earlier);
    await fold.fold(recorded.slice(0, 3), NO_TX, earlier);
    expect(earlier.reads).toBe(0);
    const [behind] = await fold.fold(recorded.slice(2), NO_TX, earlier);
    expect(earlier.reads).toBe(1);
    expect(behind.after.state).toEqual(foldWithHistory(events).state);
  });

  it('without a cache, or past its capacity, reads back again', async () => {
    for (const fold of [new CaseFold(0), new CaseFold(1)]) {
      const earlier = store();
      await fold.fold(recorded.slice(0, 3), NO_TX, earlier);
      await fold.fold([{ ...recorded[0], streamId: 'case-other' }], NO_TX, earlier);
      await fold.fold(recorded.slice(3), NO_TX, earlier);
      expect(earlier.reads).toBe(1);
    }
  });
});

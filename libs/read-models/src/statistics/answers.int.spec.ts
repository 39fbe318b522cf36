import { createTestDatabase, type Driver, type TestDatabase } from '../../../../test/support/database';
import { KEEP_UNASKED_MS, MOST_KEPT, MOST_KEPT_SIZE, REFRESH_SHARE, StatisticsAnswers } from './answers';
import { statisticsVersion } from './changes.query';

// Statistics answers kept between requests (answers.ts), on both stores: served again only while the
// torg's statistics stand where they stood, computed again when they move, refreshed in the
// background while they are asked for. Where the projections record the changes is tested in
// statistics.int.spec.ts; here a change is written as they write it.

describe.each<Driver>(['postgres', 'pglite'])('statistics answers kept between requests (%s)', (driver) => {
  let db: TestDatabase;
  let answers: StatisticsAnswers;
  let clock: number;
  let rests: number[];

  /** The torg's case statistics changed at `position` (as stat-cases.projection.ts records it). */
  const changed = (tenant: string, position: number, table = 'stat_case_changes') =>
    db.sql.query(
      `INSERT INTO ${table} (tenant, position) VALUES ($1, $2)
       ON CONFLICT (tenant) DO UPDATE SET position = excluded.position`,
      [tenant, position],
    );

  /** A computation that counts its runs and answers with the run's number. */
  const counter = () => {
    const c = { runs: 0, compute: async () => ++c.runs };
    return c;
  };

  // One database for the file, its two change tables emptied before each test: these tests read
  // and write nothing else, and a new embedded database takes seconds on a loaded machine.
  beforeAll(async () => {
    db = await createTestDatabase(driver);
  });
  afterAll(() => db?.dispose());

  beforeEach(async () => {
    await db.sql.query('TRUNCATE stat_case_changes, stat_volume_changes');
    clock = 1_000_000;
    rests = [];
    answers = new StatisticsAnswers(db.sql, {
      now: () => clock,
      rest: async (ms) => {
        rests.push(ms);
      },
    });
  });

  afterEach(() => answers.stop());

  it('serves the same answer again while the torg’s statistics have not changed, and computes it again when they have', async () => {
    const c = counter();
    expect(await answers.answer('torg-a', 'participants', c.compute)).toBe(1);
    expect(await answers.answer('torg-a', 'participants', c.compute)).toBe(1);
    await changed('torg-a', 10);
    expect(await answers.answer('torg-a', 'participants', c.compute)).toBe(2);
    expect(await answers.answer('torg-a', 'participants', c.compute)).toBe(2);
    await changed('torg-a', 11, 'stat_volume_changes');
    expect(await answers.answer('torg-a', 'participants', c.compute)).toBe(3);
    expect(c.runs).toBe(3);
  });

  it('keeps each torg’s and each question’s answer apart: another torg’s change leaves them', async () => {
    const a = counter();
    const b = counter();
    const other = counter();
    await answers.answer('torg-a', 'participants', a.compute);
    await answers.answer('torg-b', 'participants', b.compute);
    await answers.answer('torg-a', 'sips', other.compute);
    await changed('torg-b', 5);
    await answers.answer('torg-a', 'participants', a.compute);
    await answers.answer('torg-b', 'participants', b.compute);
    await answers.answer('torg-a', 'sips', other.compute);
    expect([a.runs, b.runs, other.runs]).toEqual([1, 2, 1]);
    expect(await statisticsVersion(db.sql, 'torg-b')).toEqual({ cases: 5, volume: 0 });
  });

  it('lets requests for the same answer at once share one computation', async () => {
    const c = counter();
    const all = await Promise.all([1, 2, 3].map(() => answers.answer('torg-a', 'participants', c.compute)));
    expect(all).toEqual([1, 1, 1]);
    expect(c.runs).toBe(1);
  });

  it('does not keep a computation that failed: the next request computes again', async () => {
    let fail = true;
    const compute = async () => {
      if (fail) {
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('the database went away');
      }
      return 'figures';
    };
    await expect(answers.answer('torg-a', 'participants', compute)).rejects.toThrow('went away');
    // Nor when a second request joined it while it ran.
    const both = [
      answers.answer('torg-a', 'participants', compute),
      answers.answer('torg-a', 'participants', compute),
    ];
    for (const one of both) await expect(one).rejects.toThrow('went away');
    expect(answers.size).toBe(0);
    fail = false;
    await expect(answers.answer('torg-a', 'participants', compute)).resolves.toBe('figures');
    expect(answers.size).toBe(1);
  });

  it('computes the answers asked for lately again in the background once the torg’s statistics change', async () => {
    const asked = counter();
    const quiet = counter();
    await answers.answer('torg-a', 'participants', asked.compute);
    await answers.answer('torg-b', 'participants', quiet.compute);
    await answers.refresh();
    expect([asked.runs, quiet.runs]).toEqual([1, 1]);

    await changed('torg-a', 7);
    await answers.refresh();
    expect(asked.runs).toBe(2);
    // The request after the change finds it ready: no computation of its own.
    expect(await answers.answer('torg-a', 'participants', asked.compute)).toBe(2);
    expect([asked.runs, quiet.runs]).toEqual([2, 1]);
  });

  it('rests between the answers it refreshes, nine times as long as each took: a tenth of one core at most', async () => {
    const slow = async () => {
      const until = performance.now() + 30;
      while (performance.now() < until); // busy, as the small-numbers rule is
      return 'figures';
    };
    await answers.answer('torg-a', 'participants', slow);
    await answers.answer('torg-a', 'sips', slow);
    await changed('torg-a', 4);
    await answers.refresh();
    expect(rests).toHaveLength(2);
    for (const ms of rests) expect(ms).toBeGreaterThanOrEqual(30 * (1 / REFRESH_SHARE - 1));
  });

  it('drops an answer nobody asked for within a working day, and keeps at most MOST_KEPT', async () => {
    const c = counter();
    await answers.answer('torg-a', 'old', c.compute);
    clock += KEEP_UNASKED_MS + 1;
    await answers.answer('torg-a', 'new', c.compute);
    await changed('torg-a', 3);
    await answers.refresh();
    expect(answers.size).toBe(1);
    expect(c.runs).toBe(3); // 'old', 'new', and 'new' again in the refresh; 'old' was dropped

    for (let i = 0; i < MOST_KEPT + 10; i++) await answers.answer('torg-a', `q${i}`, c.compute);
    expect(answers.size).toBe(MOST_KEPT);
  });

  it('keeps no more than MOST_KEPT_SIZE of answers: the one asked for longest ago goes first', async () => {
    const large = (tag: string) => async () => ({ tag, cells: 'x'.repeat(MOST_KEPT_SIZE / 3) });
    for (const tag of ['a', 'b', 'c']) await answers.answer('torg-a', tag, large(tag));
    expect(answers.size).toBe(2);
    let runs = 0;
    const counted = (tag: string) => async () => {
      runs++;
      return large(tag)();
    };
    expect((await answers.answer('torg-a', 'c', counted('c'))).tag).toBe('c');
    expect(runs).toBe(0);
    await answers.answer('torg-a', 'a', counted('a'));
    expect(runs).toBe(1);
  });

  it('refreshes on its own every few seconds once started, and stops', async () => {
    const c = counter();
    await answers.answer('torg-a', 'participants', c.compute);
    await changed('torg-a', 9);
    answers.start(20);
    const deadline = Date.now() + 10_000;
    while (c.runs < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(c.runs).toBe(2);
    await answers.stop();
    await changed('torg-a', 10);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.runs).toBe(2);
  });
});

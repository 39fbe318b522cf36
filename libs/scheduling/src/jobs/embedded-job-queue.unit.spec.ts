import { EmbeddedJobQueue } from './embedded-job-queue';
import { PermanentJobError, type RunningJob } from './job-queue';

// The embedded queue keeps the promises the service relies on from BullMQ: an id is taken once,
// failures are retried with backoff, jobs out of attempts are kept and can be retried.

async function until(probe: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('EmbeddedJobQueue', () => {
  let q: EmbeddedJobQueue;
  const failed: string[] = [];
  beforeEach(() => {
    q = new EmbeddedJobQueue({ attempts: 3, backoffMs: 10 }, (j) => failed.push(j.id));
  });
  afterEach(() => q.close());

  it('given a job id already taken, when the same id is added again (even after it ran), then it runs once', async () => {
    const runs: RunningJob[] = [];
    q.work('deadlines', async (job) => {
      runs.push(job);
    });
    await q.add('deadlines', 'deadline', { caseId: 'c1' }, { jobId: 'deadline-c1' });
    await q.add('deadlines', 'deadline', { caseId: 'c1-again' }, { jobId: 'deadline-c1' });
    await until(async () => (await q.counts('deadlines')).completed === 1);
    await q.add('deadlines', 'deadline', { caseId: 'c1-later' }, { jobId: 'deadline-c1' });
    await new Promise((r) => setTimeout(r, 20));
    expect(runs.map((r) => r.data)).toEqual([{ caseId: 'c1' }]);
  });

  it('when a job fails, then it is retried with growing waits until it succeeds', async () => {
    const at: number[] = [];
    q.work('notices', async (job) => {
      at.push(Date.now());
      if (job.attemptsMade < 2) throw new Error('webhook answered 500');
    });
    await q.add('notices', 'webhook', {}, { jobId: 'webhook-1' });
    await until(async () => (await q.counts('notices')).completed === 1);
    expect(at).toHaveLength(3);
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(9);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(19);
  });

  it('when a job runs out of attempts, or cannot succeed, then it is kept as failed with its reason; a retry runs it again', async () => {
    let fixed = false;
    q.work('notices', async (job) => {
      if (job.name === 'permanent') throw new PermanentJobError('unknown job');
      if (!fixed) throw new Error('webhook answered 500');
    });
    await q.add('notices', 'webhook', { tenant: 't' }, { jobId: 'w-1' });
    await q.add('notices', 'permanent', {}, { jobId: 'p-1' });
    await until(async () => (await q.counts('notices')).failed === 2);
    const list = await q.list('notices', 'failed', 10);
    expect(list.find((j) => j.id === 'w-1')).toMatchObject({ attemptsMade: 3, failedReason: 'Error: webhook answered 500', data: { tenant: 't' } });
    expect(list.find((j) => j.id === 'p-1')).toMatchObject({ attemptsMade: 1, failedReason: 'PermanentJobError: unknown job' });
    expect(failed).toEqual(expect.arrayContaining(['w-1', 'p-1']));

    fixed = true;
    expect(await q.retry('notices', 'w-1')).toBe(true);
    expect(await q.retry('notices', 'nope')).toBe(false);
    await until(async () => (await q.counts('notices')).completed === 1);
    expect(await q.list('notices', 'failed', 10)).toHaveLength(1);
  });

  it('every: one scheduled job at a time, each with an id of its own; stopped by stopWorking', async () => {
    let ticks = 0;
    let running = 0;
    let overlapping = false;
    q.work('deadlines', async () => {
      running++;
      if (running > 1) overlapping = true;
      await new Promise((r) => setTimeout(r, 15));
      ticks++;
      running--;
    });
    q.every('deadlines', 'deadline-tick', 'tick', 5);
    await until(() => ticks >= 3);
    await q.stopWorking();
    const after = ticks;
    await new Promise((r) => setTimeout(r, 30));
    expect(ticks).toBe(after);
    expect(overlapping).toBe(false);
    expect(await q.status()).toBe('embedded');
  });
});

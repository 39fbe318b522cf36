import { AsyncResource } from 'node:async_hooks';
import {
  type AddOptions,
  type JobCounts,
  type JobHandler,
  type JobPolicy,
  type JobQueue,
  type JobState,
  type JobView,
  PermanentJobError,
  type QueueName,
  type QueueStatus,
  backoffDelay,
  safeReason,
} from './job-queue';

interface EmbeddedJob {
  id: string;
  name: string;
  data: Record<string, unknown>;
  state: JobState;
  attempts: number;
  attemptsMade: number;
  failedReason?: string;
  createdAt: number;
  finishedAt?: number;
  /** Made by a schedule: forgotten once done, the next one has an id of its own. */
  scheduled?: boolean;
}

interface QueueState {
  jobs: Map<string, EmbeddedJob>;
  waiting: string[];
  /** Ids of completed jobs, oldest first. */
  completed: string[];
  handler?: JobHandler;
  concurrency: number;
  active: number;
}

/** Completed jobs are remembered this long (and at most this many), so a job id is taken once. */
const KEEP_COMPLETED_MS = 24 * 3600_000;
const KEEP_COMPLETED_COUNT = 10_000;

/**
 * The queue without Redis: jobs, retries, schedules and kept failures in this process's memory.
 * What it loses on a restart, the producers recreate: deadlines are derived again from the read
 * model at the next tick, and undelivered notices are swept up again.
 */
export class EmbeddedJobQueue implements JobQueue {
  readonly mode = 'embedded' as const;
  private readonly queues = new Map<QueueName, QueueState>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly policy: JobPolicy,
    private readonly onFailed?: (job: JobView) => void,
  ) {}

  /**
   * Runs a job in the queue's own async context, not in that of whoever added it: a consumer adds
   * jobs inside its batch's transaction, and the job must not count as part of it.
   */
  private readonly inOwnContext = AsyncResource.bind(<T>(fn: () => T): T => fn());

  private queue(name: QueueName): QueueState {
    let q = this.queues.get(name);
    if (!q) {
      q = { jobs: new Map(), waiting: [], completed: [], concurrency: 1, active: 0 };
      this.queues.set(name, q);
    }
    return q;
  }

  async add(queue: QueueName, name: string, data: Record<string, unknown>, options: AddOptions): Promise<void> {
    this.enqueue(queue, name, data, options, false);
  }

  private enqueue(queue: QueueName, name: string, data: Record<string, unknown>, options: AddOptions, scheduled: boolean): void {
    const q = this.queue(queue);
    if (q.jobs.has(options.jobId)) return;
    q.jobs.set(options.jobId, {
      id: options.jobId,
      name,
      data: structuredClone(data),
      state: 'waiting',
      attempts: options.attempts ?? this.policy.attempts,
      attemptsMade: 0,
      createdAt: Date.now(),
      scheduled,
    });
    q.waiting.push(options.jobId);
    this.pump(queue);
  }

  work(queue: QueueName, handler: JobHandler, concurrency = 5): void {
    const q = this.queue(queue);
    q.handler = handler;
    q.concurrency = concurrency;
    this.stopped = false;
    this.pump(queue);
  }

  every(queue: QueueName, schedulerId: string, name: string, everyMs: number): void {
    let n = 0;
    const timer = setInterval(() => {
      const q = this.queue(queue);
      // Like a BullMQ scheduler: no new tick while the previous one waits or runs.
      const pending = [...q.jobs.values()].some(
        (j) => j.scheduled && j.id.startsWith(`${schedulerId}-`) && (j.state === 'waiting' || j.state === 'active'),
      );
      if (!pending) this.enqueue(queue, name, {}, { jobId: `${schedulerId}-${Date.now()}-${n++}`, attempts: 1 }, true);
    }, everyMs);
    timer.unref();
    this.intervals.add(timer);
  }

  private pump(queue: QueueName): void {
    const q = this.queue(queue);
    while (!this.stopped && q.handler && q.active < q.concurrency && q.waiting.length > 0) {
      const id = q.waiting.shift()!;
      const job = q.jobs.get(id);
      if (!job || job.state !== 'waiting') continue;
      q.active++;
      job.state = 'active';
      const handler = q.handler;
      const run = this.inOwnContext(() => this.run(queue, job, handler)).finally(() => {
        q.active--;
        this.running.delete(run);
        this.pump(queue);
      });
      this.running.add(run);
    }
  }

  private async run(queue: QueueName, job: EmbeddedJob, handler: JobHandler): Promise<void> {
    try {
      await handler({ id: job.id, name: job.name, data: structuredClone(job.data), attemptsMade: job.attemptsMade });
      job.attemptsMade++;
      job.state = 'completed';
      job.finishedAt = Date.now();
      this.prune(queue, job);
    } catch (err) {
      job.attemptsMade++;
      job.failedReason = safeReason(err);
      if (err instanceof PermanentJobError || job.attemptsMade >= job.attempts) {
        job.state = 'failed';
        job.finishedAt = Date.now();
        this.onFailed?.(view(queue, job));
        return;
      }
      job.state = 'delayed';
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (job.state !== 'delayed') return;
        job.state = 'waiting';
        this.queue(queue).waiting.push(job.id);
        this.pump(queue);
      }, backoffDelay(this.policy, job.attemptsMade));
      timer.unref();
      this.timers.add(timer);
    }
  }

  private prune(queue: QueueName, done: EmbeddedJob): void {
    const q = this.queue(queue);
    if (done.scheduled) {
      q.jobs.delete(done.id);
      return;
    }
    q.completed.push(done.id);
    const now = Date.now();
    // Oldest first: drop what is too old or too many.
    while (q.completed.length > 0) {
      const oldest = q.jobs.get(q.completed[0]);
      const expired = !oldest || oldest.state !== 'completed' || now - (oldest.finishedAt ?? now) > KEEP_COMPLETED_MS;
      if (!expired && q.completed.length <= KEEP_COMPLETED_COUNT) break;
      q.completed.shift();
      if (oldest?.state === 'completed') q.jobs.delete(oldest.id);
    }
  }

  async list(queue: QueueName, state: JobState, limit: number): Promise<JobView[]> {
    return [...this.queue(queue).jobs.values()]
      .filter((j) => j.state === state)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit)
      .map((j) => view(queue, j));
  }

  async retry(queue: QueueName, jobId: string): Promise<boolean> {
    const q = this.queue(queue);
    const job = q.jobs.get(jobId);
    if (!job || job.state !== 'failed') return false;
    job.state = 'waiting';
    job.attemptsMade = 0;
    job.failedReason = undefined;
    job.finishedAt = undefined;
    q.waiting.push(job.id);
    this.pump(queue);
    return true;
  }

  async counts(queue: QueueName): Promise<JobCounts> {
    const counts: JobCounts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
    for (const j of this.queue(queue).jobs.values()) counts[j.state]++;
    return counts;
  }

  async status(): Promise<QueueStatus> {
    return 'embedded';
  }

  async stopWorking(): Promise<void> {
    this.stopped = true;
    for (const t of this.intervals) clearInterval(t);
    this.intervals.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  async close(): Promise<void> {
    await this.stopWorking();
  }

  async obliterate(): Promise<void> {
    for (const q of this.queues.values()) {
      q.jobs.clear();
      q.waiting.length = 0;
      q.completed.length = 0;
    }
  }
}

function view(queue: QueueName, j: EmbeddedJob): JobView {
  return {
    queue,
    id: j.id,
    name: j.name,
    state: j.state,
    data: structuredClone(j.data),
    attemptsMade: j.attemptsMade,
    ...(j.failedReason ? { failedReason: j.failedReason } : {}),
    createdAt: new Date(j.createdAt).toISOString(),
    ...(j.finishedAt ? { finishedAt: new Date(j.finishedAt).toISOString() } : {}),
  };
}

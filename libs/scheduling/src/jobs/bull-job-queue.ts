import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import {
  type AddOptions,
  type JobCounts,
  type JobHandler,
  type JobPolicy,
  type JobQueue,
  type JobState,
  type JobView,
  PermanentJobError,
  QUEUE_NAMES,
  type QueueName,
  type QueueStatus,
  QueueUnavailableError,
  safeReason,
} from './job-queue';

export type QueueLog = (level: 'info' | 'warn' | 'error', message: string, meta?: Record<string, unknown>) => void;

export interface BullJobQueueOptions {
  url: string;
  /** Namespaces every key of the service's queues. */
  prefix: string;
  policy: JobPolicy;
  log?: QueueLog;
  /** How long an enqueue or a read may wait for Redis before the caller is told it is unavailable. */
  timeoutMs?: number;
}

interface Schedule {
  queue: QueueName;
  id: string;
  name: string;
  everyMs: number;
}

const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
// Reconnect quickly once Redis is back (BullMQ's own default backs off up to 20 s).
const retryStrategy = (times: number) => Math.min(times * 200, 2000);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError()), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * BullMQ on Redis. While Redis is unreachable, enqueueing fails fast (callers retry: reactors
 * keep their checkpoint, the tick comes again), the status is `degraded`, and the schedules are
 * upserted again as soon as Redis answers, so deadlines fire once it is back.
 */
export class BullJobQueue implements JobQueue {
  readonly mode = 'redis' as const;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly schedules: Schedule[] = [];
  private readonly monitor: Redis;
  private readonly timeoutMs: number;
  private ensureTimer?: NodeJS.Timeout;
  private ensuring = false;
  private closed = false;
  private stopped = false;
  private outage = false;

  constructor(private readonly options: BullJobQueueOptions) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.monitor = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy,
      connectionName: `${options.prefix}:monitor`,
    });
    this.monitor.on('error', () => this.noteOutage());
    this.monitor.on('ready', () => {
      if (this.outage) this.log('info', 'Redis reachable again: job queues resume');
      this.outage = false;
      this.scheduleEnsure(0);
    });
  }

  private log(level: 'info' | 'warn' | 'error', message: string, meta?: Record<string, unknown>): void {
    this.options.log?.(level, message, meta);
  }

  /** One warning per outage, not one per reconnect attempt. */
  private noteOutage(): void {
    if (this.outage || this.closed) return;
    this.outage = true;
    this.log('warn', 'Redis unreachable: jobs wait until it is back; commands are still accepted');
  }

  private connection(forWorker: boolean) {
    return { url: this.options.url, retryStrategy, ...(forWorker ? {} : { enableOfflineQueue: false }) };
  }

  private queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection(false), prefix: this.options.prefix });
      q.on('error', () => this.noteOutage());
      this.queues.set(name, q);
    }
    return q;
  }

  private get reachable(): boolean {
    return this.monitor.status === 'ready';
  }

  async add(queue: QueueName, name: string, data: Record<string, unknown>, options: AddOptions): Promise<void> {
    if (!this.reachable) throw new QueueUnavailableError();
    await withTimeout(
      this.queue(queue).add(name, data, {
        jobId: options.jobId,
        attempts: options.attempts ?? this.options.policy.attempts,
        backoff: { type: 'exponential', delay: this.options.policy.backoffMs },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: false,
      }),
      this.timeoutMs,
    );
  }

  work(queue: QueueName, handler: JobHandler, concurrency = 5): void {
    const worker = new Worker(
      queue,
      async (job: Job) => {
        try {
          await handler({ id: job.id!, name: job.name, data: job.data, attemptsMade: job.attemptsMade });
        } catch (err) {
          if (err instanceof PermanentJobError) throw new UnrecoverableError(safeReason(err));
          throw new Error(safeReason(err));
        }
      },
      { connection: this.connection(true), prefix: this.options.prefix, concurrency, autorun: true },
    );
    worker.on('error', () => this.noteOutage());
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      this.log(final ? 'warn' : 'info', final ? 'job failed and is kept for admins' : 'job attempt failed; retrying', {
        queue,
        jobId: job.id,
        job: job.name,
        attemptsMade: job.attemptsMade,
        reason: job.failedReason,
      });
    });
    this.workers.push(worker);
  }

  every(queue: QueueName, schedulerId: string, name: string, everyMs: number): void {
    this.schedules.push({ queue, id: schedulerId, name, everyMs });
    this.scheduleEnsure(0);
  }

  private scheduleEnsure(delayMs: number): void {
    if (this.closed || this.stopped || this.schedules.length === 0 || this.ensureTimer) return;
    this.ensureTimer = setTimeout(() => {
      this.ensureTimer = undefined;
      void this.ensureSchedules();
    }, delayMs);
    this.ensureTimer.unref();
  }

  /** Upserts every schedule; again after a failure, and whenever Redis becomes ready (it may have lost them). */
  private async ensureSchedules(): Promise<void> {
    if (this.ensuring || this.closed || this.stopped) return;
    this.ensuring = true;
    try {
      for (const s of this.schedules) {
        await withTimeout(
          this.queue(s.queue).upsertJobScheduler(
            s.id,
            { every: s.everyMs },
            { name: s.name, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } },
          ),
          this.timeoutMs,
        );
      }
    } catch {
      this.noteOutage();
      this.ensuring = false;
      this.scheduleEnsure(1000);
      return;
    }
    this.ensuring = false;
  }

  async list(queue: QueueName, state: JobState, limit: number): Promise<JobView[]> {
    if (!this.reachable) throw new QueueUnavailableError();
    const jobs = await withTimeout(
      this.queue(queue).getJobs([state === 'waiting' ? 'wait' : state], 0, Math.max(0, limit - 1), false),
      this.timeoutMs,
    );
    return jobs.filter((j): j is Job => !!j).map((j) => ({
      queue,
      id: j.id!,
      name: j.name,
      state,
      data: j.data ?? {},
      attemptsMade: j.attemptsMade,
      ...(j.failedReason ? { failedReason: j.failedReason } : {}),
      createdAt: new Date(j.timestamp).toISOString(),
      ...(j.finishedOn ? { finishedAt: new Date(j.finishedOn).toISOString() } : {}),
    }));
  }

  async retry(queue: QueueName, jobId: string): Promise<boolean> {
    if (!this.reachable) throw new QueueUnavailableError();
    const job = await withTimeout(this.queue(queue).getJob(jobId), this.timeoutMs);
    if (!job || (await job.getState()) !== 'failed') return false;
    await job.retry('failed');
    return true;
  }

  async counts(queue: QueueName): Promise<JobCounts> {
    if (!this.reachable) throw new QueueUnavailableError();
    const c = await withTimeout(this.queue(queue).getJobCounts(), this.timeoutMs);
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      completed: c.completed ?? 0,
      failed: c.failed ?? 0,
    };
  }

  async status(): Promise<QueueStatus> {
    if (!this.reachable) return 'degraded';
    try {
      await withTimeout(this.monitor.ping(), 500);
      return 'up';
    } catch {
      return 'degraded';
    }
  }

  async stopWorking(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.ensureTimer);
    this.ensureTimer = undefined;
    const workers = this.workers.splice(0);
    await Promise.all(
      workers.map((w) => withTimeout(w.close(), 5000).catch(() => w.close(true).catch(() => undefined))),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopWorking();
    await Promise.all(
      [...this.queues.values()].map((q) =>
        withTimeout(q.close(), 2000).catch(() => q.disconnect().catch(() => undefined)),
      ),
    );
    this.queues.clear();
    this.monitor.disconnect();
  }

  async obliterate(): Promise<void> {
    for (const name of QUEUE_NAMES) {
      const q = this.queue(name);
      for (const s of this.schedules.filter((x) => x.queue === name)) await q.removeJobScheduler(s.id);
      await q.obliterate({ force: true });
    }
  }
}

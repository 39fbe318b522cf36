/**
 * The background-job port. Two implementations: BullMQ on Redis (REDIS_URL set) and an embedded
 * in-process queue (the default). Both give the same guarantees the service relies on: a job id
 * is taken once (adding a job whose id exists changes nothing), failed attempts are retried with
 * exponential backoff, and jobs that ran out of attempts are kept for admins to see and retry.
 * Job data carries ids and codes only, never personal data (DOMAIN.md §10).
 */
export const QUEUE_NAMES = ['deadlines', 'notices'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** How a queue reports itself to /health/ready: `degraded` never fails readiness. */
export type QueueStatus = 'up' | 'degraded' | 'embedded';

export interface JobPolicy {
  /** Attempts per job before it is kept as failed. */
  attempts: number;
  /** The first retry waits this long; each next one twice as long. */
  backoffMs: number;
}

export interface AddOptions {
  /** Deterministic: derived from what the job is about, so adding it twice adds it once. */
  jobId: string;
  /** Overrides the policy (1 for a tick: the next tick is the retry). */
  attempts?: number;
}

export interface RunningJob<D = Record<string, unknown>> {
  id: string;
  name: string;
  data: D;
  /** Attempts already made before this one. */
  attemptsMade: number;
}

export type JobHandler = (job: RunningJob) => Promise<void>;

export interface JobView {
  queue: QueueName;
  id: string;
  name: string;
  state: JobState;
  data: Record<string, unknown>;
  attemptsMade: number;
  failedReason?: string;
  createdAt: string;
  finishedAt?: string;
}

export type JobCounts = Record<JobState, number>;

/** Thrown by a handler when trying again cannot help: the job fails at once and is kept. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/** The queue backend is unreachable: nothing was enqueued. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
  constructor(message = 'the job queue is unavailable') {
    super(message);
  }
}

export interface JobQueue {
  readonly mode: 'redis' | 'embedded';
  /** Enqueues a job unless one with the same id exists; throws QueueUnavailableError fast. */
  add(queue: QueueName, name: string, data: Record<string, unknown>, options: AddOptions): Promise<void>;
  /** Runs `handler` for the queue's jobs in this process. */
  work(queue: QueueName, handler: JobHandler, concurrency?: number): void;
  /** A job named `name` every `everyMs`, one schedule per id across every process. */
  every(queue: QueueName, schedulerId: string, name: string, everyMs: number): void;
  list(queue: QueueName, state: JobState, limit: number): Promise<JobView[]>;
  /** Moves a failed job back to waiting; false when there is no such failed job. */
  retry(queue: QueueName, jobId: string): Promise<boolean>;
  counts(queue: QueueName): Promise<JobCounts>;
  status(): Promise<QueueStatus>;
  /** Stops taking jobs and schedules; waits for the jobs in hand. */
  stopWorking(): Promise<void>;
  close(): Promise<void>;
  /** Removes every job and schedule of every queue (tests). */
  obliterate(): Promise<void>;
}

/** Job failure reasons are shown to admins: keep only a short, non-personal message. */
export function safeReason(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return 'Error';
}

export function backoffDelay(policy: JobPolicy, attemptsMade: number): number {
  return policy.backoffMs * 2 ** Math.max(0, attemptsMade - 1);
}

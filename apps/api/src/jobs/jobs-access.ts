import {
  type JobQueue,
  type JobState,
  type JobView,
  QUEUE_NAMES,
  type QueueName,
  QueueUnavailableError,
} from '@app/scheduling';
import { AppError } from '@app/runtime';

/** How many jobs of one state and queue are looked at for a tenant's list. */
export const SCAN_LIMIT = 1000;

/** Jobs that belong to the caller's tenant (ticks and sweeps belong to none and are not shown). */
export async function tenantJobs(
  jobs: JobQueue,
  tenant: string,
  state: JobState,
  queues: readonly QueueName[] = QUEUE_NAMES,
): Promise<JobView[]> {
  try {
    const lists = await Promise.all(queues.map((q) => jobs.list(q, state, SCAN_LIMIT)));
    return lists
      .flat()
      .filter((j) => j.data.tenant === tenant)
      .sort((a, b) =>
        a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1,
      );
  } catch (err) {
    if (err instanceof QueueUnavailableError) throw queueUnavailable();
    throw err;
  }
}

export const queueUnavailable = () =>
  new AppError(
    'unavailable',
    'queue-unavailable',
    'the job queue is unavailable (Redis unreachable); try again later',
  );

/** What an admin sees of a job: ids, codes, attempts and the failure reason; the tenant is implied. */
export function jobItem(j: JobView) {
  const { tenant: _tenant, ...data } = j.data;
  void _tenant;
  return {
    queue: j.queue,
    id: j.id,
    name: j.name,
    state: j.state,
    attemptsMade: j.attemptsMade,
    ...(j.failedReason ? { failedReason: j.failedReason } : {}),
    createdAt: j.createdAt,
    ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}),
    data,
  };
}

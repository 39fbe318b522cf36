import { Logger, type Provider } from '@nestjs/common';
import { EmbeddedJobQueue } from './embedded-job-queue';
import { type JobQueue } from './job-queue';
import { APP_CONFIG, type AppConfig } from '@app/runtime';

export const JOB_QUEUE = Symbol('JOB_QUEUE');

/**
 * BullMQ when REDIS_URL is set; otherwise the embedded queue, with the same processors in this
 * process. BullMQ and its Redis client are loaded only when they are used.
 */
export async function createJobQueue(config: AppConfig): Promise<JobQueue> {
  const logger = new Logger('Jobs');
  const policy = { attempts: config.jobAttempts, backoffMs: config.jobBackoffMs };
  if (!config.redisUrl) {
    return new EmbeddedJobQueue(policy, (job) =>
      logger.warn(
        { queue: job.queue, jobId: job.id, job: job.name, reason: job.failedReason },
        'job failed and is kept for admins',
      ),
    );
  }
  const { BullJobQueue } = await import('./bull-job-queue');
  return new BullJobQueue({
    url: config.redisUrl,
    prefix: config.redisPrefix,
    policy,
    log: (level, message, meta) =>
      meta
        ? logger[level === 'info' ? 'log' : level](meta, message)
        : logger[level === 'info' ? 'log' : level](message),
  });
}

export const jobQueueProvider: Provider = {
  provide: JOB_QUEUE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createJobQueue(config),
};

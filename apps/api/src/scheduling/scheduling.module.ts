import { type BeforeApplicationShutdown, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { JobQueue } from '@app/scheduling';
import { PersonsModule } from '../persons/persons.module';
import { ListJobsHttpController } from './admin-jobs/list-jobs.http.controller';
import { RetryJobHttpController } from './admin-jobs/retry-job.http.controller';
import { DeadlineRunner } from './deadline-runner';
import { JOB_QUEUE, jobQueueProvider } from './job-queue.provider';

/**
 * Background jobs: the queue (BullMQ on Redis, or embedded), the deadline runner and the admin
 * view of failed jobs. The deadlines read model itself is one of the PROJECTIONS.
 */
@Global()
@Module({
  // The deadline runner asks for a person's cases (retention, DOMAIN.md §10).
  imports: [PersonsModule],
  controllers: [ListJobsHttpController, RetryJobHttpController],
  providers: [jobQueueProvider, DeadlineRunner],
  exports: [JOB_QUEUE, DeadlineRunner],
})
export class SchedulingModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly jobs: JobQueue) {}

  /** No new jobs are taken once shutdown begins; the jobs in hand finish first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.jobs.stopWorking();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.close();
  }
}
